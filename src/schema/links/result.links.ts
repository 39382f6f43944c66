import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { AdministrativeUnit, Citizen, type PopulationContext } from '../../sources/population/index.js';
import { AdministrativeResult } from '../../sources/records/index.js';
import { prefetched } from '../../graphql/prefetch.js';
import { citizenOf, unitOf } from './link-helpers.js';

/** records → population: a result's subject and issuing unit. */
@Resolver(() => AdministrativeResult)
export class ResultLinks {
  @FieldResolver(() => Citizen, { nullable: true, description: 'The citizen the result is about (population source).' })
  subject(@Root() r: AdministrativeResult, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Citizen | null | Promise<Citizen | null> {
    // Attached for a whole page by the prefetcher: answer without a promise.
    const attached = prefetched<Citizen | null>(r, 'subject', ctx.population.plan(info).signature);
    return attached !== undefined ? attached : citizenOf(ctx, info, r.subjectPersonalId);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The issuing unit as it was on the day of issue.' })
  issuingUnit(@Root() r: AdministrativeResult, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, r.issuingUnitCode);
  }
}
