/**
 * Opens the sources' databases: embedded PGlite (one instance, a schema per source) or
 * PostgreSQL through postgres.js (one pool per distinct server). Every source gets the same
 * `SourceConnection` shape whatever the engine, so repositories are written once.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config, SourceName, SourceStorage } from '../config/index.js';
import { SOURCE_NAMES } from '../config/index.js';
import { assertNever } from '../lib/assert-never.js';
import type { LienThongError } from '../errors/index.js';
import { DeadlineError, classifyDatabaseError } from './errors.js';

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

const identity = (value: string): string => value;
/**
 * Planner settings of an analytic statement (see QueryOptions.analytic). Its plan is left to
 * PostgreSQL's own choice (planned for its parameters until a generic plan costs no more): one
 * unit's counts and the whole city's may want different plans. Forcing a plan per execution
 * cost W5 a tenth at one connection.
 */
const ANALYTIC_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['jit', 'off'],
  ['parallel_tuple_cost', '0.001'],
  ['plan_cache_mode', 'auto'],
];
const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const INT8_OID = 20;

export async function openStorage(config: Pick<Config, 'storage'>, options: StorageOptions = {}): Promise<Storage> {
  const clients = new Map<string, Client>();
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

interface Client {
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

async function openClient(where: SourceStorage, options: StorageOptions): Promise<Client> {
  switch (where.kind) {
    case 'pglite':
      return openPglite(where.dataDir, options);
    case 'postgres':
      return openPostgres(where.url, options);
    default:
      return assertNever(where, 'storage kind');
  }
}

async function openPglite(dataDir: string, options: StorageOptions): Promise<Client> {
  // Loaded on demand: the WASM engine costs about 50 MB of memory a deployment on PostgreSQL never needs.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  const parsers = { [DATE_OID]: identity, [NUMERIC_OID]: identity, [INT8_OID]: Number };
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
          const started = record ? performance.now() : 0;
          try {
            const rows = (await pg.query<T>(text, params as unknown[])).rows;
            record?.(performance.now() - started, null);
            return rows;
          } catch (error) {
            throw failed(source, error, record, started);
          }
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
        async transaction(work) {
          const started = record ? performance.now() : 0;
          try {
            const result = await pg.transaction((tx) =>
              work(async <R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) => {
                onQuery?.(source, text);
                return (await tx.query<R>(text, params as unknown[])).rows;
              }),
            );
            record?.(performance.now() - started, null);
            return result;
          } catch (error) {
            throw failed(source, error, record, started);
          }
        },
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

async function openPostgres(url: string, options: StorageOptions): Promise<Client> {
  // The server enforces statement_timeout; this client-side deadline covers a server or network
  // that stops answering altogether. Seeding and migrating run without either.
  const deadlineMs = options.statementTimeoutMs ? options.statementTimeoutMs + 1_000 : 0;
  const sql = postgres(url, {
    max: options.poolMax ?? 4,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 60,
    prepare: true,
    onnotice: () => {},
    connection: {
      application_name: 'lienthong',
      // Every statement is prepared, and most look rows up by key (`personal_id = ANY($1)`). Left
      // to choose, PostgreSQL keeps planning those afresh at every execution: a generic plan for an
      // array of unknown length is costed above one planned for the actual IDs, though both walk
      // the same index. That planning was half of each lookup's time on the server (0.2 of
      // 0.45 ms). Plans are built once per connection instead; analytic statements, whose best
      // plan may depend on their parameters, are left to PostgreSQL's choice (ANALYTIC_SETTINGS).
      plan_cache_mode: 'force_generic_plan',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
    types: {
      date: { to: DATE_OID, from: [DATE_OID], serialize: (x: string) => x, parse: identity },
      numeric: { to: NUMERIC_OID, from: [NUMERIC_OID], serialize: (x: string) => x, parse: identity },
      bigint: { to: INT8_OID, from: [INT8_OID], serialize: (x: number) => String(x), parse: Number },
    },
  });
  return {
    connect(source, onQuery, record) {
      const db = drizzlePostgres(sql, onQuery ? { logger: { logQuery: (text) => onQuery(source, text) } } : {});
      return {
        source,
        engine: 'postgres',
        db: db as unknown as Database,
        async query<T extends Record<string, unknown>>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
          onQuery?.(source, text);
          // postgres.js types its parameters loosely; values here are primitives or arrays of them.
          const values = params as postgres.ParameterOrJSON<never>[];
          const timeoutMs = options.timeoutMs === undefined ? undefined : Math.max(1, Math.trunc(options.timeoutMs));
          const settings = [...(timeoutMs === undefined ? [] : [['statement_timeout', String(timeoutMs)] as const]), ...(options.analytic ? ANALYTIC_SETTINGS : [])];
          const pending = settings.length === 0 ? sql.unsafe(text, values, { prepare: true }) : withLocalSettings(sql, settings, text, values);
          const started = record ? performance.now() : 0;
          try {
            const rows = (await withDeadline(pending, timeoutMs === undefined ? deadlineMs : timeoutMs + 1_000)) as unknown as T[];
            record?.(performance.now() - started, null);
            return rows;
          } catch (error) {
            throw failed(source, error, record, started);
          }
        },
        async copyInto(table, columns) {
          const statement = `COPY ${table} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
          onQuery?.(source, statement);
          return openCopyStream(sql, statement);
        },
        async withAdvisoryLock(key, work) {
          const reserved = await sql.reserve();
          try {
            await reserved`select pg_advisory_lock(${key})`;
            return await work();
          } finally {
            await reserved`select pg_advisory_unlock(${key})`.catch(() => {});
            reserved.release();
          }
        },
        async transaction(work) {
          const started = record ? performance.now() : 0;
          try {
            const pending = sql.begin((tx) =>
              work(async <R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) => {
                onQuery?.(source, text);
                return (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as R[];
              }),
            );
            const result = (await withDeadline(pending, deadlineMs)) as Awaited<ReturnType<typeof work>>;
            record?.(performance.now() - started, null);
            return result;
          } catch (error) {
            throw failed(source, error, record, started);
          }
        },
      };
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * postgres.js resolves a COPY query with its stream, so an error the server reports after the
 * client's CopyDone (a constraint failing on the last rows) reaches only `query.reject`, which
 * is then a no-op, and the stream never finishes. We take that rejection ourselves; a test
 * proves a failing COPY rejects, so a driver change that breaks this shows up in CI.
 */
async function openCopyStream(sql: postgres.Sql, statement: string): Promise<CopySink> {
  // A connection in COPY mode must not be handed another query by the pool: reserve it.
  const connection = await sql.reserve();
  const query = connection.unsafe(statement);
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  let stream: import('node:stream').Writable;
  try {
    stream = await query.writable();
  } catch (error) {
    connection.release();
    throw error;
  }
  (query as unknown as { reject: (error: unknown) => void }).reject = fail;
  stream.on('error', fail);
  let released = false;
  const release = () => {
    if (!released) connection.release();
    released = true;
  };
  return {
    async write(chunk) {
      try {
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
      } catch (error) {
        // The caller will not call end() after a failed write: give the connection back here.
        release();
        throw error;
      }
    },
    async end() {
      try {
        const finished = once(stream, 'finish');
        stream.end();
        await Promise.race([finished, failed]);
      } finally {
        release();
      }
    },
  };
}

/**
 * `text` in a transaction of its own under `settings` (as SET LOCAL: they end with it, whatever
 * connection it ran on). The four statements (begin, the settings, `text`, commit) go out
 * together on a reserved connection: one round trip, where awaiting each took one per setting
 * (seven for an analyst's aggregate with its deadline).
 */
async function withLocalSettings(sql: postgres.Sql, settings: ReadonlyArray<readonly [string, string]>, text: string, values: postgres.ParameterOrJSON<never>[]): Promise<unknown[]> {
  const reserved = await sql.reserve();
  const assignments = settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ');
  const sent = [
    reserved.unsafe('begin'),
    reserved.unsafe(`select ${assignments}`, settings.flat(), { prepare: true }),
    reserved.unsafe(text, values, { prepare: true }),
    reserved.unsafe('commit'),
  ];
  // Back to the pool once all four are answered, never with the transaction open.
  const steps = await Promise.allSettled(sent).finally(() => reserved.release());
  // The first failure is the one to report: the statements after it failed because of it.
  for (const step of steps) if (step.status === 'rejected') throw step.reason;
  return (steps[2] as PromiseFulfilledResult<unknown[]>).value;
}

/**
 * Races a query against a deadline. The server's statement_timeout cancels a slow statement
 * itself; this covers a server or network that has stopped answering, where a cancel request
 * could not get through either (and postgres.js's cancel() drops its own promise's rejection).
 */
async function withDeadline<T>(query: Promise<T>, ms: number): Promise<T> {
  if (ms <= 0) return query;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(ms)), ms);
  });
  try {
    return await Promise.race([query, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The coded error for a failed statement, recorded with its duration first. */
function failed(source: SourceName, error: unknown, record: StatementRecorder | undefined, started: number): LienThongError {
  const classified = classifyDatabaseError(source, error);
  record?.(performance.now() - started, classified.code);
  return classified;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
