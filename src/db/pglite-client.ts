/**
 * The embedded engine: one PGlite instance (a schema per source) in a data directory, or in
 * memory for tests. PGlite runs one statement at a time in this process, so there is no pool, no
 * deadline it could enforce and no other process to lock out (its data-directory lock does that).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { recorded } from './errors.js';
import { quoteIdent } from './identifiers.js';
import type { Database, StorageClient, StorageOptions } from './storage.js';
import { DATE_OID, INT8_OID, NUMERIC_OID, asText } from './wire-types.js';

export async function openPglite(dataDir: string, options: StorageOptions): Promise<StorageClient> {
  // Loaded on demand: the WASM engine costs about 50 MB of memory a deployment on PostgreSQL never needs.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const parsers = { [DATE_OID]: asText, [NUMERIC_OID]: asText, [INT8_OID]: Number };
  let pg: PGlite;
  if (options.pgliteInMemory || options.pgliteSnapshot) {
    pg = await PGlite.create({ parsers, ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}) });
  } else {
    // PGlite needs the parent of its data directory to exist.
    fs.mkdirSync(dataDir, { recursive: true });
    pg = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), parsers, relaxedDurability: false });
  }
  return {
    connect(source, onQuery, record) {
      const db = drizzlePglite(pg, onQuery ? { logger: { logQuery: (text) => onQuery(source, text) } } : {});
      return {
        source,
        engine: 'pglite',
        db: db as unknown as Database,
        async query<T extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
          onQuery?.(source, text);
          return recorded(source, record, async () => (await pg.query<T>(text, params as unknown[])).rows);
        },
        async copyInto(table, columns) {
          const statement = `COPY ${table} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob'`;
          return {
            // PGlite reads COPY data from a blob: one COPY statement per chunk.
            async write(chunk) {
              onQuery?.(source, statement);
              await pg.query(statement, [], { blob: new Blob([chunk]) });
            },
            async end() {},
          };
        },
        withAdvisoryLock: (_key, work) => work(),
        transaction: (work) =>
          recorded(source, record, () =>
            pg.transaction((tx) =>
              work(async <R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) => {
                onQuery?.(source, text);
                return (await tx.query<R>(text, params as unknown[])).rows;
              }),
            ),
          ),
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
