/**
 * The gateway's GraphQL endpoint, assembled: the schema with the policy's masks, the same
 * schema under graphql-shield, identity and policy checks before execution, and the per-request
 * context with each source's row scope.
 */
import { auditPlugin } from '../audit/audit.plugin.js';
import { withReleaseTracking } from '../audit/release-tracking.js';
import { AccessLogWriter, type CheckpointSigning } from '../audit/writer.js';
import { type Authenticator, type RefusalListener, createAuthenticator } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/identity/verifier.js';
import { withMasks } from '../auth/masks.js';
import type { Policy } from '../auth/policy/policy.types.js';
import { shieldedSchema } from '../auth/shield.js';
import { DEFAULT_LIMITS, type QueryLimits } from '../config/index.js';
import type { Storage } from '../db/index.js';
import type { Logger } from '../log/logger.js';
import { gatewaySchema } from '../schema/build-schema.js';
import { createContextFactory } from '../schema/context.js';
import { AccessLogStore, AgencyRegistry, NO_FIELDS, TrustedDocuments } from '../sources/gateway/index.js';
import { aggregateCsvRoute } from './aggregate-csv.js';
import { type GraphQLEndpoint, createGraphQLEndpoint } from './graphql.js';
import type { RouteHandler } from './http.js';
import { type GatewayMetrics, createMetrics } from './metrics.js';
import { type RateLimitConfig, createRateLimiter } from './rate-limit.js';

export interface GatewayEndpointOptions {
  storage: Storage;
  policy: Policy;
  verifier: TokenVerifier;
  logger: Logger;
  /** NODE_ENV=production: introspection only for roles the policy allows. */
  production: boolean;
  /** The secret behind `hash` masks (stable pseudonyms) and the access log's keyed hashes. */
  pseudonymSecret: Uint8Array;
  /** Deadline of an analyst's aggregate statement (default 60 s). */
  analyticsTimeoutMs?: number;
  /** Limits every request meets before it executes (default DEFAULT_LIMITS). */
  limits?: QueryLimits;
  /** Requests per agency and window (default: none). */
  rateLimit?: RateLimitConfig | null;
  /** Roles without `adHocDocuments` run only their agency's registered documents (default: not required). */
  trustedDocuments?: boolean;
  /** Executes through graphql-jit (default); false: graphql-js for everything (`COMPILED_EXECUTION=off`). */
  compiledExecution?: boolean;
  /** The use of a document that compiles it (default: the second; the tests compile on the first, so every test runs compiled). */
  compileOnUse?: number;
  /** Signs the access log's checkpoints; null signs none (tests of other things). */
  checkpointSigner: CheckpointSigning | null;
  /**
   * This gateway's metrics (default: a registry of its own). Pass the one whose
   * `sourceQuery` the storage was opened with, so source statements are counted too.
   */
  metrics?: GatewayMetrics;
}

export interface GatewayEndpoint extends GraphQLEndpoint {
  readonly agencies: AgencyRegistry;
  readonly authenticator: Authenticator;
  readonly accessLog: AccessLogStore;
  readonly trustedDocuments: TrustedDocuments;
  /** `GET /aggregate.csv`: an aggregate as a CSV download. */
  readonly aggregateCsv: RouteHandler;
  readonly metrics: GatewayMetrics;
}

export async function createGatewayEndpoint(options: GatewayEndpointOptions): Promise<GatewayEndpoint> {
  const { storage, policy, verifier, logger, production } = options;
  const schema = withMasks(withReleaseTracking(gatewaySchema()), policy, options.pseudonymSecret);
  const agencies = new AgencyRegistry(storage.sources.gateway);
  const accessLog = new AccessLogStore(storage.sources.gateway);
  const metrics = options.metrics ?? createMetrics();
  const writer = new AccessLogWriter(accessLog, options.checkpointSigner, metrics.accessLogCommit);
  const authenticator = createAuthenticator({ verifier, policy, agencies, onRefusal: logRefusal(writer) });
  const rateLimiter = options.rateLimit ? await createRateLimiter(options.rateLimit, logger, metrics.rateLimitRefusal) : null;
  const trustedDocuments = new TrustedDocuments(storage.sources.gateway);
  const createContext = createContextFactory(storage, { store: accessLog, policy }, { minCellCount: policy.minCellCount, analyticsTimeoutMs: options.analyticsTimeoutMs ?? 60_000 });
  const endpoint = await createGraphQLEndpoint({
    schema,
    shielded: shieldedSchema(schema, policy),
    policy,
    authenticator,
    createContext,
    limits: options.limits ?? DEFAULT_LIMITS,
    rateLimiter,
    trustedDocuments: options.trustedDocuments ? trustedDocuments : null,
    compiledExecution: options.compiledExecution ?? true,
    compileOnUse: options.compileOnUse,
    logger,
    production,
    metrics,
    plugins: [auditPlugin({ writer, policy, hashKey: options.pseudonymSecret })],
  });
  return {
    ...endpoint,
    agencies,
    authenticator,
    accessLog,
    trustedDocuments,
    aggregateCsv: aggregateCsvRoute({ authenticator, createContext, logger, rateLimiter }),
    metrics,
    stop: async () => {
      await endpoint.stop();
      await rateLimiter?.close();
    },
  };
}

/** A refused attempt of an identified caller is an access record too (nothing released). */
function logRefusal(writer: AccessLogWriter): RefusalListener {
  return (principal, refusal, request) =>
    writer.append({
      at: new Date(),
      requestId: request.requestId,
      agency: principal.agency,
      officer: principal.sub,
      role: principal.role,
      purpose: request.purpose,
      caseRef: null,
      operation: null,
      documentHash: null,
      variablesHash: null,
      subjects: [],
      fields: NO_FIELDS,
      outcome: 'REFUSED',
      code: refusal.code,
      client: request.client,
    });
}
