/**
 * The slice of autocannon 8's API the HTTP benchmark uses. autocannon ships no types, and adding
 * @types/autocannon would change package-lock.json; these follow its README ("API" and "Results").
 */
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  interface RequestSpec extends Request {
    /** Called before every request; returns the request to send. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    /** Called with every response's status and body (collecting the body costs the client CPU). */
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: RequestSpec[];
    /** Counts a response as a mismatch when this returns false. */
    verifyBody?: (body: string) => boolean;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** Requests per second across all connections (default: as fast as possible). */
    overallRate?: number;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    /** Latency in whole milliseconds. */
    latency: Histogram;
    /** Requests per second; `total` is the number of completed requests, `sent` of those sent. */
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  interface Instance {
    /** Every response, with its latency in fractional milliseconds (the histograms keep whole ms). */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
