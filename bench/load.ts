/**
 * Load-time benchmark: migrates and seeds a scale into a throwaway PostgreSQL database and/or a
 * temporary PGlite directory and prints the time, throughput and peak memory of each.
 *
 *   npm run bench:load                                  district scale, both engines
 *   npm run bench:load -- --scale city --engine postgres
 *
 * Run through `npm run bench:load`, which caps the V8 heap as `lienthong seed` does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { SOURCE_NAMES, type SourceName } from '../src/config/index.js';
import type { SourceStorage } from '../src/config/config.js';
import { migrateAll, openStorage } from '../src/db/index.js';
import { SCALES, type Scale, planFor } from '../src/seed/plan.js';
import { seed } from '../src/seed/seed.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'district' },
    engine: { type: 'string', default: 'both' },
    keep: { type: 'boolean', default: false },
  },
});
const scale = values.scale as Scale;
if (!SCALES.includes(scale)) throw new TypeError(`--scale must be one of ${SCALES.join(', ')}`);
const engines = values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine as string];
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  engine: string;
  seconds: number;
  rows: number;
  files: number;
  pages: number;
  peakRssMiB: number;
}

async function measure(engine: string, where: SourceStorage): Promise<Row> {
  const storage = await openStorage({ storage: Object.fromEntries(SOURCE_NAMES.map((s) => [s, where])) as Record<SourceName, SourceStorage> }, { poolMax: 8 });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  try {
    await migrateAll(storage);
    const started = performance.now();
    const report = await seed(storage, planFor(scale), {
      onProgress: (p) => process.stderr.write(`  [${engine}] ${p.phase} ${p.districtIndex}/${p.districtCount}: ${p.rows.citizens.toLocaleString('en')} citizens, ${p.rows.results.toLocaleString('en')} results\n`),
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      engine,
      seconds,
      rows: Object.values(report.rows).reduce((a, b) => a + b, 0),
      files: report.totals.reduce((a, t) => a + t.files, 0),
      pages: report.totals.reduce((a, t) => a + t.pages, 0),
      peakRssMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await storage.close();
  }
}

const rows: Row[] = [];
for (const engine of engines) {
  if (engine === 'postgres') {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const name = `lienthong_bench_load_${scale}`;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      rows.push(await measure('PostgreSQL (postgres.js, COPY FROM STDIN)', { kind: 'postgres', url: url.toString() }));
    } finally {
      if (!values.keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } else if (engine === 'pglite') {
    if (scale === 'city') throw new TypeError('the city scale is PostgreSQL only');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-'));
    try {
      rows.push(await measure('PGlite (file-backed, COPY FROM blob)', { kind: 'pglite', dataDir: dir }));
    } finally {
      if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    throw new TypeError(`unknown engine ${engine}`);
  }
}

const cpu = os.cpus();
const lines = [
  `# Load benchmark, scale ${scale}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}; generator, loader and database share the machine.`,
  '',
  '| engine | seconds | rows | rows/s | record files | pages | peak RSS (MiB) |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.engine} | ${r.seconds.toFixed(1)} | ${r.rows.toLocaleString('en')} | ${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${r.files.toLocaleString('en')} | ${r.pages.toLocaleString('en')} | ${r.peakRssMiB} |`,
  ),
];
process.stdout.write(`\n${lines.join('\n')}\n`);
const resultsDir = path.resolve(import.meta.dirname, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `load-${scale}-${new Date().toISOString().slice(0, 10)}.md`);
fs.writeFileSync(file, `${lines.join('\n')}\n`);
process.stdout.write(`written to ${path.relative(process.cwd(), file)}\n`);
