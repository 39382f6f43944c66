/**
 * What the access log costs to write, from two sides.
 * - The floor: the cheapest durable write this machine allows. At one connection a logged request
 *   cannot be faster than an unlogged one plus one of these. Timed as an empty round trip
 *   (`SELECT 1`) and a one-row autocommit insert of about a record's size (a round trip and a WAL
 *   flush), one after another on one postgres.js connection, on an otherwise idle server.
 * - The gateway's own commits, read from its metrics: how many records a commit carried (group
 *   commit under load) and how long one took.
 */
import postgres from 'postgres';

export interface CommitFloor {
  /** Median milliseconds of `SELECT 1`. */
  readonly roundTripMs: number;
  /** Median milliseconds of a committed one-row insert. */
  readonly durableInsertMs: number;
}

const TIMES = 400;
const TABLE = 'public.bench_commit_floor';

export async function measureCommitFloor(url: string): Promise<CommitFloor> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (id bigserial PRIMARY KEY, v text NOT NULL)`);
    const row = 'x'.repeat(800);
    const roundTripMs = await medianMs(() => sql`SELECT 1`);
    const durableInsertMs = await medianMs(() => sql.unsafe(`INSERT INTO ${TABLE} (v) VALUES ($1)`, [row], { prepare: true }));
    return { roundTripMs, durableInsertMs };
  } finally {
    await sql.unsafe(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await sql.end();
  }
}

async function medianMs(run: () => PromiseLike<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < TIMES; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function describeCommitFloor(floor: CommitFloor): string {
  return `The cheapest durable write here, measured before the rounds on the idle server at one connection (median of ${TIMES}): an empty round trip (\`SELECT 1\`) ${floor.roundTripMs.toFixed(2)} ms, a one-row autocommit insert (round trip and WAL flush) ${floor.durableInsertMs.toFixed(2)} ms. At one connection a logged request takes at least an unlogged one plus the latter.`;
}

/** The access log's commits, as the gateway's metrics count them. */
export interface CommitCounts {
  readonly commits: number;
  readonly records: number;
  readonly seconds: number;
}

/** The commit counters of a gateway started with `metrics` (all zero when nothing was logged). */
export async function readCommitCounts(metricsUrl: string): Promise<CommitCounts> {
  const text = await (await fetch(metricsUrl)).text();
  const value = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.slice(name.length + 1)) : 0;
  };
  return {
    commits: value('lienthong_access_log_commit_duration_seconds_count'),
    records: value('lienthong_access_log_records_total'),
    seconds: value('lienthong_access_log_commit_duration_seconds_sum'),
  };
}

/** What happened between two readings: records per commit and the mean commit time, or null if nothing was committed. */
export function commitsBetween(before: CommitCounts, after: CommitCounts): { recordsPerCommit: number; commitMs: number } | null {
  const commits = after.commits - before.commits;
  if (commits <= 0) return null;
  return { recordsPerCommit: (after.records - before.records) / commits, commitMs: ((after.seconds - before.seconds) * 1000) / commits };
}
