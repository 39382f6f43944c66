/**
 * The one-stop counter's entry point (bộ phận một cửa): for the citizen in front of the officer
 * and the procedure being filed, the still-valid earlier results that procedure may reuse.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../errors/index.js';
import { requireCode, requirePersonalId } from '../../graphql/arguments.js';
import { todayInHanoi } from '../../lib/day.js';
import { type RecordsContext, resultPlanFor } from './records.loaders.js';
import { AdministrativeResult } from './result.type.js';
import { reusableProcedures } from './reuse-map.js';

/** A case reference: letters, digits and . / _ - and spaces, starting with a letter or digit. */
const CASE_REF = /^[\p{L}\p{N}][\p{L}\p{N} ./_-]{0,63}$/u;

@Resolver()
export class CounterQueries {
  @Query(() => [AdministrativeResult], {
    description:
      "The citizen's results that are still valid today and that the procedure being filed may reuse instead of paper (see the reuse map), newest first, with their files. `caseRef` is the dossier being filed at the counter; it is required.",
  })
  async priorResults(
    @Arg('personalId', () => String) personalId: string,
    @Arg('procedureCode', () => String) procedureCode: string,
    @Arg('caseRef', () => String, { description: 'Reference of the case (dossier) being filed, e.g. 000.00.20.H26-251127-0001.' }) caseRef: string,
    @Ctx() ctx: RecordsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AdministrativeResult[]> {
    requirePersonalId(personalId);
    requireCode(procedureCode, 'procedureCode');
    if (!CASE_REF.test(caseRef)) throw new BadUserInputError('caseRef: expected the reference of the case being filed (1 to 64 letters, digits, spaces or . / _ -)', { details: { argument: 'caseRef' } });
    if (!(await ctx.records.repository.procedureExists(procedureCode))) throw new BadUserInputError('procedureCode: no such procedure in the catalogue', { details: { argument: 'procedureCode' } });
    const reusable = reusableProcedures(procedureCode);
    if (reusable.length === 0) return [];
    const rows = await ctx.records.repository.reusableResults(resultPlanFor(info), personalId, reusable, todayInHanoi(), ctx.records.scope);
    await ctx.prefetch?.('AdministrativeResult', rows, info, []);
    return rows as unknown as AdministrativeResult[];
  }
}
