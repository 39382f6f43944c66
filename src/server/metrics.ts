/**
 * The gateway's Prometheus metrics (prom-client), on a registry of its own: one per gateway
 * instance, never prom-client's global default, so several gateways in one process (the tests)
 * keep their counts apart.
 *
 * Every label comes from a bounded set, and none carries personal data: routes from the route
 * table, status codes, roles and agency codes from the policy, source names, error codes, and
 * operation names through `OperationNames` (at most MAX_OPERATION_NAMES, then `other`).
 * Observing costs a `performance.now()` pair and one histogram observe; nothing is per field.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommitObserver } from '../audit/writer.js';
import type { ExecutionEngine } from '../graphql/compiled-execution.js';
import type { SourceName } from '../config/index.js';
import type { StatementRecorder } from '../db/index.js';

/** Distinct operation names kept as labels; later ones are counted as `other`. */
export const MAX_OPERATION_NAMES = 200;

/** A GraphQL name (spec §2.1.9), at most 64 characters here. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** Six digits in a row may be (part of) an identifier a caller put in a name: never a label. */
const DIGIT_RUN = /\d{6}/;
/** Error codes are constants of ours, graphql-js's or Apollo's, never a caller's text. */
const ERROR_CODE = /^[A-Z][A-Z_]{0,47}$/;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 60];
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/** What the storage layer calls, once per source when it connects (so the hot path has bound labels). */
export type SourceQueryObserver = (source: SourceName) => StatementRecorder;

/** One GraphQL request as the metrics see it. */
export interface GraphQLObservation {
  /** The operation's name (bounded here); '' when it has none; null when the request never got to its document. */
  operation: string | null;
  /** The caller's role, or null before the caller is known. */
  role: string | null;
  /** `ok`, or the code of the first error (or of the refusal). */
  outcome: string;
}

export interface GatewayMetrics {
  readonly registry: Registry;
  /** One answered HTTP request; `route` is a path of the route table or `unmatched`. */
  httpRequest(route: string, status: number): void;
  graphqlRequest(observation: GraphQLObservation, milliseconds: number): void;
  /** One operation that got to execution, by what executed it (compiled-execution.ts). */
  graphqlExecution(engine: ExecutionEngine): void;
  readonly sourceQuery: SourceQueryObserver;
  readonly accessLogCommit: CommitObserver;
  rateLimitRefusal(agency: string): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; text: string }>;
}

export interface MetricsOptions {
  /** Also collect Node's process metrics (CPU, memory, event loop, GC): once per process. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const http = new Counter({ name: 'lienthong_http_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['route', 'status'] as const, registers });
  const graphql = new Histogram({
    name: 'lienthong_graphql_request_duration_seconds',
    help: 'GraphQL requests from arrival to the last byte, by operation name, role and outcome (ok or the first error code)',
    labelNames: ['operation', 'role', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const sourceDuration = new Histogram({ name: 'lienthong_source_query_duration_seconds', help: 'Statements sent to each source, failed ones included', labelNames: ['source'] as const, buckets: QUERY_BUCKETS, registers });
  const sourceErrors = new Counter({ name: 'lienthong_source_errors_total', help: 'Statements a source failed, by error code (SOURCE_UNAVAILABLE: down, cut or past its deadline)', labelNames: ['source', 'code'] as const, registers });
  const commitDuration = new Histogram({ name: 'lienthong_access_log_commit_duration_seconds', help: "Access-log commits (one transaction per batch of records), failed ones included", buckets: COMMIT_BUCKETS, registers });
  const records = new Counter({ name: 'lienthong_access_log_records_total', help: 'Access records committed', registers });
  const commitFailures = new Counter({ name: 'lienthong_access_log_commit_failures_total', help: 'Access-log commits that failed (their responses were withheld)', registers });
  const failedRecords = new Counter({ name: 'lienthong_access_log_failed_records_total', help: 'Access records whose commit failed', registers });
  const refusals = new Counter({ name: 'lienthong_rate_limit_refusals_total', help: 'Requests refused with 429 RATE_LIMITED, by agency', labelNames: ['agency'] as const, registers });
  const executions = new Counter({
    name: 'lienthong_graphql_executions_total',
    help: 'Operations executed (not those authorization runs itself: denied fields, introspection), by engine: compiled (graphql-jit) or graphql-js; not counted with COMPILED_EXECUTION=off',
    labelNames: ['engine'] as const,
    registers,
  });
  const operations = new OperationNames(MAX_OPERATION_NAMES);

  return {
    registry,
    httpRequest: (route, status) => http.inc({ route, status: String(status) }),
    graphqlRequest: (o, milliseconds) =>
      graphql.observe({ operation: operations.label(o.operation), role: o.role ?? 'none', outcome: ERROR_CODE.test(o.outcome) || o.outcome === 'ok' ? o.outcome : 'other' }, milliseconds / 1000),
    graphqlExecution: (engine) => executions.inc({ engine }),
    sourceQuery: (source) => {
      // Bound once per source: the hot path only observes.
      const duration = sourceDuration.labels({ source });
      return (milliseconds, errorCode) => {
        duration.observe(milliseconds / 1000);
        if (errorCode !== null) sourceErrors.inc({ source, code: ERROR_CODE.test(errorCode) ? errorCode : 'other' });
      };
    },
    accessLogCommit: {
      committed(milliseconds, count) {
        commitDuration.observe(milliseconds / 1000);
        records.inc(count);
      },
      failed(milliseconds, count) {
        commitDuration.observe(milliseconds / 1000);
        commitFailures.inc();
        failedRecords.inc(count);
      },
    },
    rateLimitRefusal: (agency) => refusals.inc({ agency }),
    async scrape() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

/**
 * Operation names as labels, from a bounded set: the first `max` distinct well-formed names
 * seen, then `other`. `anonymous` for an operation without a name (or a document that did not
 * parse), `none` for a request refused before its document was read. A name with six digits in a row is `other`: a caller may name an operation after a
 * personal ID, and a label must never carry one.
 */
export class OperationNames {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  label(name: string | null): string {
    if (name === null) return 'none';
    if (name === '') return 'anonymous';
    if (this.known.has(name)) return name;
    if (!OPERATION_NAME.test(name) || DIGIT_RUN.test(name) || this.known.size >= this.max) return 'other';
    this.known.add(name);
    return name;
  }
}
