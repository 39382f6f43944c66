/** Small helpers the cross-source links share. */
import type { GraphQLResolveInfo } from 'graphql';
import type { AdministrativeUnit, Citizen, PopulationContext } from '../../sources/population/index.js';

/** A unit of the catalogue (population source), or null. */
export async function unitOf(ctx: PopulationContext, code: string | null | undefined): Promise<AdministrativeUnit | null> {
  return code ? ((await ctx.population.units.get()).byCode.get(code) ?? null) : null;
}

/** A citizen by personal ID (population source), reading what `info` asks, or null. */
export async function citizenOf(ctx: PopulationContext, info: GraphQLResolveInfo, id: string | null | undefined): Promise<Citizen | null> {
  return id ? ((await ctx.population.citizen(ctx.population.plan(info)).load(id)) as Citizen | null) : null;
}

/** Citizens by personal IDs, in the given order, skipping IDs the registry does not hold. */
export async function citizensOf(ctx: PopulationContext, info: GraphQLResolveInfo, ids: readonly string[] | null | undefined): Promise<Citizen[]> {
  if (!ids || ids.length === 0) return [];
  const rows = await ctx.population.citizen(ctx.population.plan(info)).loadMany(ids);
  const found: Citizen[] = [];
  for (const row of rows) {
    if (row instanceof Error) throw row;
    if (row) found.push(row as unknown as Citizen);
  }
  return found;
}
