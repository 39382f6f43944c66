/** The records source: the digitized results store and the procedure catalogue. */
import type { SourceConnection } from '../../db/index.js';
import { RecordsLoaders } from './records.loaders.js';
import { RecordsRepository } from './records.repository.js';
import { RecordsQueries } from './records.resolver.js';

export { AdministrativeResult, Procedure, ProcedureLevel, ResultDocument, ResultStatus } from './result.type.js';
export { RecordsLoaders, resultPlanFor, type RecordsContext } from './records.loaders.js';

export const recordsResolvers = [RecordsQueries] as const;

export function createRecordsSource(connection: SourceConnection) {
  const repository = new RecordsRepository(connection);
  return { createLoaders: () => new RecordsLoaders(repository) };
}
