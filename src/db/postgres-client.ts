/**
 * PostgreSQL through postgres.js: one pool per distinct server, every statement prepared, a
 * server-side deadline per statement and a client-side one behind it, COPY for bulk loads.
 */
import { once } from 'node:events';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { DeadlineError, recorded } from './errors.js';
import { quoteIdent } from './identifiers.js';
import type { CopySink, Database, QueryOptions, StorageClient, StorageOptions } from './storage.js';
import { DATE_OID, INT8_OID, NUMERIC_OID, asText } from './wire-types.js';

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

/** A statement planned for its parameters at each execution (QueryOptions.customPlan). */
const CUSTOM_PLAN: ReadonlyArray<readonly [string, string]> = [['plan_cache_mode', 'force_custom_plan']];

export async function openPostgres(url: string, options: StorageOptions): Promise<StorageClient> {
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
      date: { to: DATE_OID, from: [DATE_OID], serialize: asText, parse: asText },
      numeric: { to: NUMERIC_OID, from: [NUMERIC_OID], serialize: asText, parse: asText },
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
          const settings = [
            ...(timeoutMs === undefined ? [] : [['statement_timeout', String(timeoutMs)] as const]),
            ...(options.analytic ? ANALYTIC_SETTINGS : options.customPlan ? CUSTOM_PLAN : []),
          ];
          return recorded(source, record, async () => {
            const pending = settings.length === 0 ? sql.unsafe(text, values, { prepare: true }) : withLocalSettings(sql, settings, text, values);
            return (await withDeadline(pending, timeoutMs === undefined ? deadlineMs : timeoutMs + 1_000)) as unknown as T[];
          });
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
        transaction: (work) =>
          recorded(source, record, async () => {
            const pending = sql.begin((tx) =>
              work(async <R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) => {
                onQuery?.(source, text);
                return (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as R[];
              }),
            );
            return (await withDeadline(pending, deadlineMs)) as Awaited<ReturnType<typeof work>>;
          }),
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
