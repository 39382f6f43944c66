import type { Config } from '../config/index.js';
import { SOURCE_NAMES } from '../config/index.js';
import { openLockedStorage } from '../db/index.js';
import { LienThongError } from '../errors/index.js';
import { type Scale, planFor } from '../seed/plan.js';
import { type SeedProgress, type SeedReport, seed } from '../seed/seed.js';
import { SEED_ORDER } from '../seed/tables.js';

export async function seedCommand(config: Config, options: { scale: Scale; seed: number; replace: boolean }): Promise<SeedReport> {
  if (options.scale === 'city' && SOURCE_NAMES.some((s) => config.storage[s].kind === 'pglite')) {
    throw new LienThongError('BAD_USER_INPUT', 'The city scale (about 8.5 million citizens) needs PostgreSQL: set DATABASE_URL.');
  }
  // COPY streams hold a connection each; keep the pool roomy and without a statement deadline.
  const storage = await openLockedStorage(config, { poolMax: 4 });
  try {
    process.stderr.write(`seeding scale ${options.scale} (seed ${options.seed}) into ${describe(storage.describe())}\n`);
    const report = await seed(storage, planFor(options.scale, options.seed), { replace: options.replace, onProgress: printProgress });
    printReport(report);
    return report;
  } finally {
    await storage.close();
  }
}

function describe(where: Record<string, string>): string {
  const distinct = [...new Set(Object.values(where))];
  return distinct.length === 1 ? (distinct[0] as string) : distinct.join('; ');
}

function printProgress(p: SeedProgress): void {
  const where = p.districtCount > 1 && p.districtIndex > 0 ? ` ${p.districtIndex}/${p.districtCount} ${p.district}` : p.district ? ` ${p.district}` : '';
  process.stderr.write(
    `  ${p.phase}${where}: ${p.rows.citizens.toLocaleString('en')} citizens, ${p.rows.results.toLocaleString('en')} results, ${p.rows.documents.toLocaleString('en')} files\n`,
  );
}

function printReport(report: SeedReport): void {
  const out = process.stdout;
  out.write('\nrows loaded\n');
  for (const table of SEED_ORDER) out.write(`  ${table.padEnd(20)} ${report.rows[table].toLocaleString('en').padStart(12)}\n`);
  out.write('\nrecord files and pages by level (read back from the records source)\n');
  for (const t of report.totals) out.write(`  ${t.level.padEnd(10)} ${t.files.toLocaleString('en').padStart(10)} files ${t.pages.toLocaleString('en').padStart(12)} pages\n`);
  out.write(`\nseeded in ${(report.milliseconds / 1000).toFixed(1)} s\n`);
}
