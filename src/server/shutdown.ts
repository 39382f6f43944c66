/**
 * Graceful shutdown. On the first SIGTERM or SIGINT: /readyz reports draining (and, for
 * `delayMs`, the port still accepts, so a load balancer that polls readiness stops sending
 * first); then the listener closes, every in-flight request is answered (its access record
 * committed first, as always), kept-alive connections are closed as they turn idle, and the
 * endpoint, the sources and the metrics listener close in turn. Exit 0. Past `timeoutMs` from
 * the signal, the remaining connections are cut and the process exits 1. Later signals are
 * logged and otherwise ignored: signal-exit (under proper-lockfile) re-sends the first signal
 * to the process once it has run its own exit hooks, so a "second" signal is not a user's
 * insistence; the deadline bounds the wait.
 */
import type { Logger } from '../log/logger.js';
import type { GatewayServer } from './http.js';

export interface ShutdownOptions {
  server: GatewayServer;
  /** Closed in this order once every in-flight request is answered. */
  then: ReadonlyArray<{ readonly name: string; close(): Promise<void> }>;
  timeoutMs: number;
  delayMs: number;
  logger: Logger;
  /** process.exit, replaceable in tests. */
  exit?: (code: number) => void;
}

/** Installs the signal handlers; returns the shutdown itself (for callers that stop otherwise). */
export function installShutdown(options: ShutdownOptions): (reason: string) => Promise<void> {
  const shutdown = shutdownSequence(options);
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return shutdown;
}

export function shutdownSequence(options: ShutdownOptions): (reason: string) => Promise<void> {
  const { server, logger, timeoutMs, delayMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (reason) => {
    if (started) {
      logger.debug({ reason }, 'shutdown: already draining');
      return;
    }
    started = true;
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown: deadline passed with requests still running; cutting connections');
      server.destroy();
      exit(1);
    }, timeoutMs);
    logger.info({ reason, timeoutMs, delayMs }, 'shutting down: draining (readiness fails from now on)');
    server.drain();
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      await server.close();
      logger.info('shutdown: every in-flight request answered; closing');
      for (const part of options.then) {
        await part.close();
        logger.debug({ part: part.name }, 'shutdown: closed');
      }
    } catch (error) {
      clearTimeout(deadline);
      logger.error({ err: { name: (error as Error | undefined)?.name, code: (error as { code?: unknown } | undefined)?.code } }, 'shutdown: closing failed');
      exit(1);
      return;
    }
    clearTimeout(deadline);
    logger.info('shut down');
    exit(0);
  };
}
