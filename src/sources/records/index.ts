/** The records source: the digitized results store and the procedure catalogue. */
import type { SourceConnection } from '../../db/index.js';
import { RecordsLoaders } from './records.loaders.js';
import { RecordsRepository } from './records.repository.js';
import { CounterQueries } from './counter.resolver.js';
import { RecordsQueries, ResultConnectionFields } from './records.resolver.js';
import type { ResultScope } from './result.scope.js';

export { AdministrativeResult, Procedure, ProcedureLevel, ResultDocument, ResultStatus } from './result.type.js';
export { RecordsLoaders, resultPlanFor, type RecordsContext } from './records.loaders.js';

export { refreshRollups } from './rollup.js';
export { ALLOCATION_BUCKETS, type ResultScope } from './result.scope.js';
export { REUSE_MAP, reusableProcedures } from './reuse-map.js';
export { RESULTS_DATASET } from './results.dataset.js';

export const recordsResolvers = [RecordsQueries, ResultConnectionFields, CounterQueries] as const;

export function createRecordsSource(connection: SourceConnection) {
  const repository = new RecordsRepository(connection);
  return { createLoaders: (scope: ResultScope | null = null) => new RecordsLoaders(repository, scope) };
}
