/**
 * One autocannon run against POST /graphql, a fresh input per request.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Ready-made request bodies, one per sampled input; each request picks one at random. */
  readonly bodies: readonly string[];
  /** Seed of the input sequence: the same seed gives every target the same inputs in order. */
  readonly seed: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The byte size of each body's answer, learnt before timing (same order as `bodies`): a response
   * of another size counts as a problem, so a target cannot be fast by answering something else.
   */
  readonly expectedSizes?: readonly number[];
  /** Requests per second to send at, overall (default: as fast as the server answers). */
  readonly rate?: number;
}

export interface LoadResult {
  /** Completed requests. */
  readonly requests: number;
  /** Requests sent, including those still in flight when the run stopped (the server ran them). */
  readonly sent: number;
  /** Mean requests per second. */
  readonly reqPerSec: number;
  /** Latency percentiles, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  /** Why the run does not count (non-2xx, socket errors, GraphQL errors); empty when valid. */
  readonly problems: readonly string[];
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const next = mulberry32(options.seed);
  // Encoded up front: the load generator shares the CPUs with the servers it measures.
  const bodies = options.bodies.map((body) => Buffer.from(body));
  // autocannon's histograms hold whole milliseconds, which reads 0 for a sub-millisecond p50;
  // its response event carries the exact latency, kept here instead.
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let wrongSizes = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.url + '/graphql',
        connections: options.connections,
        ...(options.rate ? { overallRate: options.rate } : {}),
        duration: options.durationSeconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...options.headers },
            setupRequest: (request, context) => {
              const index = Math.floor(next() * bodies.length);
              context.index = index;
              request.body = bodies[index]!;
              return request;
            },
            // One request in flight per connection: its context still names the body it sent.
            onResponse: (status, body, context) => {
              // A 200 carrying GraphQL errors is not a success. The bodies hold no key or string
              // value spelled exactly "errors", so the quoted word only appears as the top-level key.
              if (body.includes('"errors"')) graphqlErrors++;
              const expected = options.expectedSizes?.[context.index as number];
              if (status < 300 && expected !== undefined && Buffer.byteLength(body) !== expected) wrongSizes++;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const problems: string[] = [];
        if (result.non2xx) problems.push(`${result.non2xx} non-2xx`);
        if (result.errors) problems.push(`${result.errors} errors (${result.timeouts} timeouts)`);
        if (graphqlErrors) problems.push(`${graphqlErrors} GraphQL errors`);
        if (wrongSizes) problems.push(`${wrongSizes} answers of an unexpected size`);
        if (result.requests.total === 0) problems.push('no request completed');
        latencies.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          sent: result.requests.sent,
          reqPerSec: result.requests.mean,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          problems,
        });
      },
    ).on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** A small seeded generator (mulberry32): reproducible input sequences without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
