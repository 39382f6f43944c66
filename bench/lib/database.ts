/**
 * The benchmark database: make sure `lienthong_bench` holds the district data (loading it through
 * the project's own CLI when it does not), and count the transactions committed in it.
 */
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

/** `records.results` at district scale (README: 213,420 + 86,257 record files, one result each). */
export const DISTRICT_RESULTS = 299_677;

export interface BenchDatabase {
  /** URL of the bench database, handed to the targets. */
  readonly url: string;
  readonly name: string;
}

export function benchDatabase(serverUrl: string, name: string): BenchDatabase {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/**
 * Reuses the database when it holds the district; otherwise (missing, empty, a half-finished seed)
 * rebuilds it from scratch: seeding refuses sources that already hold data, and a partial load
 * would skew every figure.
 */
export async function ensureDistrictData(adminUrl: string, db: BenchDatabase, cwd: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let reuse = false;
  try {
    const [exists] = await admin`select 1 as one from pg_database where datname = ${db.name}`;
    reuse = exists !== undefined && (await countResults(db.url)) === DISTRICT_RESULTS;
    if (!reuse) {
      process.stderr.write(`preparing ${db.name}: migrate + seed --scale district (about 30 s)…\n`);
      await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(db.name)} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${quoteIdent(db.name)}`);
    }
  } finally {
    await admin.end();
  }
  // Migrating is safe to repeat, and keeps a reused database in step with migrations added since
  // it was seeded (the gateway is developed against the current ones).
  lienthong(cwd, db, ['migrate'], reuse);
  if (reuse) return;
  lienthong(cwd, db, ['seed', '--scale', 'district'], false);
  const count = await countResults(db.url);
  if (count !== DISTRICT_RESULTS) throw new Error(`${db.name} holds ${count} results after seeding, expected ${DISTRICT_RESULTS}`);
  // Fresh statistics and visibility maps now, so autovacuum does not wake up in the middle of a
  // timed cell and every target gets the same plans.
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    await sql`vacuum (analyze)`;
  } finally {
    await sql.end();
  }
}

/**
 * Environment that puts every source of a child process on the bench database: a stray
 * <SOURCE>_DATABASE_URL inherited from the shell would move that source elsewhere (an empty value
 * counts as unset).
 */
export function databaseEnv(db: BenchDatabase): Record<string, string> {
  const env: Record<string, string> = Object.fromEntries(Object.keys(process.env).filter((k) => k.endsWith('_DATABASE_URL')).map((k) => [k, '']));
  // Both targets get the same pool size (BENCH_POOL_MAX, default the gateway's own default).
  return { ...env, DATABASE_URL: db.url, DB_POOL_MAX: process.env.BENCH_POOL_MAX ?? '4' };
}

/** Runs the project's CLI on the bench database; `quiet` shows its output only if it fails. */
export function lienthong(cwd: string, db: BenchDatabase, args: string[], quiet: boolean): void {
  const run = spawnSync(process.execPath, ['bin/lienthong.mjs', ...args], {
    cwd,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...databaseEnv(db), LOG_LEVEL: 'warn' },
  });
  if (run.status !== 0) {
    if (quiet) process.stderr.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
    throw new Error(`lienthong ${args.join(' ')} failed (exit ${run.status ?? run.signal})`);
  }
}

async function countResults(url: string): Promise<number | undefined> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from records.results`;
    return row?.n;
  } catch {
    return undefined; // no records schema yet
  } finally {
    await sql.end();
  }
}

/**
 * Reads `pg_stat_database.xact_commit` of the bench database. It connects to the *admin* database
 * on purpose: the harness's own reads then never count as statements of the bench database.
 */
export class CommitCounter {
  private readonly sql: postgres.Sql;

  constructor(
    adminUrl: string,
    private readonly db: BenchDatabase,
  ) {
    this.sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  }

  /**
   * Waits until no backend is connected to the bench database, then reads the counter. A backend
   * flushes its counters to shared memory at most once a second while busy and holds the rest for
   * up to 10 s when idle (PG 15); only its exit flushes them for certain. So the caller stops the
   * target first, and this waits for the target's backends to be gone.
   */
  async readWhenIdle(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.sql<{ backends: number }[]>`
        select count(*)::int as backends from pg_stat_activity
        where datname = ${this.db.name} and backend_type = 'client backend'`;
      if (row?.backends === 0) break;
      if (Date.now() > deadline) throw new Error(`${row?.backends} backends still connected to ${this.db.name}`);
      await sleep(100);
    }
    // An exiting backend flushes its counters (a before_shmem_exit hook) before it leaves
    // pg_stat_activity (an on_shmem_exit hook), so the counter is complete now.
    const [row] = await this.sql<{ commits: string }[]>`
      select xact_commit::text as commits from pg_stat_database where datname = ${this.db.name}`;
    if (!row) throw new Error(`no pg_stat_database row for ${this.db.name}`);
    return Number(row.commits);
  }

  async serverVersion(): Promise<string> {
    const [row] = await this.sql<{ server_version: string }[]>`show server_version`;
    return row?.server_version ?? 'unknown';
  }

  end(): Promise<void> {
    return this.sql.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
