/**
 * Seeds every source with one deterministic data set: the unit catalogue and lineage, the
 * procedure catalogue, then district by district the residents (with their civil-status,
 * land and business records) and the digitized results.
 */
import { SOURCE_NAMES, type SourceName } from '../config/index.js';
import type { Storage } from '../db/storage.js';
import { LienThongError } from '../errors/index.js';
import { dayOf } from '../lib/day.js';
import { Random } from '../lib/random.js';
import { PROCEDURES } from './catalog/procedures.js';
import { type Emit, SeedCounters } from './context.js';
import { CopyWriter } from './copy-writer.js';
import { refreshRollups } from '../sources/records/rollup.js';
import { createSecondaryIndexes, dropSecondaryIndexes } from './deferred-indexes.js';
import type { SeedPlan } from './plan.js';
import { PopulationGenerator } from './population.gen.js';
import { ResultsGenerator } from './results.gen.js';
import { SEED_ORDER, SEED_TABLES, type SeedTable, qualifiedName } from './tables.js';

export interface SeedProgress {
  district: string;
  districtIndex: number;
  districtCount: number;
  phase: 'reference' | 'population' | 'results' | 'finishing';
  rows: Readonly<Record<SeedTable, number>>;
}

export interface SeedReport {
  rows: Record<SeedTable, number>;
  /** Record files and pages per procedure level, read back from the records database. */
  totals: Array<{ level: string; files: number; pages: number }>;
  milliseconds: number;
}

export interface SeedOptions {
  onProgress?: (progress: SeedProgress) => void;
  /** Empty the seeded tables first instead of refusing when data is present. */
  replace?: boolean;
}

const HOUSEHOLDS_PER_STEP = 400;
const RESULTS_PER_STEP = 2_000;

/**
 * Generates the plan's rows straight into `emit`. Pure and synchronous apart from `step`, which
 * the caller uses to flush; the same plan always produces the same rows in the same order.
 */
export async function generate(plan: SeedPlan, emit: Emit, step: () => Promise<void> = async () => {}, onPhase?: (p: Omit<SeedProgress, 'rows'>) => void): Promise<void> {
  const asOf = dayOf(plan.asOf);
  const districtCount = plan.districts.length;
  onPhase?.({ district: '', districtIndex: 0, districtCount, phase: 'reference' });
  for (const { spec } of plan.districts) {
    for (const u of spec.units) emit('units', [u.code, u.name, u.level, u.parentCode, u.validFrom, u.validTo]);
    for (const l of spec.lineage) emit('unitLineage', [l.from, l.to, l.on, l.kind, l.share.toFixed(4), l.note]);
  }
  for (const p of PROCEDURES) emit('procedures', [p.code, p.name, p.nameEn, p.domain, p.level, p.validityMonths]);

  const counters = new SeedCounters();
  const root = new Random(plan.seed);
  for (const [index, district] of plan.districts.entries()) {
    const label = district.spec.code;
    onPhase?.({ district: district.spec.name, districtIndex: index + 1, districtCount, phase: 'population' });
    const population = new PopulationGenerator(district, root.fork(`population:${label}`), counters, asOf, emit);
    while (population.next(HOUSEHOLDS_PER_STEP)) await step();
    await step();
    onPhase?.({ district: district.spec.name, districtIndex: index + 1, districtCount, phase: 'results' });
    const results = new ResultsGenerator(district, population.people, root.fork(`results:${label}`), counters, asOf, emit);
    while (results.next(RESULTS_PER_STEP)) await step();
    await step();
  }
}

export async function seed(storage: Storage, plan: SeedPlan, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  if (options.replace) await emptySeededTables(storage);
  else await refuseIfSeeded(storage);

  const writer = new CopyWriter(storage);
  let phase: Omit<SeedProgress, 'rows'> = { district: '', districtIndex: 0, districtCount: plan.districts.length, phase: 'reference' };
  let lastReport = 0;
  const report = () => options.onProgress?.({ ...phase, rows: writer.rows });
  await dropSecondaryIndexes(storage);
  try {
    await generate(
      plan,
      writer.emit,
      async () => {
        await writer.maybeFlush();
        if (performance.now() - lastReport > 2_000) {
          lastReport = performance.now();
          report();
        }
      },
      (p) => {
        phase = p;
        report();
      },
    );
    await writer.finish();
  } finally {
    // Also after a failure: the tables must never be left without their indexes.
    phase = { ...phase, phase: 'finishing' };
    report();
    await createSecondaryIndexes(storage);
  }
  await analyze(storage);
  await refreshRollups(storage.sources.records);
  return { rows: { ...writer.rows }, totals: await resultTotals(storage), milliseconds: Math.round(performance.now() - started) };
}

/** True when any seeded table holds a row. */
export async function isSeeded(storage: Storage): Promise<boolean> {
  const probes = await Promise.all(
    (['units', 'citizens', 'results'] as const).map((t) => storage.sources[SEED_TABLES[t].source].query(`SELECT 1 FROM ${qualifiedName(t)} LIMIT 1`)),
  );
  return probes.some((rows) => rows.length > 0);
}

async function refuseIfSeeded(storage: Storage): Promise<void> {
  if (await isSeeded(storage)) {
    throw new LienThongError('ALREADY_SEEDED', 'The sources already hold data. Run `lienthong seed --replace` to empty them and seed again.');
  }
}

async function emptySeededTables(storage: Storage): Promise<void> {
  for (const source of SOURCE_NAMES) {
    const tables = SEED_ORDER.filter((t) => SEED_TABLES[t].source === source).map(qualifiedName);
    if (tables.length > 0) await storage.sources[source].query(`TRUNCATE ${tables.join(', ')} CASCADE`);
  }
}

async function analyze(storage: Storage): Promise<void> {
  const sources = new Set<SourceName>(SEED_ORDER.map((t) => SEED_TABLES[t].source));
  for (const source of sources) {
    const tables = SEED_ORDER.filter((t) => SEED_TABLES[t].source === source).map(qualifiedName);
    await storage.sources[source].query(`ANALYZE ${tables.join(', ')}`);
  }
}

export async function resultTotals(storage: Storage): Promise<SeedReport['totals']> {
  const rows = await storage.sources.records.query<{ level: string; files: number; pages: number }>(
    `SELECT p.level::text AS level, count(*)::int AS files, coalesce(sum(r.page_count), 0)::int AS pages
       FROM records.results r JOIN records.procedures p ON p.code = r.procedure_code
      GROUP BY p.level ORDER BY p.level`,
  );
  return rows.map((r) => ({ level: r.level, files: Number(r.files), pages: Number(r.pages) }));
}
