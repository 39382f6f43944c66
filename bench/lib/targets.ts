/**
 * How each benchmark target is started, in one place for every benchmark script: the gateway as
 * in production (the node flag of the `lienthong` shebang, NODE_ENV=production, a configured
 * issuer, no rate limit unless asked), PostGraphile and the floor. Every one runs compiled
 * (bin/build-server.mjs), none through tsx's loader.
 */
import type { BenchAuth } from './auth.js';
import { type BenchDatabase, databaseEnv } from './database.js';
import type { TargetName, TargetSpec } from './target.js';

const NO_HEADERS = { partner: {}, analyst: {} };

export interface GatewayTargetOptions {
  /** The partner's headers (the analyst's are the bench's CTK.HN token). */
  readonly partner: Record<string, string>;
  /** Environment on top of the production one (a policy file, rate limits). */
  readonly env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  readonly nodeArgs?: readonly string[];
  readonly name?: TargetName;
}

export function gatewayTarget(db: BenchDatabase, auth: BenchAuth, options: GatewayTargetOptions): TargetSpec {
  return {
    name: options.name ?? 'gateway',
    args: ['--max-semi-space-size=16', ...(options.nodeArgs ?? []), 'bin/lienthong.mjs', 'serve'],
    // No rate limit by default: the benchmarks are one agency sending as fast as it can.
    env: { ...databaseEnv(db), ...auth.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_REQUESTS: '0', ...options.env },
    readyPath: '/readyz',
    readyStatus: 200,
    headers: { partner: options.partner, analyst: auth.headers.analyst },
    dialect: 'lienthong',
    metrics: true,
  };
}

/** Every target of `npm run bench`, by name. */
export function benchTargets(db: BenchDatabase, auth: BenchAuth, nodeArgs: readonly string[] = []): Record<TargetName, TargetSpec> {
  return {
    gateway: gatewayTarget(db, auth, { name: 'gateway', partner: auth.headers.scoped, nodeArgs }),
    'gateway-open': gatewayTarget(db, auth, { name: 'gateway-open', partner: auth.headers.open, nodeArgs }),
    'gateway-nolog': gatewayTarget(db, auth, { name: 'gateway-nolog', partner: auth.headers.open, env: { POLICY_FILE: auth.noLogPolicyFile }, nodeArgs }),
    // Node 20 runs it with one polyfill (see bench/postgraphile.ts); the same young-generation size
    // as the gateway's, so neither gets a memory setting the other lacks.
    postgraphile: {
      name: 'postgraphile',
      args: ['--max-semi-space-size=16', ...nodeArgs, 'bench/lib/run-compiled.mjs', 'bench/postgraphile.ts'],
      env: { ...databaseEnv(db), NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
      readyPath: '/graphql',
      headers: NO_HEADERS,
      dialect: 'postgraphile',
    },
    floor: {
      name: 'floor',
      args: [...nodeArgs, 'bench/lib/run-compiled.mjs', 'bench/floor.ts'],
      env: databaseEnv(db),
      readyPath: '/',
      headers: NO_HEADERS,
      dialect: 'lienthong',
    },
  };
}
