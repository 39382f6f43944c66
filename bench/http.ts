/**
 * HTTP benchmark: the gateway against PostGraphile 5 (bench/postgraphile.ts) and the raw floor
 * (bench/floor.ts) on PostgreSQL at district scale, the GraphQL workloads of bench/workloads.ts,
 * autocannon as the load generator.
 *
 *   npm run bench
 *   BENCH_TARGETS=floor BENCH_DURATION=5 BENCH_ROUNDS=1 npm run bench
 *
 * Environment (all optional):
 *   BENCH_DURATION      seconds per timed cell (5)
 *   BENCH_WARMUP        seconds of untimed load before each cell (1)
 *   BENCH_ROUNDS        interleaved rounds (2); odd rounds run the targets in order, even reversed
 *   BENCH_TARGETS       gateway,gateway-nolog,postgraphile,floor (also: gateway-open)
 *   BENCH_WORKLOADS     W0,W1,W2,W3,W5
 *   BENCH_CONNECTIONS   1,16
 *   BENCH_POSTGRES_URL  an admin URL on the server (postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DATABASE      the database to use or create (lienthong_bench)
 *
 * Each cell gets a freshly started server: its CPU time and peak RSS are then its own, and
 * stopping it makes PostgreSQL flush the statement counters of its connections (see
 * CommitCounter), so statements per request are exact rather than a guess after a sleep.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { CommitCounter, DISTRICT_RESULTS, benchDatabase, ensureDistrictData } from './lib/database.js';
import { runLoad } from './lib/load.js';
import { commitsBetween, describeCommitFloor, measureCommitFloor, readCommitCounts } from './lib/access-log.js';
import { type Cell, accessLogTable, authorizationTable, cellsTable, comparisonSummary, summaryTable } from './lib/report.js';
import { barChartSvg } from './lib/chart.js';
import { type RunningTarget, TARGET_NAMES, type TargetName, startTarget } from './lib/target.js';
import { benchTargets } from './lib/targets.js';
import { type Answers, assertSameAnswers, assertServesGraphql, collectAnswers } from './lib/verify.js';
import { prepareBenchAuth } from './lib/auth.js';
import { W5_FUNCTIONS_DDL } from './lib/w5.js';
import { WORKLOADS, WORKLOAD_NAMES, type WorkloadName, requestBody } from './workloads.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const settings = {
  // 5 s: the whole run, with a fresh server per cell and the district data loaded first, stays within 15 minutes.
  durationSeconds: positive('BENCH_DURATION', 5),
  warmupSeconds: positive('BENCH_WARMUP', 1, true),
  rounds: positive('BENCH_ROUNDS', 2),
  targets: list('BENCH_TARGETS', 'gateway,gateway-nolog,postgraphile,floor', TARGET_NAMES),
  workloads: list('BENCH_WORKLOADS', WORKLOAD_NAMES.join(','), WORKLOAD_NAMES),
  connections: (env.BENCH_CONNECTIONS ?? '1,16').split(',').map((c) => positiveNumber('BENCH_CONNECTIONS', c)),
  adminUrl: env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: env.BENCH_DATABASE ?? 'lienthong_bench',
};
/** Inputs checked for identical answers before timing, per workload. */
const VERIFY_INPUTS = 20;

const db = benchDatabase(settings.adminUrl, settings.database);
await ensureDistrictData(settings.adminUrl, db, root);
const inputs = await sampleInputs(db.url);
const auth = await prepareBenchAuth(root, db.url);
await createW5Functions(db.url);

const SPECS = benchTargets(db, auth);

const counter = new CommitCounter(settings.adminUrl, db);
const logBefore = await accessLogSize(db.url);
// The yardstick of the log's cost, taken while nothing else runs.
const commitFloor = settings.targets.includes('gateway-open') ? await measureCommitFloor(db.url) : null;
/** Per target and workload, the size of the answer to each input, learnt before timing. */
const answerSizes = new Map<TargetName, Map<WorkloadName, readonly number[]>>();
try {
  await verifyTargets();
  const startup = await startupStatements();
  const cells: Cell[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 === 1 ? settings.targets : [...settings.targets].reverse();
    for (const workload of settings.workloads) {
      for (const connections of settings.connections) {
        for (const target of order) {
          const cell = await measureCell(round, workload, connections, target, startup[target]);
          cells.push(cell);
          process.stderr.write(
            `  round ${round} ${workload} c=${connections} ${target}: ${cell.reqPerSec.toFixed(0)} req/s, p50 ${cell.p50.toFixed(2)} ms, p99 ${cell.p99.toFixed(2)} ms, ` +
              `${cell.statementsPerRequest.toFixed(2)} stmts/req${cell.problems.length ? ` INVALID: ${cell.problems.join('; ')}` : ''}\n`,
          );
        }
      }
    }
  }
  writeReport(cells, await counter.serverVersion(), describeLogGrowth(logBefore, await accessLogSize(db.url)));
} catch (error) {
  // Expected failures (a target not ready, differing answers) read better without a stack.
  process.stderr.write(`\nbench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await counter.end();
}

/** The SQL functions PostGraphile exposes for W5 (PostGraphile has no GROUP BY of its own). */
async function createW5Functions(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(W5_FUNCTIONS_DDL);
  } finally {
    await sql.end();
  }
}

async function sampleInputs(url: string): Promise<Record<WorkloadName, string[]>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const entries = await Promise.all(WORKLOAD_NAMES.map(async (name) => [name, await WORKLOADS[name].sample(sql)] as const));
    return Object.fromEntries(entries) as Record<WorkloadName, string[]>;
  } finally {
    await sql.end(); // closing it also flushes its counters before the first cell reads them
  }
}

/**
 * Starts each target once, asks it every input of every workload (learning each answer's size
 * for the checks during timing) and compares the answers to the first inputs across targets.
 */
async function verifyTargets(): Promise<void> {
  const answers = new Map<TargetName, Map<WorkloadName, Answers>>();
  for (const name of settings.targets) {
    const target = await startTarget(SPECS[name], root);
    try {
      await assertServesGraphql(target, SPECS[name].headers.partner);
      const byWorkload = new Map<WorkloadName, Answers>();
      for (const w of settings.workloads) byWorkload.set(w, await collectAnswers(target, SPECS[name], WORKLOADS[w], inputs[w]));
      answers.set(name, byWorkload);
      answerSizes.set(name, new Map([...byWorkload].map(([w, a]) => [w, a.sizes])));
    } finally {
      await target.stop();
    }
  }
  const [reference, ...others] = settings.targets;
  const first = (name: TargetName, w: WorkloadName) => answers.get(name)!.get(w)!.canonical.slice(0, VERIFY_INPUTS);
  for (const other of others) {
    for (const w of settings.workloads) {
      assertSameAnswers(WORKLOADS[w], inputs[w].slice(0, VERIFY_INPUTS), { name: reference!, answers: first(reference!, w) }, { name: other, answers: first(other, w) });
    }
  }
  const checked = others.length ? `identical answers from ${settings.targets.join(' and ')}` : `answers from ${reference} without errors`;
  process.stderr.write(`${checked} on ${VERIFY_INPUTS} inputs of each of ${settings.workloads.join(', ')}\n`);
}

/** Statements a target runs just to start, pass its readiness check and stop, subtracted from every cell. */
async function startupStatements(): Promise<Record<TargetName, number>> {
  const result = Object.fromEntries(TARGET_NAMES.map((name) => [name, 0])) as Record<TargetName, number>;
  for (const name of settings.targets) {
    const before = await counter.readWhenIdle();
    const target = await startTarget(SPECS[name], root);
    await target.stop();
    result[name] = (await counter.readWhenIdle()) - before;
  }
  return result;
}

async function measureCell(round: number, workload: WorkloadName, connections: number, name: TargetName, startup: number): Promise<Cell> {
  const spec = SPECS[name];
  const bodies = inputs[workload].map((input) => requestBody(WORKLOADS[workload], input, spec.dialect));
  // The same seed for every target and round of a cell: each sees the same input sequence.
  const seed = WORKLOAD_NAMES.indexOf(workload) * 1000 + connections;
  const load = { connections, bodies, seed, headers: spec.headers[WORKLOADS[workload].caller], expectedSizes: answerSizes.get(name)?.get(workload) };
  const before = await counter.readWhenIdle();
  const target: RunningTarget = await startTarget(spec, root);
  let cell: Omit<Cell, 'statementsPerRequest'>;
  let sent = 0;
  try {
    const warmup = settings.warmupSeconds > 0 ? await runLoad({ ...load, url: target.url, durationSeconds: settings.warmupSeconds, seed: seed + 500 }) : undefined;
    const start = target.sample();
    const commitsBefore = target.metricsUrl ? await readCommitCounts(target.metricsUrl) : null;
    const timed = await runLoad({ ...load, url: target.url, durationSeconds: settings.durationSeconds });
    const end = target.sample();
    const commitsAfter = target.metricsUrl ? await readCommitCounts(target.metricsUrl) : null;
    sent = (warmup?.sent ?? 0) + timed.sent;
    cell = {
      round,
      workload,
      connections,
      target: name,
      requests: timed.requests,
      reqPerSec: timed.reqPerSec,
      p50: timed.p50,
      p99: timed.p99,
      cpuMsPerRequest: (end.cpuMs - start.cpuMs) / timed.requests,
      peakRssMiB: end.peakRssBytes / 2 ** 20,
      commits: commitsBefore && commitsAfter ? commitsBetween(commitsBefore, commitsAfter) : null,
      problems: [...(warmup?.problems.map((p) => `warm-up: ${p}`) ?? []), ...timed.problems],
    };
  } finally {
    await target.stop();
  }
  // Divided by the requests *sent*, warm-up included: the server also ran those that were still in
  // flight when autocannon stopped, and the warm-up ran the same workload.
  const statements = (await counter.readWhenIdle()) - before - startup;
  return { ...cell, statementsPerRequest: statements / sent };
}

/** The access log on disk: its records, and the bytes of the log and its field sets (tables, indexes, TOAST). */
async function accessLogSize(url: string): Promise<{ records: number; bytes: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: string; bytes: string }[]>`select (select count(*) from gateway.access_log)::text as n,
      (pg_total_relation_size('gateway.access_log') + pg_total_relation_size('gateway.access_log_field_sets'))::text as bytes`;
    return { records: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) };
  } finally {
    await sql.end();
  }
}

/** The commit this run measured, and whether the work tree differed from it (runs of one day share a report name). */
function measuredCode(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const commit = git('rev-parse', '--short', 'HEAD');
  if (commit.status !== 0) return 'commit unknown (not a git checkout)';
  const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'bench', ':!bench/results', ':!*.md', 'bin', 'package-lock.json').stdout.trim() !== '';
  return `commit ${commit.stdout.trim()}${changed ? ' with uncommitted changes to the code' : ''}`;
}

/** What this run's records cost on disk: the growth of the log over the records it added. */
function describeLogGrowth(before: { records: number; bytes: number }, after: { records: number; bytes: number }): string {
  const records = after.records - before.records;
  const perRecord = records > 0 ? (after.bytes - before.bytes) / records : 0;
  return `${records.toLocaleString('en')} records added to the access log by this run, ${Math.round(perRecord)} bytes each on disk (table, indexes, TOAST and field sets; the growth over the run): about ${((perRecord * 1e6) / 2 ** 20).toFixed(0)} MiB per million logged requests`;
}

function writeReport(cells: readonly Cell[], postgresVersion: string, logSize: string): void {
  const date = new Date().toISOString().slice(0, 10);
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  const chartFile = `http-${date}.svg`;
  const hasPostgraphile = settings.targets.includes('postgraphile');
  const text = [
    `# HTTP benchmark, ${date}`,
    '',
    `- machine: ${machine}; load generator, servers and PostgreSQL share it`,
    `- Node ${process.version}, PostgreSQL ${postgresVersion}; database \`${db.name}\` (district scale, ${DISTRICT_RESULTS.toLocaleString('en')} results)`,
    `- ${settings.rounds} interleaved round(s) of ${settings.durationSeconds} s per cell after ${settings.warmupSeconds} s of warm-up; a fresh server process per cell`,
    `- ${measuredCode()}, finished ${new Date().toISOString().slice(11, 16)} UTC`,
    '- req/s (autocannon mean), p50, p99, statements and CPU: median over the valid rounds; peak RSS: the highest VmHWM of the server process',
    '- SQL stmts/req: the `xact_commit` delta of the bench database over the cell, less what the server costs to start and stop, divided by the requests sent (warm-up included); read after the server has stopped, when PostgreSQL has flushed its counters. Every target sends single-statement transactions on these paths, so this is statements per request (pg_stat_statements is not loaded on these machines)',
    '- CPU ms/req: utime + stime of the server process over the timed run / completed requests',
    '- a cell is invalid (left out of the medians) when any response was non-2xx, failed or timed out, carried GraphQL `errors`, or differed in size from the answer that target gave to the same input before timing',
    '',
    ...(hasPostgraphile
      ? [
          '## Side by side',
          '',
          '`gateway`: authorization (row rules) and the access log on; `gateway-nolog`: a grant without row rules and nothing logged (the token, agency, grant and purpose are still checked). Ratios are taken within each round, then the median (and range) over rounds.',
          '',
          comparisonSummary(cells),
          '',
          `![requests per second relative to PostGraphile](${chartFile})`,
          '',
        ]
      : []),
    '## Every target',
    '',
    summaryTable(cells, settings.targets),
    '',
    // W4 and the log's own cost need `gateway-open` (BENCH_TARGETS=gateway,gateway-open,gateway-nolog).
    ...(settings.targets.includes('gateway-open')
      ? [
          '## W4: authorization on versus off',
          '',
          'The same requests with the row-rule grant (`gateway`) and with a grant without rules (`gateway-open`); both verify the token and check the agency, grant and purpose. W4 is W2 in this comparison.',
          '',
          authorizationTable(cells),
          '',
          '## The access log on versus off',
          '',
          'The grant without row rules with the access log (`gateway-open`) and with every category non-personal, so nothing is logged (`gateway-nolog`).',
          '',
          accessLogTable(cells),
          '',
          ...(commitFloor ? [describeCommitFloor(commitFloor), ''] : []),
        ]
      : []),
    logSize,
    '',
    '## Every cell',
    '',
    cellsTable(cells),
    '',
  ].join('\n');
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `http-${date}.md`);
  fs.writeFileSync(file, text);
  if (hasPostgraphile) {
    fs.writeFileSync(path.join(dir, chartFile), barChartSvg(cells, settings.targets, 'postgraphile', `Liên Thông, PostGraphile 5 and the raw floor, ${date} (${machine})`));
  }
  const summary = hasPostgraphile ? comparisonSummary(cells) : summaryTable(cells, settings.targets);
  const logTable = settings.targets.includes('gateway-open') ? `${accessLogTable(cells)}\n\n${commitFloor ? `${describeCommitFloor(commitFloor)}\n\n` : ''}` : '';
  process.stdout.write(`\n${summary}\n\n${logTable}${logSize}\n\nwritten to ${path.relative(root, file)}${hasPostgraphile ? ` and ${chartFile}` : ''}\n`);
}

function positive(name: string, fallback: number, zeroAllowed = false): number {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : positiveNumber(name, raw, zeroAllowed);
}

function positiveNumber(name: string, raw: string, zeroAllowed = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new TypeError(`${name}: expected a whole number${zeroAllowed ? '' : ' above 0'}, got ${JSON.stringify(raw)}`);
  return value;
}

function list<T extends string>(name: string, fallback: string, allowed: readonly T[]): T[] {
  const values = (env[name] ?? fallback).split(',').map((v) => v.trim());
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length || values.length === 0) throw new TypeError(`${name}: expected a comma-separated list of ${allowed.join(', ')}, got ${JSON.stringify(env[name])}`);
  return values as T[];
}
