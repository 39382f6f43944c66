/**
 * Apollo Server 5 mounted on our node:http server. Apollo has no Express middleware in v5, so
 * this reads the body itself and calls `executeHTTPGraphQLRequest`.
 */
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { WITHHELD, releaseAllowed } from '../audit/release-gate.js';
import type { Authenticator } from '../auth/authenticate.js';
import { authorizationPlugin } from '../auth/authorization.plugin.js';
import { compiledExecutionPlugin } from '../graphql/compiled-execution.js';
import type { QueryLimits } from '../config/index.js';
import { limitError, limitsPlugin, logRefusal, tokenLimitOf } from './limits.plugin.js';
import type { AgencyRateLimiter } from './rate-limit.js';
import { type TrustedDocuments, documentHash } from '../sources/gateway/index.js';
import type { Policy } from '../auth/policy/policy.types.js';
import type { RequestAuth } from '../auth/request-auth.js';
import { isLienThongError } from '../errors/index.js';
import type { Logger } from '../log/logger.js';
import type { ContextFactory, GatewayContext } from '../schema/context.js';
import type { RouteHandler } from './http.js';
import { sendJson } from './http.js';
import { BODY_REFUSED, readJsonBody } from './request-body.js';
import type { GatewayMetrics, GraphQLObservation } from './metrics.js';

/** A body this small is read and dropped after a refusal, so the connection can stay open. */
const SMALL_BODY_BYTES = 64 * 1024;
/** Codes graphql-js and Apollo set for a client's own mistakes; their messages are safe to show. */
const CLIENT_CODES = new Set(['QUERY_TOO_COMPLEX', 'UNAUTHENTICATED', 'FORBIDDEN', 'PURPOSE_REQUIRED', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);
/**
 * What the metrics learn of a request during execution (its operation name and outcome), on its
 * context. A symbol key: Apollo hands plugins a shallow copy of the context, which copies it too.
 */
const OBSERVED = Symbol('observed');
type ObservedContext = GatewayContext & { [OBSERVED]: GraphQLObservation };
/** Errors whose client message says only that something failed; the request id leads to the log. */
const TRACED_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SOURCE_UNAVAILABLE']);

export interface GraphQLEndpoint {
  handler: RouteHandler;
  stop(): Promise<void>;
}

export interface GraphQLEndpointOptions {
  /** The schema served (masks applied). */
  schema: GraphQLSchema;
  /** The same schema under graphql-shield, for operations that select a denied field. */
  shielded: GraphQLSchema;
  policy: Policy;
  authenticator: Authenticator;
  createContext: ContextFactory;
  logger: Logger;
  production: boolean;
  /** Further plugins (the access log's). */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Limits every request meets before it executes. */
  limits: QueryLimits;
  /** Requests per agency and window; null: no limit. */
  rateLimiter?: AgencyRateLimiter | null;
  /** When set, roles without `adHocDocuments` run only their agency's registered documents. */
  trustedDocuments?: TrustedDocuments | null;
  /** Executes through graphql-jit (compiled-execution.ts); false: graphql-js for everything. */
  compiledExecution?: boolean;
  /** The use of a document that compiles it (default: the second). */
  compileOnUse?: number;
  /** Observes each request's latency by operation, role and outcome. */
  metrics?: Pick<GatewayMetrics, 'graphqlRequest' | 'graphqlExecution'> | null;
}

export async function createGraphQLEndpoint(options: GraphQLEndpointOptions): Promise<GraphQLEndpoint> {
  const { schema, shielded, policy, authenticator, createContext, logger, production, limits } = options;
  const metrics = options.metrics ?? null;
  const formatErrors = (errors: readonly GraphQLError[], ctx: GatewayContext): GraphQLFormattedError[] =>
    errors.map((error) => {
      logUnexpected(ctx.logger, error);
      const formatted = formatError(error.toJSON(), error);
      if (TRACED_CODES.has(String(formatted.extensions?.code))) return { ...formatted, extensions: { ...formatted.extensions, requestId: ctx.requestId } };
      return formatted;
    });
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    formatError,
    // Introspection is decided per role by the authorization plugin (scoped to the role's view,
    // and in production only for roles the policy allows), not globally.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Apollo would stop itself on SIGTERM (failing requests still in flight) and re-send the
    // signal; the serve command's shutdown drains first and stops Apollo last.
    stopOnTerminationSignals: false,
    // No "Did you mean …" suggestions: they reveal the schema to a caller probing it.
    hideSchemaDetailsFromClientErrors: true,
    // The parser stops past this many tokens, before building the document.
    parseOptions: { maxTokens: limits.tokens },
    // Automatic persisted queries let any caller register any document: off where documents must be trusted.
    ...(options.trustedDocuments || production ? { persistedQueries: false as const } : {}),
    plugins: [
      limitsPlugin<GatewayContext>(schema, limits),
      // Cache control would wrap every field resolver; the gateway sets no cache hints.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      authorizationPlugin<GatewayContext>({ schema, shielded, policy, production, formatErrors }),
      // Asked only when authorization did not answer itself (no denied field, no introspection).
      ...(options.compiledExecution === false ? [] : [compiledExecutionPlugin<GatewayContext>({ schema, formatErrors, compileOnUse: options.compileOnUse, ...(metrics ? { executed: metrics.graphqlExecution } : {}) })]),
      ...(options.plugins ?? []),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) logUnexpected(contextValue.logger, error);
            },
            async willSendResponse({ response, contextValue, operationName }) {
              if (response.body.kind !== 'single') return;
              const seen = (contextValue as Partial<ObservedContext>)[OBSERVED];
              if (seen) {
                seen.operation = operationName ?? '';
                const first = response.body.singleResult.errors?.[0];
                if (first) seen.outcome = String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
              }
              for (const error of response.body.singleResult.errors ?? []) {
                if (TRACED_CODES.has(String(error.extensions?.code))) (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, requestId: string, seen: GraphQLObservation): Promise<void> => {
    // Every line this request logs carries its id (about 1 µs a request for the child).
    const log = logger.child({ requestId });
    // Who is calling is settled before the body is read or anything executes.
    const client = req.socket.remoteAddress ?? null;
    let auth: RequestAuth;
    try {
      auth = await authenticator.authenticate(req.headers, { requestId, client });
    } catch (error) {
      seen.outcome = isLienThongError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
      refuse(res, error, log, requestId);
      return;
    }
    seen.role = auth.principal.role;
    if (!(await withinRate(options.rateLimiter, auth.principal.agency, req, res, log))) {
      seen.outcome = 'RATE_LIMITED';
      return;
    }
    const body = req.method === 'POST' ? await readJsonBody(req, res, limits.bodyBytes) : undefined;
    if (body === BODY_REFUSED) {
      seen.outcome = 'BAD_REQUEST';
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The document's size is checked before it is parsed.
    const documentText = typeof (body as { query?: unknown } | undefined)?.query === 'string' ? (body as { query: string }).query : url.searchParams.get('query');
    if (documentText && Buffer.byteLength(documentText) > limits.documentBytes) {
      seen.outcome = 'QUERY_TOO_COMPLEX';
      logRefusal({ requestId, logger: log }, 'documentBytes', Buffer.byteLength(documentText), limits.documentBytes);
      sendJson(res, 400, { errors: [limitError('documentBytes', limits.documentBytes)] });
      return;
    }
    if (options.trustedDocuments && !auth.grant.adHocDocuments) {
      // A document sent by hash alone (automatic persisted queries) is not trusted either: the
      // text is what was registered.
      const hash = documentText ? documentHash(documentText) : null;
      if (!hash || !(await options.trustedDocuments.isTrusted(auth.principal.agency, hash))) {
        seen.outcome = 'DOCUMENT_NOT_TRUSTED';
        log.warn({ code: 'DOCUMENT_NOT_TRUSTED', agency: auth.principal.agency, role: auth.principal.role, hash }, 'request refused: document not registered for the agency');
        sendJson(res, 403, { errors: [{ message: "This role runs only its agency's registered documents (lienthong documents register)", extensions: { code: 'DOCUMENT_NOT_TRUSTED' } }] });
        return;
      }
    }
    let context: GatewayContext | undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => {
        context = await createContext(requestId, log, auth, client);
        return Object.assign(context, { [OBSERVED]: seen });
      },
    });
    // Durable before release: not a byte until the request's access record is committed.
    if (context && !(await releaseAllowed(context.audit))) {
      seen.outcome = 'AUDIT_UNAVAILABLE';
      res.statusCode = WITHHELD.status;
      res.setHeader('content-type', WITHHELD.contentType(result.headers.get('content-type')));
      res.end(WITHHELD.body(requestId));
      return;
    }
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
  const handler: RouteHandler = async (req, res, request) => {
    const seen: GraphQLObservation = { operation: null, role: null, outcome: 'ok' };
    if (!metrics) return serve(req, res, request.id, seen);
    const started = performance.now();
    try {
      await serve(req, res, request.id, seen);
    } finally {
      metrics.graphqlRequest(seen, performance.now() - started);
    }
  };
  return { handler, stop: () => apollo.stop() };
}

/**
 * What a client sees of an error: our coded errors with their message, graphql-js's own client
 * errors as they are, and anything else as a bare INTERNAL_SERVER_ERROR (the log has the rest).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitOf(formatted) : null;
  if (tokens !== null) return limitError('tokens', tokens);
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (isLienThongError(original)) {
    if (original.code === 'INTERNAL_SERVER_ERROR') return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  if (code === 'QUERY_TOO_COMPLEX') return { ...base, extensions: { code, limit: formatted.extensions?.limit, max: formatted.extensions?.max } };
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return { ...base, extensions: { code } };
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** `logger` is the request's own (its lines carry the request id). */
function logUnexpected(logger: Logger, error: { extensions?: Record<string, unknown>; originalError?: unknown; path?: readonly (string | number)[] }): void {
  const original = unwrapResolverError(error);
  const code = isLienThongError(original) ? original.code : String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (CLIENT_CODES.has(code) || code === 'NOT_FOUND') return;
  const cause = isLienThongError(original) ? original.cause : original;
  // Driver messages can quote parameter values (personal IDs): log their codes, not their text.
  logger.warn(
    {
      code,
      source: isLienThongError(original) ? original.details.source : undefined,
      path: error.path?.join('.'),
      cause: { name: (cause as Error | undefined)?.name, code: (cause as { code?: unknown } | undefined)?.code },
    },
    'request error',
  );
}

/**
 * Takes one request from the agency's budget; past it, answers 429 RATE_LIMITED with
 * Retry-After (before the body is read) and returns false. `logger` is the request's own.
 */
export async function withinRate(
  limiter: AgencyRateLimiter | null | undefined,
  agency: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  logger: Logger,
): Promise<boolean> {
  if (!limiter) return true;
  const verdict = await limiter.take(agency);
  if (verdict.allowed) return true;
  logger.warn({ code: 'RATE_LIMITED', agency, retryAfterSeconds: verdict.retryAfterSeconds }, 'request refused: rate limit');
  res.setHeader('retry-after', String(verdict.retryAfterSeconds));
  // The connection stays open for the next request (measured: refusing a flood over kept-alive
  // connections cost the other agencies no more than closing each), unless the unread body is
  // large or of unknown length: it would have to be read and dropped first.
  const length = Number(req.headers['content-length'] ?? 0);
  if (!(length <= SMALL_BODY_BYTES) || req.headers['transfer-encoding'] !== undefined) res.setHeader('connection', 'close');
  sendJson(res, 429, { errors: [{ message: `Too many requests from this agency; retry in ${verdict.retryAfterSeconds} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: verdict.retryAfterSeconds } }] });
  return false;
}

/**
 * Answers a request refused before GraphQL (401/403/503), with a coded error and nothing else.
 * `logger` is the request's own.
 */
function refuse(res: http.ServerResponse, error: unknown, logger: Logger, requestId: string): void {
  if (!isLienThongError(error)) {
    logger.error({ err: { name: (error as Error | undefined)?.name } }, 'authentication failed unexpectedly');
    sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    return;
  }
  // The reason a token was refused (jose's code) helps operators; it never goes to the client.
  // The verifier's cause is a code string (e.g. ERR_JWT_EXPIRED:exp), never the token or its claims.
  const reason = typeof error.cause === 'string' ? error.cause : ((error.cause as { code?: unknown } | undefined)?.code ?? error.details.reason);
  logger.info({ code: error.code, reason }, 'request refused before execution');
  if (error.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer realm="lienthong", error="invalid_token"');
  sendJson(res, error.httpStatus, { errors: [{ message: error.message, extensions: { code: error.code, ...(error.httpStatus >= 500 ? { requestId } : {}) } }] });
}
