import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { DEFAULT_LIMITS, type QueryLimits } from './limits.js';
import { type MetricsConfig, type ShutdownConfig, operationsConsistencyProblems } from './operations.js';
import { SOURCE_NAMES, type SourceName, sourceUrlVariable } from './sources.js';
import { PROJECT_ROOT } from '../../bin/project-root.mjs';

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
  /** `requestTimeoutMs`: time a client has to send a whole request. */
  readonly server: { readonly host: string; readonly port: number; readonly requestTimeoutMs: number };
  readonly database: {
    /** Connections per PostgreSQL server (postgres.js pool size). */
    readonly poolMax: number;
    /** Per-statement deadline for a source, so a slow source cannot hold a request. */
    readonly statementTimeoutMs: number;
    /** Deadline of an analyst's aggregate statement (a city-wide grouping may take seconds). */
    readonly analyticsTimeoutMs: number;
    readonly connectTimeoutSeconds: number;
  };
  /** Limits every request meets before it executes. */
  readonly limits: QueryLimits;
  /** Whether roles without `adHocDocuments` may only run their agency's registered documents. */
  readonly trustedDocuments: boolean;
  /** Whether operations execute through graphql-jit, compiled once per document (`COMPILED_EXECUTION`, on by default). */
  readonly compiledExecution: boolean;
  /**
   * Requests per agency and window (0: off), counted across replicas through Redis when set;
   * `keyPrefix` keeps the counts of several gateways (or test runs) on one Redis apart.
   */
  readonly rateLimit: { readonly requests: number; readonly windowSeconds: number; readonly redisUrl: string | null; readonly keyPrefix: string };
  /** `/metrics` on a listener of its own: off (port null) unless METRICS_PORT is set. */
  readonly metrics: MetricsConfig;
  /** Graceful shutdown on SIGTERM/SIGINT. */
  readonly shutdown: ShutdownConfig;
  readonly log: { readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' };
  /** Who may call: the trusted token issuers and how their tokens are checked. */
  readonly auth: AuthConfig;
  /** What callers may read: the policy file (`POLICY_FILE`), absolute. */
  readonly policyFile: string;
  /** The secret behind `hash` masks (`PSEUDONYM_SECRET`), or null to keep one in the data directory. */
  readonly pseudonymSecret: string | null;
  /** The access log. */
  readonly audit: AuditConfig;
}

export interface AuditConfig {
  /**
   * The private JWK (ES256 or EdDSA) that signs the access log's checkpoints
   * (`AUDIT_SIGNING_KEY_FILE`), absolute; required in production. Null elsewhere means a local
   * key in `DATA_DIR/keys/audit-signing-key.json`, created on first use.
   */
  readonly signingKeyFile: string | null;
}

/** The policy shipped with the gateway, used when POLICY_FILE is not set. */
const DEFAULT_POLICY_FILE = path.join(PROJECT_ROOT, 'policy', 'default.yaml');

/** Where the configured issuer's public keys are: a JWKS endpoint, or a JWKS file. */
export type JwksSource = { readonly kind: 'remote'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

export interface AuthConfig {
  /** The configured issuer (`AUTH_ISSUER`) and its keys; null when only the dev key is trusted. */
  readonly issuer: { readonly name: string; readonly jwks: JwksSource } | null;
  /** The `aud` every token must name (`AUTH_AUDIENCE`). */
  readonly audience: string;
  /** Forgiven clock skew, 0 to 60 seconds (`AUTH_CLOCK_TOLERANCE_S`). */
  readonly clockToleranceSeconds: number;
  /** Oldest accepted token, in seconds since its `iat` (`AUTH_MAX_TOKEN_AGE_S`). */
  readonly maxTokenAgeSeconds: number;
  /** Whether the local dev key is created and trusted: everywhere but production. */
  readonly devKeys: boolean;
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

/** Like `integer`, but unset means null (a feature that is off until given a value). */
const optionalInteger = (name: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return null;
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

/** The URL in `raw`, or an issue naming the variable and an example (the value is never echoed). */
function parseUrl(raw: string, ctx: z.RefinementCtx, name: string, example: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: `${name}: expected a URL such as ${example} (value not shown)` });
    return null;
  }
}

/**
 * An optional URL of one of `schemes`, with `check` for anything more (an issue it adds fails
 * the value). The value is never echoed: it may hold a password.
 */
const serviceUrl = (name: string, schemes: readonly string[], example: string, check: (url: URL) => string | null = () => null) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      const url = parseUrl(raw, ctx, name, example);
      if (!url) return z.NEVER;
      if (!schemes.includes(url.protocol)) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected a ${schemes.map((p) => `${p}//`).join(' or ')} URL, got the scheme ${quote(url.protocol)}` });
        return z.NEVER;
      }
      const problem = check(url);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${name}: ${problem}` });
        return z.NEVER;
      }
      return raw;
    });

/** A Redis URL (redis:// or rediss://). */
const redisUrl = (name: string) => serviceUrl(name, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379');

/** A PostgreSQL URL naming its database. */
const postgresUrl = (name: string) =>
  serviceUrl(name, ['postgres:', 'postgresql:'], 'postgres://user@host:5432/dbname', (url) =>
    url.pathname.length <= 1 ? 'the URL names no database (postgres://host:5432/<dbname>)' : null,
  );

/** A token issuer or audience: an opaque string compared exactly, so no spaces and bounded. */
const identifier = (name: string, fallback?: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      if (!/^[\x21-\x7e]{1,256}$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected 1 to 256 printable characters without spaces, got ${quote(raw)}` });
        return z.NEVER;
      }
      return raw;
    });

/** A JWKS endpoint: https, or http to this machine only (a JWKS over plain http could be swapped). */
const jwksUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      const url = parseUrl(raw, ctx, name, 'https://id.example.gov.vn/.well-known/jwks.json');
      if (!url) return z.NEVER;
      const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
        ctx.addIssue({ code: 'custom', message: `${name}: expected an https:// URL (http:// only for 127.0.0.1 or localhost), got the scheme ${quote(url.protocol)}` });
        return z.NEVER;
      }
      if (url.username !== '' || url.password !== '') {
        ctx.addIssue({ code: 'custom', message: `${name}: the URL must not carry credentials (value not shown)` });
        return z.NEVER;
      }
      return url.href;
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
  ANALYTICS_STATEMENT_TIMEOUT_MS: integer('ANALYTICS_STATEMENT_TIMEOUT_MS', 10, 3_600_000, 60_000),
  LIMIT_DEPTH: integer('LIMIT_DEPTH', 2, 100, DEFAULT_LIMITS.depth),
  LIMIT_ALIASES: integer('LIMIT_ALIASES', 0, 10_000, DEFAULT_LIMITS.aliases),
  LIMIT_ROOT_FIELDS: integer('LIMIT_ROOT_FIELDS', 1, 1_000, DEFAULT_LIMITS.rootFields),
  LIMIT_DIRECTIVES: integer('LIMIT_DIRECTIVES', 0, 10_000, DEFAULT_LIMITS.directives),
  LIMIT_TOKENS: integer('LIMIT_TOKENS', 100, 1_000_000, DEFAULT_LIMITS.tokens),
  LIMIT_DOCUMENT_BYTES: integer('LIMIT_DOCUMENT_BYTES', 256, 10_485_760, DEFAULT_LIMITS.documentBytes),
  LIMIT_COST: integer('LIMIT_COST', 10, 100_000_000, DEFAULT_LIMITS.cost),
  LIMIT_BODY_BYTES: integer('LIMIT_BODY_BYTES', 1_024, 104_857_600, DEFAULT_LIMITS.bodyBytes),
  TRUSTED_DOCUMENTS: oneOf('TRUSTED_DOCUMENTS', ['auto', 'required', 'off'] as const, 'auto'),
  COMPILED_EXECUTION: oneOf('COMPILED_EXECUTION', ['on', 'off'] as const, 'on'),
  REQUEST_TIMEOUT_MS: integer('REQUEST_TIMEOUT_MS', 100, 600_000, 30_000),
  RATE_LIMIT_REQUESTS: integer('RATE_LIMIT_REQUESTS', 0, 100_000_000, 6_000),
  RATE_LIMIT_WINDOW_S: integer('RATE_LIMIT_WINDOW_S', 1, 86_400, 60),
  REDIS_URL: redisUrl('REDIS_URL'),
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || /^[A-Za-z0-9:._-]{1,64}$/.test(raw), { message: 'RATE_LIMIT_KEY_PREFIX: expected 1 to 64 letters, digits or : . _ -' }),
  METRICS_PORT: optionalInteger('METRICS_PORT', 1, 65535),
  METRICS_HOST: z.string().optional(),
  // A secret: never echoed, only its form is checked.
  METRICS_TOKEN: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || /^[\x21-\x7e]{32,256}$/.test(raw), { message: 'METRICS_TOKEN: expected 32 to 256 printable characters without spaces (value not shown)' }),
  SHUTDOWN_TIMEOUT_MS: integer('SHUTDOWN_TIMEOUT_MS', 1_000, 600_000, 25_000),
  SHUTDOWN_DELAY_MS: integer('SHUTDOWN_DELAY_MS', 0, 300_000, 0),
  DB_CONNECT_TIMEOUT_S: integer('DB_CONNECT_TIMEOUT_S', 1, 600, 5),
  LOG_LEVEL: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  AUTH_ISSUER: identifier('AUTH_ISSUER'),
  AUTH_JWKS_URL: jwksUrl('AUTH_JWKS_URL'),
  AUTH_JWKS_FILE: z.string().optional(),
  AUTH_AUDIENCE: identifier('AUTH_AUDIENCE', 'lienthong'),
  AUTH_CLOCK_TOLERANCE_S: integer('AUTH_CLOCK_TOLERANCE_S', 0, 60, 30),
  AUTH_MAX_TOKEN_AGE_S: integer('AUTH_MAX_TOKEN_AGE_S', 60, 604_800, 43_200),
  POLICY_FILE: z.string().optional(),
  // A secret: never echoed, only its length is checked.
  PSEUDONYM_SECRET: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || raw === '' || raw.length >= 32, { message: 'PSEUDONYM_SECRET: expected at least 32 characters (value not shown)' }),
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
});

/** Every variable the gateway reads (docs/operations.md documents each; a test holds it to that). */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

/** The issuer of tokens signed with the local dev key; a configured issuer may not take it. */
const DEV_ISSUER = 'lienthong-dev';

/**
 * Rules across the AUTH_ variables, checked on the raw values so they are reported together
 * with any malformed value. An issuer without keys (or keys without an issuer) is refused, and
 * production trusts only a configured issuer: the local dev key is never accepted there.
 */
function authConsistencyProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  const problems: string[] = [];
  const jwks = set('AUTH_JWKS_URL') || set('AUTH_JWKS_FILE');
  if (set('AUTH_JWKS_URL') && set('AUTH_JWKS_FILE')) problems.push('AUTH_JWKS_URL, AUTH_JWKS_FILE: set one or the other, not both');
  if (set('AUTH_ISSUER') && !jwks) problems.push("AUTH_ISSUER: needs AUTH_JWKS_URL or AUTH_JWKS_FILE (the issuer's public keys)");
  if (!set('AUTH_ISSUER') && jwks) problems.push(`${set('AUTH_JWKS_URL') ? 'AUTH_JWKS_URL' : 'AUTH_JWKS_FILE'}: needs AUTH_ISSUER (the issuer these keys belong to)`);
  if (env.AUTH_ISSUER === DEV_ISSUER) problems.push(`AUTH_ISSUER: "${DEV_ISSUER}" is reserved for the local dev key`);
  if (env.NODE_ENV === 'production' && !set('AUTH_ISSUER') && !jwks) {
    problems.push('AUTH_ISSUER, AUTH_JWKS_URL or AUTH_JWKS_FILE: required with NODE_ENV=production (local dev keys are refused: only configured issuers count)');
  }
  return problems;
}

/**
 * Production signs the access log's checkpoints with a key the operator provides: a key created
 * on the fly in the data directory would vanish with the container, and with it the proof.
 */
function auditConsistencyProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  if (env.NODE_ENV !== 'production' || (env.AUDIT_SIGNING_KEY_FILE !== undefined && env.AUDIT_SIGNING_KEY_FILE !== '')) return [];
  return ['AUDIT_SIGNING_KEY_FILE: required with NODE_ENV=production (the private JWK, ES256 or EdDSA, that signs the access log checkpoints)'];
}

/**
 * Reads the environment once, validates every variable, and returns a frozen config.
 * Throws `ConfigError` listing every problem at once (one line per variable); nothing has
 * been opened or touched when it throws.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const parsed = environmentSchema.safeParse(env);
  const authProblems = [...authConsistencyProblems(env), ...auditConsistencyProblems(env), ...operationsConsistencyProblems(env)];
  if (!parsed.success) throw new ConfigError([...parsed.error.issues.map((issue) => issue.message), ...authProblems]);
  if (authProblems.length > 0) throw new ConfigError(authProblems);
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
    server: { host: e.HOST && e.HOST !== '' ? e.HOST : '127.0.0.1', port: e.PORT, requestTimeoutMs: e.REQUEST_TIMEOUT_MS },
    database: {
      poolMax: e.DB_POOL_MAX,
      statementTimeoutMs: e.SOURCE_STATEMENT_TIMEOUT_MS,
      analyticsTimeoutMs: e.ANALYTICS_STATEMENT_TIMEOUT_MS,
      connectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_S,
    },
    limits: {
      depth: e.LIMIT_DEPTH,
      aliases: e.LIMIT_ALIASES,
      rootFields: e.LIMIT_ROOT_FIELDS,
      directives: e.LIMIT_DIRECTIVES,
      tokens: e.LIMIT_TOKENS,
      documentBytes: e.LIMIT_DOCUMENT_BYTES,
      cost: e.LIMIT_COST,
      bodyBytes: e.LIMIT_BODY_BYTES,
    },
    // Required in production unless turned off; off elsewhere unless asked for.
    trustedDocuments: e.TRUSTED_DOCUMENTS === 'auto' ? e.NODE_ENV === 'production' : e.TRUSTED_DOCUMENTS === 'required',
    compiledExecution: e.COMPILED_EXECUTION === 'on',
    rateLimit: { requests: e.RATE_LIMIT_REQUESTS, windowSeconds: e.RATE_LIMIT_WINDOW_S, redisUrl: e.REDIS_URL ?? null, keyPrefix: e.RATE_LIMIT_KEY_PREFIX || 'lienthong:rate' },
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST || '127.0.0.1', token: e.METRICS_TOKEN || null },
    shutdown: { timeoutMs: e.SHUTDOWN_TIMEOUT_MS, delayMs: e.SHUTDOWN_DELAY_MS },
    log: { level: e.LOG_LEVEL },
    auth: {
      issuer: e.AUTH_ISSUER ? { name: e.AUTH_ISSUER, jwks: jwksSource(e.AUTH_JWKS_URL, e.AUTH_JWKS_FILE, cwd) } : null,
      audience: e.AUTH_AUDIENCE ?? 'lienthong',
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_S,
      maxTokenAgeSeconds: e.AUTH_MAX_TOKEN_AGE_S,
      devKeys: e.NODE_ENV !== 'production',
    },
    policyFile: e.POLICY_FILE ? path.resolve(cwd, e.POLICY_FILE) : DEFAULT_POLICY_FILE,
    pseudonymSecret: e.PSEUDONYM_SECRET ? e.PSEUDONYM_SECRET : null,
    audit: { signingKeyFile: e.AUDIT_SIGNING_KEY_FILE ? path.resolve(cwd, e.AUDIT_SIGNING_KEY_FILE) : null },
  });
}

/** Only called once the consistency rules have passed: exactly one of the two is set. */
function jwksSource(url: string | undefined, file: string | undefined, cwd: string): JwksSource {
  return url ? { kind: 'remote', url } : { kind: 'file', path: path.resolve(cwd, file ?? '') };
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
export type { MetricsConfig, ShutdownConfig };
