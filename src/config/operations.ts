/**
 * The operations settings (metrics listener, shutdown) and the rules across their variables,
 * checked on the raw values so they are reported together with any malformed value.
 */

export interface MetricsConfig {
  /** `METRICS_PORT`; null: no metrics listener. */
  readonly port: number | null;
  /** `METRICS_HOST`, 127.0.0.1 by default. */
  readonly host: string;
  /** `METRICS_TOKEN`: the bearer token a scraper must send; required when the host is not loopback. */
  readonly token: string | null;
}

export interface ShutdownConfig {
  /** `SHUTDOWN_TIMEOUT_MS`: from the signal to a forced exit (code 1) if requests are still running. */
  readonly timeoutMs: number;
  /** `SHUTDOWN_DELAY_MS`: time /readyz reports draining while the port still accepts, so the balancer stops sending first. */
  readonly delayMs: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/**
 * The metrics listener and the shutdown timings, across variables. Metrics name agencies and
 * their traffic: off loopback, a scraper must present METRICS_TOKEN. The drain delay must leave
 * time to finish requests before the deadline.
 */
export function operationsConsistencyProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  const problems: string[] = [];
  if (set('METRICS_PORT') && set('METRICS_HOST') && !LOOPBACK.test(env.METRICS_HOST ?? '') && !set('METRICS_TOKEN')) {
    problems.push('METRICS_TOKEN: required when METRICS_HOST is not a loopback address (the metrics name agencies and their traffic)');
  }
  if (set('METRICS_PORT') && env.METRICS_PORT === (env.PORT || '4000') && (env.METRICS_HOST || '127.0.0.1') === (env.HOST || '127.0.0.1')) {
    problems.push('METRICS_PORT: must differ from PORT (the metrics have a listener of their own)');
  }
  const timeout = Number(env.SHUTDOWN_TIMEOUT_MS || 25_000);
  const delay = Number(env.SHUTDOWN_DELAY_MS || 0);
  if (Number.isFinite(timeout) && Number.isFinite(delay) && delay >= timeout) {
    problems.push('SHUTDOWN_DELAY_MS: must be shorter than SHUTDOWN_TIMEOUT_MS (the drain delay counts against the deadline)');
  }
  return problems;
}

