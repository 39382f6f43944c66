/** Small helpers the cross-source links share (unitOf and citizenOf come from the population source). */
import type { GraphQLResolveInfo } from 'graphql';
import type { Citizen, PopulationContext } from '../../sources/population/index.js';

export { citizenOf, unitOf } from '../../sources/population/index.js';

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
