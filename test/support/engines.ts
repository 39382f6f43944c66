/**
 * Storage suites are written once and run on both engines: `describe.each(ENGINES)`.
 * Each call gets its own database: an in-memory PGlite loaded from a dump, or a PostgreSQL
 * database cloned from a template, dropped again by `close()`.
 */
import fs from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../src/config/index.js';
import type { SourceStorage } from '../../src/config/config.js';
import { type Storage, type StorageOptions, openStorage } from '../../src/db/index.js';
import { TEST_DB_PREFIX, adminUrl, databaseUrl } from './postgres-admin.js';

export const ENGINES = ['pglite', 'postgres'] as const;
export type TestEngine = (typeof ENGINES)[number];

export interface TestStorageOptions extends Omit<StorageOptions, 'pgliteSnapshot' | 'pgliteInMemory'> {
  /** Start from the demo data (default) or from migrated, empty sources. */
  state?: 'seeded' | 'migrated' | 'empty';
}

let counter = 0;

export async function openTestStorage(engine: TestEngine, options: TestStorageOptions = {}): Promise<Storage> {
  const state = options.state ?? 'seeded';
  if (engine === 'pglite') {
    const dump = state === 'empty' ? null : inject(state === 'seeded' ? 'pgliteSeededDump' : 'pgliteMigratedDump');
    return openStorage(allSources({ kind: 'pglite', dataDir: '/nonexistent' }), {
      ...options,
      ...(dump ? { pgliteSnapshot: new Blob([fs.readFileSync(dump)]) } : { pgliteInMemory: true }),
    });
  }
  const database = await clonePostgresDatabase(state);
  const storage = await openStorage(allSources({ kind: 'postgres', url: database.url }), options);
  return {
    ...storage,
    close: async () => {
      await storage.close();
      await database.drop();
    },
  };
}

/** A throwaway PostgreSQL database in the given state; `drop()` removes it. */
export async function clonePostgresDatabase(state: 'seeded' | 'migrated' | 'empty' = 'seeded'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${TEST_DB_PREFIX}${process.pid}_${++counter}_${Date.now() % 100000}`;
  const template = state === 'empty' ? 'template0' : inject(state === 'seeded' ? 'pgSeededTemplate' : 'pgMigratedTemplate');
  await withAdmin((admin) => createDatabase(admin, name, template));
  return {
    url: databaseUrl(name),
    drop: () => withAdmin(async (admin) => void (await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

export function allSources(where: SourceStorage): { storage: Record<SourceName, SourceStorage> } {
  return { storage: Object.fromEntries(SOURCE_NAMES.map((s) => [s, where])) as Record<SourceName, SourceStorage> };
}

export async function withAdmin<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Two files cloning one template at once can collide ("being accessed by other users"): retry. */
async function createDatabase(admin: postgres.Sql, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
