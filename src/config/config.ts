import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { SOURCE_NAMES, type SourceName, sourceUrlVariable } from './sources.js';

/** Where one source's tables live. */
export type SourceStorage =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  readonly nodeEnv: NodeEnv;
  /** Absolute path of the embedded databases and local keys. */
  readonly dataDir: string;
  readonly storage: Readonly<Record<SourceName, SourceStorage>>;
  readonly server: { readonly host: string; readonly port: number };
  readonly database: {
    /** Connections per PostgreSQL server (postgres.js pool size). */
    readonly poolMax: number;
    /** Per-statement deadline for a source, so a slow source cannot hold a request. */
    readonly statementTimeoutMs: number;
    readonly connectTimeoutSeconds: number;
  };
  readonly log: { readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
}

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected a whole number from ${min} to ${max}, got ${quote(raw)}` });
        return z.NEVER;
      }
      return Number(raw);
    });

const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      if (!(values as readonly string[]).includes(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected one of ${values.join(', ')}, got ${quote(raw)}` });
        return z.NEVER;
      }
      return raw as T;
    });

/** A PostgreSQL URL. The value is never echoed: it may hold a password. */
const postgresUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name}: expected a URL such as postgres://user@host:5432/dbname (value not shown)` });
        return z.NEVER;
      }
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        ctx.addIssue({ code: 'custom', message: `${name}: expected a postgres:// or postgresql:// URL, got the scheme ${quote(url.protocol)}` });
        return z.NEVER;
      }
      if (url.pathname.length <= 1) {
        ctx.addIssue({ code: 'custom', message: `${name}: the URL names no database (postgres://host:5432/<dbname>)` });
        return z.NEVER;
      }
      return raw;
    });

const sourceUrls = Object.fromEntries(SOURCE_NAMES.map((s) => [sourceUrlVariable(s), postgresUrl(sourceUrlVariable(s))]));

const environmentSchema = z.object({
  NODE_ENV: oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development'),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: postgresUrl('DATABASE_URL'),
  ...sourceUrls,
  HOST: z.string().optional(),
  PORT: integer('PORT', 1, 65535, 4000),
  DB_POOL_MAX: integer('DB_POOL_MAX', 1, 500, 4),
  SOURCE_STATEMENT_TIMEOUT_MS: integer('SOURCE_STATEMENT_TIMEOUT_MS', 10, 600_000, 5000),
  DB_CONNECT_TIMEOUT_S: integer('DB_CONNECT_TIMEOUT_S', 1, 600, 5),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
});

/**
 * Reads the environment once, validates every variable, and returns a frozen config.
 * Throws `ConfigError` listing every problem at once (one line per variable); nothing has
 * been opened or touched when it throws.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const e = parsed.data as z.infer<typeof environmentSchema> & Record<string, string | undefined>;
  const dataDir = path.resolve(cwd, e.DATA_DIR && e.DATA_DIR !== '' ? e.DATA_DIR : 'data');

  const storage = Object.fromEntries(
    SOURCE_NAMES.map((source): [SourceName, SourceStorage] => {
      const url = e[sourceUrlVariable(source)] ?? e.DATABASE_URL;
      return [source, url ? Object.freeze({ kind: 'postgres', url }) : Object.freeze({ kind: 'pglite', dataDir })];
    }),
  ) as Record<SourceName, SourceStorage>;

  return deepFreeze({
    nodeEnv: e.NODE_ENV,
    dataDir,
    storage,
    server: { host: e.HOST && e.HOST !== '' ? e.HOST : '127.0.0.1', port: e.PORT },
    database: {
      poolMax: e.DB_POOL_MAX,
      statementTimeoutMs: e.SOURCE_STATEMENT_TIMEOUT_MS,
      connectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_S,
    },
    log: { level: e.LOG_LEVEL },
  });
}

function quote(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return JSON.stringify(shown);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export { ConfigError };
