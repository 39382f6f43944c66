/**
 * Does one agency hammering the gateway slow the others? `npm run bench:rate-limit`
 *
 * A production-mode gateway with the default rate limit (6,000 requests a minute per agency),
 * counted in memory and then through Redis (REDIS_URL, default redis://127.0.0.1:6379). Agency B
 * sends W1 at 50 requests a second (within its budget) for BENCH_DURATION seconds, alone, then
 * while agency A sends W1 as fast as 32 connections allow, which the limit refuses (429) once A's
 * budget is spent. Compare B's latency.
 */
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { prepareBenchAuth } from './lib/auth.js';
import { benchDatabase, ensureDistrictData } from './lib/database.js';
import { type LoadResult, runLoad } from './lib/load.js';
import { startTarget } from './lib/target.js';
import { gatewayTarget } from './lib/targets.js';
import { WORKLOADS, requestBody } from './workloads.js';

const env = process.env;
const adminUrl = env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const duration = Number(env.BENCH_DURATION ?? 10);
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(import.meta.dirname, '..');

const db = benchDatabase(adminUrl, env.BENCH_DATABASE ?? 'lienthong_bench');
await ensureDistrictData(adminUrl, db, root);
const auth = await prepareBenchAuth(root, db.url);
const sql = postgres(db.url, { max: 1, onnotice: () => {} });
const bodies = (await WORKLOADS.W1.sample(sql)).map((input) => requestBody(WORKLOADS.W1, input));
await sql.end();

const line = (who: string, r: LoadResult) =>
  `| ${who} | ${r.reqPerSec.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.problems.join('; ') || '–'} |`;

const rows: string[] = [];
for (const [store, extra] of [
  ['memory', {}],
  ['Redis', { REDIS_URL: redisUrl }],
] as const) {
  const target = await startTarget(
    gatewayTarget(db, auth, { partner: auth.headers.open, env: { LOG_LEVEL: 'error', RATE_LIMIT_REQUESTS: '6000', RATE_LIMIT_WINDOW_S: '60', ...extra } }),
    root,
  );
  try {
    const url = target.url;
    const quiet = (seed: number) => runLoad({ url, connections: 1, durationSeconds: duration, bodies, seed, headers: auth.headers.open, rate: 50 });
    const alone = await quiet(2);
    const [attacked, hammer] = await Promise.all([quiet(3), runLoad({ url, connections: 32, durationSeconds: duration, bodies, seed: 4, headers: auth.headers.scoped })]);
    rows.push(line(`${store}: B alone`, alone), line(`${store}: B while A hammers`, attacked), line(`${store}: A (32 connections)`, hammer));
    process.stderr.write(`${store}: B alone p50 ${alone.p50.toFixed(2)} ms, under attack ${attacked.p50.toFixed(2)} ms\n`);
  } finally {
    await target.stop();
  }
}
const report = [
  `# Rate limits: one agency hammering, another working (${new Date().toISOString().slice(0, 10)}, ${duration} s per run, W1)`,
  '',
  'B: 50 requests a second, within its budget. A: as fast as 32 connections allow; past its budget (6,000 a minute) every request is a 429, counted below as non-2xx and GraphQL errors.',
  '',
  '| who | req/s | p50 ms | p99 ms | refused / problems |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows,
  '',
].join('\n');
const file = path.join(root, 'bench', 'results', `rate-limit-${new Date().toISOString().slice(0, 10)}.md`);
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nwritten to ${path.relative(root, file)}\n`);
