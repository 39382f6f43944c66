/**
 * Prepares, once per run, what the storage suites start from on each engine:
 *  - PGlite: data-directory dumps of a migrated and of a demo-seeded database, which each test
 *    file loads into its own in-memory instance (about 0.4 s instead of creating one);
 *  - PostgreSQL: template databases (migrated, seeded) on the machine's server, from which each
 *    test file clones its own throwaway database. All are dropped at the end.
 * The PostgreSQL server is required, not optional: CI starts it (`.ci/run`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { SOURCE_NAMES } from '../../src/config/index.js';
import { migrateAll, openStorage } from '../../src/db/index.js';
import { planFor } from '../../src/seed/plan.js';
import { seed } from '../../src/seed/seed.js';
import { TEST_DB_PREFIX, adminUrl, databaseUrl } from './postgres-admin.js';
import { ensureWebBuilt } from '../../bin/build-web.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteMigratedDump: string;
    pgliteSeededDump: string;
    pgMigratedTemplate: string;
    pgSeededTemplate: string;
    /** Where test gateways write their logs, scanned for leaks when the run ends. */
    testLogDir: string;
  }
}

export default async function setup(project: TestProject) {
  // The browser tests (test/e2e) load the built pages; once here, not racing in each test file.
  await ensureWebBuilt({ quiet: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-test-'));
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    throw new Error(`The storage tests need the PostgreSQL server at ${new URL(adminUrl()).host} (start it; see README "Tests"): ${(error as Error).message}`);
  }
  await dropTestDatabases(admin);

  const run = `${TEST_DB_PREFIX}${process.pid}_`;
  const migrated = `${run}migrated`;
  const seeded = `${run}seeded`;
  await admin.unsafe(`CREATE DATABASE ${migrated}`);
  await prepare({ kind: 'postgres', url: databaseUrl(migrated) }, false);
  await admin.unsafe(`CREATE DATABASE ${seeded} TEMPLATE ${migrated}`);
  await prepare({ kind: 'postgres', url: databaseUrl(seeded) }, true);

  const migratedDump = path.join(dir, 'migrated.tar');
  const seededDump = path.join(dir, 'seeded.tar');
  await prepare({ kind: 'pglite', dataDir: dir }, false, migratedDump);
  await prepare({ kind: 'pglite', dataDir: dir }, true, seededDump, migratedDump);

  project.provide('pgliteMigratedDump', migratedDump);
  project.provide('pgliteSeededDump', seededDump);
  project.provide('pgMigratedTemplate', migrated);
  project.provide('pgSeededTemplate', seeded);
  const logDir = path.join(dir, 'logs');
  fs.mkdirSync(logDir);
  project.provide('testLogDir', logDir);

  return async () => {
    try {
      const leaks = scanLogs(logDir);
      // Where, never what: the offending text would itself leak into CI's output.
      if (leaks.found.length > 0) {
        // vitest reports an error thrown here but keeps its exit code: fail the run explicitly.
        process.exitCode = 1;
        throw new Error(`Log lines leak a token or a personal ID (${leaks.found.length}), e.g. ${leaks.found.slice(0, 5).join(', ')}`);
      }
    } finally {
      await dropTestDatabases(admin, run);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * A bearer token (a JWT's header and claims), and a 12-digit personal ID standing alone. Not next to
 * a hyphen: the last group of a request id (a UUID) is 12 hex digits, all decimal one time in 280.
 */
const LEAKS = [/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/, /(?<![0-9A-Za-z-])\d{12}(?![0-9A-Za-z-])/];

/** Every log line the suite's gateways wrote, checked for a token or a plaintext personal ID. */
function scanLogs(dir: string): { found: string[] } {
  const found: string[] = [];
  for (const file of fs.readdirSync(dir)) {
    fs.readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line === '') return;
        if (LEAKS.some((pattern) => pattern.test(line))) found.push(`${file}:${i + 1}`);
      });
  }
  return { found };
}

type Where = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

async function prepare(where: Where, withDemo: boolean, dumpTo?: string, startFrom?: string): Promise<void> {
  const storage = await openStorage(
    { storage: Object.fromEntries(SOURCE_NAMES.map((s) => [s, where])) as never },
    where.kind === 'pglite' ? (startFrom ? { pgliteSnapshot: new Blob([fs.readFileSync(startFrom)]) } : { pgliteInMemory: true }) : {},
  );
  try {
    if (!withDemo) await migrateAll(storage);
    else await seed(storage, planFor('demo'));
    if (dumpTo) {
      const client = (storage.sources.population.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
      fs.writeFileSync(dumpTo, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    }
  } finally {
    await storage.close();
  }
}

/**
 * Drops the test databases of processes that are gone (names carry the creating pid), and
 * those starting with `own`: two test runs on one machine (CI beside a developer) leave each
 * other's databases alone.
 */
async function dropTestDatabases(admin: postgres.Sql, own?: string): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${TEST_DB_PREFIX}%`}`;
  for (const { datname } of rows) {
    const pid = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
    if ((own && datname.startsWith(own)) || !isAlive(pid)) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
