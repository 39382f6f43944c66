/**
 * Applies each source's drizzle-kit migrations (migrations/<source>/) to that source's database.
 * Sources migrate independently; the bookkeeping table of each lives in the `drizzle` schema as
 * `migrations_<source>`, so several sources can share one server without sharing history.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../../bin/project-root.mjs';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { SOURCE_NAMES, type SourceName } from '../config/index.js';
import { LienThongError } from '../errors/index.js';
import { hashString } from '../lib/random.js';
import type { SourceConnection, Storage } from './storage.js';

export const MIGRATIONS_ROOT = path.join(PROJECT_ROOT, 'migrations');

export function migrationConfig(source: SourceName) {
  return {
    migrationsFolder: path.join(MIGRATIONS_ROOT, source),
    migrationsSchema: 'drizzle',
    migrationsTable: `migrations_${source}`,
  };
}

/** Migrates one source; safe to run again (applied migrations are skipped). */
export async function migrateSource(connection: SourceConnection): Promise<void> {
  const config = migrationConfig(connection.source);
  try {
    await connection.withAdvisoryLock(hashString(`lienthong:migrate:${connection.source}`) | 0, async () => {
      if (connection.engine === 'pglite') await migratePglite(connection.db as unknown as PgliteDatabase, config);
      else await migratePostgres(connection.db as unknown as PostgresJsDatabase, config);
    });
  } catch (error) {
    throw new LienThongError('MIGRATION_FAILED', `Migrating the ${connection.source} source failed`, {
      cause: error,
      details: { source: connection.source },
    });
  }
}

export async function migrateAll(storage: Storage, sources: readonly SourceName[] = SOURCE_NAMES): Promise<void> {
  for (const source of sources) await migrateSource(storage.sources[source]);
}
