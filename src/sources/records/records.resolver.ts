import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../errors/index.js';
import { requireCode, requirePersonalId } from '../../graphql/arguments.js';
import { PAGE_ARGS_DESCRIPTION, decodeCursor, pageSize, parseIdKey, toConnection } from '../../graphql/pagination.js';
import { resultPlanFor, type RecordsContext } from './records.loaders.js';
import { ResultConnection, ResultFilter } from './result.inputs.js';
import { AdministrativeResult, Procedure, ProcedureLevel } from './result.type.js';

@Resolver()
export class RecordsQueries {
  @Query(() => AdministrativeResult, { nullable: true, description: 'One result by id; null when there is none.' })
  async result(@Arg('id', () => ID) id: string, @Ctx() ctx: RecordsContext, @Info() info: GraphQLResolveInfo): Promise<AdministrativeResult | null> {
    const key = parseIdKey(String(id));
    if (key === null) throw new BadUserInputError('id: a result id is a whole number', { details: { argument: 'id' } });
    return (await ctx.records.result(resultPlanFor(info)).load(key)) as AdministrativeResult | null;
  }

  @Query(() => ResultConnection, { nullable: true, description: 'Results matching a filter, a page at a time, ordered by id.' })
  async results(
    @Arg('filter', () => ResultFilter, { nullable: true }) filter: ResultFilter | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS_DESCRIPTION.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS_DESCRIPTION.after }) after: string | null,
    @Ctx() ctx: RecordsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResultConnection> {
    const size = pageSize(first);
    const afterId = decodeCursor(after, parseIdKey);
    const values = checkFilter(filter ?? {});
    const rows = await ctx.records.repository.resultsPage(resultPlanFor(info, ['edges', 'node']), values, afterId, size + 1, ctx.records.scope);
    await ctx.prefetch?.('AdministrativeResult', rows.slice(0, size), info, ['edges', 'node']);
    return { ...toConnection(rows as unknown as AdministrativeResult[], size, (r) => r.id), count: () => ctx.records.repository.countResults(values, ctx.records.scope) };
  }

  @Query(() => [Procedure], { nullable: true, description: 'The procedure catalogue.' })
  async procedures(
    @Arg('domain', () => String, { nullable: true }) domain: string | null,
    @Arg('level', () => ProcedureLevel, { nullable: true }) level: ProcedureLevel | null,
    @Ctx() ctx: RecordsContext,
  ): Promise<Procedure[]> {
    // type-graphql passes an omitted argument as undefined.
    return (await ctx.records.repository.procedures(domain == null ? null : requireCode(domain, 'domain'), level ?? null)) as unknown as Procedure[];
  }
}

function checkFilter(filter: ResultFilter): ResultFilter {
  if (filter.subjectPersonalId) requirePersonalId(filter.subjectPersonalId, 'filter.subjectPersonalId');
  if (filter.procedureCode) requireCode(filter.procedureCode, 'filter.procedureCode');
  if (filter.issuingUnitCode) requireCode(filter.issuingUnitCode, 'filter.issuingUnitCode');
  if (filter.domain) requireCode(filter.domain, 'filter.domain');
  return filter;
}

@Resolver(() => ResultConnection)
export class ResultConnectionFields {
  @FieldResolver(() => Int, { nullable: true, description: 'How many results match the filter (counted only when asked for).' })
  totalCount(@Root() page: ResultConnection): Promise<number> {
    return page.count();
  }
}
