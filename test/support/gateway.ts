/**
 * A real gateway for tests: the HTTP server, Apollo, the policy and the schema over a test
 * storage, on an ephemeral port. Every statement each source sends is counted, so tests can
 * prove batching. Requests carry a real token signed by the test dev key.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../src/config/index.js';
import type { Storage } from '../../src/db/index.js';
import type { Policy } from '../../src/auth/policy/policy.types.js';
import type { AccessLogStore, TrustedDocuments } from '../../src/sources/gateway/index.js';
import { createLogger } from '../../src/log/logger.js';
import { createGatewayEndpoint } from '../../src/server/gateway.js';
import { startServer } from '../../src/server/http.js';
import { type DemoTokenOffer, pageRoutes } from '../../src/server/pages.js';
import { DIST } from '../../bin/build-web.mjs';
import { type GatewayMetrics, createMetrics } from '../../src/server/metrics.js';
import type { RateLimitConfig } from '../../src/server/rate-limit.js';
import { type TestEngine, openTestStorage } from './engines.js';
import { ALL_ACCESS, type Caller, testCheckpointSigner, testIdentity, testPolicy, tokenFor } from './identity.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  /** The x-request-id the gateway answered with (the access log's key). */
  requestId: string | null;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
  text: string;
}

export interface TestGateway {
  url: string;
  /** The file its log lines go to (null when TEST_LOG_LEVEL sends them to the console). */
  logFile: string | null;
  storage: Storage;
  policy: Policy;
  accessLog: AccessLogStore;
  trustedDocuments: TrustedDocuments;
  statements: Record<SourceName, number>;
  resetStatements(): void;
  /** Its metrics (source statements counted only when the storage was opened here). */
  metrics: GatewayMetrics;
  /** Runs a query as `caller` (default: the all-access test agency). */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>;
  /** The authorization (and purpose) headers of `caller` (default: the all-access test agency). */
  headersFor(caller?: Caller): Promise<Record<string, string>>;
  /** Sends a raw request to /graphql with exactly these headers. */
  post(body: unknown, headers: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  storage?: Storage;
  policy?: Policy;
  production?: boolean;
  /** Rate limits per agency (default none). */
  rateLimit?: RateLimitConfig;
  /** Require trusted documents of roles without ad hoc documents (default not). */
  trustedDocuments?: boolean;
  /** graphql-jit execution (default on); false: graphql-js only, as COMPILED_EXECUTION=off. */
  compiledExecution?: boolean;
  /** The use of a document that compiles it (default the first, so every test runs compiled). */
  compileOnUse?: number;
  /** Serve the pages too, as `lienthong serve` does (web/dist, built by the run's global setup). */
  pages?: boolean;
  /** With `pages`: offer these tokens at /demo/tokens, as `npm start` does. */
  demoTokens?: DemoTokenOffer[];
}

async function headersFor(caller: Caller = ALL_ACCESS): Promise<Record<string, string>> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(caller)}` };
  const purpose = caller.purpose === undefined ? (caller === ALL_ACCESS ? ALL_ACCESS.purpose : null) : caller.purpose;
  if (purpose !== null) headers['x-purpose'] = purpose;
  return headers;
}

export async function startTestGateway(engine: TestEngine, options: TestGatewayOptions = {}): Promise<TestGateway> {
  const statements = Object.fromEntries(SOURCE_NAMES.map((s) => [s, 0])) as Record<SourceName, number>;
  const metrics = createMetrics();
  const storage = options.storage ?? (await openTestStorage(engine, { onQuery: (source) => statements[source]++, statementTimeoutMs: 5_000, recordStatements: metrics.sourceQuery }));
  // Every line, into a file that the run's teardown scans for leaked tokens and personal IDs
  // (global-setup.ts); TEST_LOG_LEVEL shows them on the console instead.
  const logFile = process.env.TEST_LOG_LEVEL ? null : path.join(inject('testLogDir'), `${process.pid}-${randomUUID()}.log`);
  const logger = logFile ? createLogger('debug', fs.createWriteStream(logFile)) : createLogger(process.env.TEST_LOG_LEVEL as string);
  const policy = options.policy ?? testPolicy();
  const { verifier } = await testIdentity();
  const graphql = await createGatewayEndpoint({ storage, policy, verifier, logger, production: options.production ?? false, rateLimit: options.rateLimit ?? null, trustedDocuments: options.trustedDocuments ?? false, compiledExecution: options.compiledExecution ?? true, compileOnUse: options.compileOnUse ?? 1, pseudonymSecret: new Uint8Array(32).fill(7), checkpointSigner: await testCheckpointSigner(), metrics });
  await graphql.agencies.register([...policy.agencies].map(([code, agency]) => ({ code, name: agency.name, status: code === 'UBND.HBT' ? 'SUSPENDED' : 'ACTIVE' })));
  const server = await startServer({ host: '127.0.0.1', port: 0, storage, logger, metrics, routes: { ...(options.pages ? pageRoutes({ distDir: DIST, demoTokens: options.demoTokens ?? null }) : {}), '/graphql': graphql.handler, '/aggregate.csv': graphql.aggregateCsv } });
  const post = async (body: unknown, headers: Record<string, string>): Promise<GraphQLResponse> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: JSON.parse(text) as GraphQLResponse['body'], text };
  };
  return {
    url: server.url,
    logFile,
    storage,
    policy,
    accessLog: graphql.accessLog,
    trustedDocuments: graphql.trustedDocuments,
    statements,
    metrics,
    resetStatements: () => {
      for (const s of SOURCE_NAMES) statements[s] = 0;
    },
    headersFor,
    async query<T>(query: string, variables?: Record<string, unknown>, caller: Caller = ALL_ACCESS) {
      return (await post({ query, variables }, await headersFor(caller))) as GraphQLResponse<T>;
    },
    post,
    async close() {
      await server.close();
      await graphql.stop();
      await storage.close();
    },
  };
}
