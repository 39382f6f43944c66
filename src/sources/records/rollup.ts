import type { SourceConnection } from '../../db/index.js';

/**
 * Recomputes the analysts' rollup of the results (records.results_rollup) from the rows. Whoever
 * loads results in bulk calls it afterwards; the gateway itself never writes results.
 */
export async function refreshRollups(connection: SourceConnection): Promise<void> {
  await connection.query('REFRESH MATERIALIZED VIEW records.results_rollup');
  await connection.query('ANALYZE records.results_rollup');
}
