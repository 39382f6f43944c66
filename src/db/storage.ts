/**
 * Opens the sources' databases: embedded PGlite (one instance, a schema per source) or
 * PostgreSQL through postgres.js (one pool per distinct server). Every source gets the same
 * `SourceConnection` shape whatever the engine, so repositories are written once.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config, SourceName, SourceStorage } from '../config/index.js';
import { SOURCE_NAMES } from '../config/index.js';
import { assertNever } from '../lib/assert-never.js';
import { openPglite } from './pglite-client.js';
import { openPostgres } from './postgres-client.js';

export type Engine = 'pglite' | 'postgres';

/** A drizzle database typed against pg-core, so the same code runs on both drivers. */
export type Database = PgDatabase<PgQueryResultHKT>;

/** Receives a COPY text stream for one table; `write` resolves when it may be called again. */
export interface CopySink {
  write(chunk: string): Promise<void>;
  end(): Promise<void>;
}

export interface SourceConnection {
  readonly source: SourceName;
  readonly engine: Engine;
  readonly db: Database;
  /**
   * One SQL statement with positional parameters ($1 …); dates come back as 'YYYY-MM-DD'.
   * Fails with SOURCE_UNAVAILABLE when the source cannot answer (down, cut, past its deadline)
   * and INTERNAL_SERVER_ERROR otherwise, the driver's error kept as `cause` only.
   */
  query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Bulk load with COPY … FROM STDIN (text format); `table` is schema-qualified and quoted. */
  copyInto(table: string, columns: readonly string[]): Promise<CopySink>;
  /**
   * Runs `work` while holding a PostgreSQL advisory lock, so replicas starting together migrate
   * one at a time. On PGlite the data-directory lock already excludes other processes.
   */
  withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws. Errors are classified as `query` classifies them.
   */
  transaction<T>(work: (query: TransactionQuery) => Promise<T>): Promise<T>;
}

export interface QueryOptions {
  /**
   * This statement's own deadline on PostgreSQL instead of the source's: an analyst's city-wide
   * grouping may take seconds where a lookup must not. Not enforceable inside PGlite.
   */
  readonly timeoutMs?: number;
  /**
   * A one-off aggregate over many rows (an analyst's question): planned for the whole answer on
   * all cores. No JIT (compiling took longer than it saved: a second of a three-second city-wide
   * grouping here), and gathering partial groups from parallel workers costed as nearly free, so
   * the planner aggregates in parallel even where it cannot estimate how many groups a computed
   * dimension (today's unit, an age band) yields. Ignored by PGlite (one process, no JIT).
   */
  readonly analytic?: boolean;
  /**
   * Planned for its own parameters at every execution, not by the connection's generic plan. A
   * page whose best plan depends on the values (dates, a domain, a status, row rules keeping some
   * units) would otherwise get a generic plan that walks the primary key in order and filters:
   * the whole table when the filter matches little (27 ms at district scale for results issued
   * since a recent day, seconds at city scale). Sent as a transaction of its own with the
   * setting, in one round trip (as analytic statements are). Ignored by PGlite, whose connection
   * leaves the choice of plan to PostgreSQL.
   */
  readonly customPlan?: boolean;
}

/** One statement's (or transaction's) duration in milliseconds, and its error code if it failed. */
export type StatementRecorder = (milliseconds: number, errorCode: string | null) => void;

/** A statement inside a transaction (see SourceConnection.transaction). */
export type TransactionQuery = <R extends Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<R[]>;

export interface Storage {
  readonly sources: Readonly<Record<SourceName, SourceConnection>>;
  /** Human-readable, password-free description of where each source lives. */
  describe(): Record<SourceName, string>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Per-statement deadline on PostgreSQL (not enforceable inside PGlite's single thread). */
  statementTimeoutMs?: number;
  poolMax?: number;
  connectTimeoutSeconds?: number;
  /** Called before every statement a source sends, for statement-count tests. */
  onQuery?: (source: SourceName, text: string) => void;
  /**
   * Metrics: called once per source when it connects; the recorder it returns gets every
   * `query` and `transaction` of that source, with its duration and error code (null if it succeeded).
   */
  recordStatements?: (source: SourceName) => StatementRecorder;
  /** Embedded only: start from this data-directory dump instead of the files (tests). */
  pgliteSnapshot?: Blob;
  /** Embedded only: keep the database in memory (tests). */
  pgliteInMemory?: boolean;
}

export async function openStorage(config: Pick<Config, 'storage'>, options: StorageOptions = {}): Promise<Storage> {
  const clients = new Map<string, StorageClient>();
  const entries: Array<[SourceName, SourceConnection]> = [];
  try {
    for (const source of SOURCE_NAMES) {
      const where = config.storage[source];
      const key = storageKey(where);
      let client = clients.get(key);
      if (!client) {
        client = await openClient(where, options);
        clients.set(key, client);
      }
      entries.push([source, client.connect(source, options.onQuery, options.recordStatements?.(source))]);
    }
  } catch (error) {
    await Promise.allSettled([...clients.values()].map((c) => c.close()));
    throw error;
  }
  const sources = Object.freeze(Object.fromEntries(entries)) as Record<SourceName, SourceConnection>;
  return {
    sources,
    describe: () =>
      Object.fromEntries(SOURCE_NAMES.map((s) => [s, describeStorage(config.storage[s])])) as Record<SourceName, string>,
    close: async () => {
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}

/** One engine instance (a PGlite database, a postgres.js pool), shared by the sources that live in it. */
export interface StorageClient {
  connect(source: SourceName, onQuery: StorageOptions['onQuery'], record: StatementRecorder | undefined): SourceConnection;
  close(): Promise<void>;
}

function storageKey(where: SourceStorage): string {
  return where.kind === 'pglite' ? `pglite:${where.dataDir}` : `postgres:${where.url}`;
}

/** Where a source lives, with any password removed. */
export function describeStorage(where: SourceStorage): string {
  switch (where.kind) {
    case 'pglite':
      return `embedded PGlite in ${where.dataDir}`;
    case 'postgres': {
      const url = new URL(where.url);
      return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
    }
    default:
      return assertNever(where, 'storage kind');
  }
}

async function openClient(where: SourceStorage, options: StorageOptions): Promise<StorageClient> {
  switch (where.kind) {
    case 'pglite':
      return openPglite(where.dataDir, options);
    case 'postgres':
      return openPostgres(where.url, options);
    default:
      return assertNever(where, 'storage kind');
  }
}
