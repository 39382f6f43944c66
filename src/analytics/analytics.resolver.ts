/**
 * The analysts' root fields. Who may call them is the policy's decision like any other field
 * (the `aggregates` category); what they can never return is the semantic layer's: no dimension
 * or measure names a person.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireCode } from '../graphql/arguments.js';
import { type AggregateDeps, runAggregate } from './aggregate.service.js';
import { AggregateDataset, AggregateDimension, AggregateFilterInput, AggregateMeasure, AggregateTable } from './aggregate.types.js';
import { digitizationProgress } from './digitization.js';
import { DigitizationLevel, DigitizationProgress, DigitizationUnits } from './digitization.types.js';

export interface AnalyticsContext {
  readonly analytics: AggregateDeps;
}

@Resolver()
export class AnalyticsQueries {
  @Query(() => AggregateTable, {
    nullable: true,
    description: 'Measures of a dataset grouped by its dimensions, with small cells suppressed (see AggregateTable.minCellCount and CellStatus).',
  })
  async aggregate(
    @Arg('dataset', () => AggregateDataset) dataset: string,
    @Arg('measures', () => [AggregateMeasure]) measures: string[],
    @Arg('groupBy', () => [AggregateDimension], { nullable: true }) groupBy: string[] | null,
    @Arg('filter', () => [AggregateFilterInput], { nullable: true }) filter: AggregateFilterInput[] | null,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<AggregateTable> {
    const filters = (filter ?? []).map((f) => ({ dimension: f.dimension, ...(f.in != null ? { in: f.in } : {}), ...(f.min != null ? { min: f.min } : {}), ...(f.max != null ? { max: f.max } : {}) }));
    return (await runAggregate({ dataset, measures, groupBy: groupBy ?? [], filter: filters }, ctx.analytics)) as AggregateTable;
  }

  @Query(() => DigitizationProgress, { nullable: true, description: 'Digitization progress per unit and level by the end of `year`, against the city targets.' })
  async digitizationProgress(
    @Arg('year', () => Int) year: number,
    @Arg('level', () => DigitizationLevel, { nullable: true }) level: DigitizationLevel | null,
    @Arg('units', () => DigitizationUnits, { nullable: true, description: 'Default ISSUING_UNIT.' }) units: DigitizationUnits | null,
    @Arg('district', () => String, { nullable: true, description: 'Only results issued in this former district (its code).' }) district: string | null,
    @Ctx() ctx: AnalyticsContext,
  ): Promise<DigitizationProgress> {
    return (await digitizationProgress({ year, level: level ?? null, units: units ?? DigitizationUnits.ISSUING_UNIT, district: district == null ? null : requireCode(district, 'district') }, ctx.analytics)) as DigitizationProgress;
  }
}
