/**
 * Secondary indexes slow a bulk load (every row updates every B-tree, with random keys such as
 * personal IDs). The seed drops them before loading and builds each once at the end, which is
 * several times faster at city scale. The definitions come from the drizzle tables, the same
 * source of truth as the migrations, so nothing is written twice. Primary keys and unique
 * constraints stay: they guard the data while it loads.
 */
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { SourceName } from '../config/index.js';
import { type Storage, quoteIdent } from '../db/index.js';
import { groupBy } from '../lib/group-by.js';
import { SEED_ORDER, SEED_TABLES } from './tables.js';

interface IndexDefinition {
  source: SourceName;
  qualifiedName: string;
  create: string;
}

export function secondaryIndexes(): IndexDefinition[] {
  return SEED_ORDER.flatMap((name) => {
    const { source, table } = SEED_TABLES[name];
    const config = getTableConfig(table);
    const schema = quoteIdent(config.schema ?? 'public');
    return config.indexes
      .filter((index) => !index.config.unique)
      .map((index) => {
        const columns = index.config.columns.map((column) => {
          if (!('name' in column) || typeof column.name !== 'string') throw new TypeError(`index ${index.config.name}: only plain columns are supported`);
          return quoteIdent(column.name);
        });
        const indexName = quoteIdent(index.config.name as string);
        return {
          source,
          qualifiedName: `${schema}.${indexName}`,
          create: `CREATE INDEX IF NOT EXISTS ${indexName} ON ${schema}.${quoteIdent(config.name)} USING ${index.config.method ?? 'btree'} (${columns.join(', ')})`,
        };
      });
  });
}

export async function dropSecondaryIndexes(storage: Storage): Promise<void> {
  for (const index of secondaryIndexes()) await storage.sources[index.source].query(`DROP INDEX IF EXISTS ${index.qualifiedName}`);
}

/** Builds the missing indexes, sources side by side. Idempotent. */
export async function createSecondaryIndexes(storage: Storage): Promise<void> {
  const bySource = groupBy(secondaryIndexes(), (index) => index.source);
  await Promise.all(
    [...bySource].map(async ([source, indexes]) => {
      for (const index of indexes) await storage.sources[source].query(index.create);
    }),
  );
}
