/**
 * What a one-workload script (`bench:profile`, `bench:ab`) needs before it starts a target: the
 * district database (loaded if missing), the bench's token issuer, the sampled inputs, and the
 * SQL functions PostGraphile answers W5 with, so any target can be asked any workload.
 */
import postgres from 'postgres';
import { type BenchAuth, prepareBenchAuth } from './auth.js';
import { type BenchDatabase, benchDatabase, ensureDistrictData } from './database.js';
import { W5_FUNCTIONS_DDL } from './w5.js';
import type { Workload } from '../workloads.js';

export interface PreparedWorkload {
  readonly db: BenchDatabase;
  readonly auth: BenchAuth;
  readonly inputs: readonly string[];
}

export async function prepareWorkload(root: string, workload: Workload): Promise<PreparedWorkload> {
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const db = benchDatabase(adminUrl, process.env.BENCH_DATABASE ?? 'lienthong_bench');
  await ensureDistrictData(adminUrl, db, root);
  const auth = await prepareBenchAuth(root, db.url);
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    const inputs = await workload.sample(sql);
    await sql.unsafe(W5_FUNCTIONS_DDL);
    return { db, auth, inputs };
  } finally {
    await sql.end();
  }
}
