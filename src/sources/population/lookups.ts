/**
 * The two lookups every resolver touching this source needs: a unit of the catalogue by code,
 * and a citizen by personal ID read as the query asks. Exported, so cross-source links use the
 * same ones.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Citizen } from './citizen.type.js';
import type { PopulationContext } from './population.loaders.js';
import type { AdministrativeUnit } from './unit.type.js';

/** A unit of the catalogue, or null (no code, or a code the catalogue does not hold). */
export async function unitOf(ctx: PopulationContext, code: string | null | undefined): Promise<AdministrativeUnit | null> {
  return code ? ((await ctx.population.units.get()).byCode.get(code) ?? null) : null;
}

/** A citizen by personal ID, reading what `info` asks, or null. */
export async function citizenOf(ctx: PopulationContext, info: GraphQLResolveInfo, id: string | null | undefined): Promise<Citizen | null> {
  return id ? ((await ctx.population.citizen(ctx.population.plan(info)).load(id)) as Citizen | null) : null;
}
