/**
 * Turns a driver error into a coded one. Connection-class failures (refused, reset, timed out,
 * server shutting down, statement cancelled by the deadline) mean the source is unavailable;
 * anything else is a bug on our side. The driver's message, which may quote SQL and parameter
 * values (personal IDs), is kept only as `cause`, never in the message.
 */
import { LienThongError, SourceUnavailableError } from '../errors/index.js';
import type { StatementRecorder } from './storage.js';

const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const UNAVAILABLE_DRIVER = new Set(['CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'SOURCE_DEADLINE']);
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention (incl. 57014 statement timeout), 58 system error. */
const UNAVAILABLE_SQLSTATE_CLASS = new Set(['08', '53', '57', '58']);

export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_DRIVER.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_CLASS.has(code.slice(0, 2))) return true;
  }
  // PGlite reports a closed instance without a code.
  return error instanceof Error && /PGlite is closed/.test(error.message);
}

export function classifyDatabaseError(source: string, error: unknown): LienThongError {
  if (error instanceof LienThongError) return error;
  if (isUnavailable(error)) return new SourceUnavailableError(source, { cause: error });
  return new LienThongError('INTERNAL_SERVER_ERROR', `A query on the ${source} source failed`, { cause: error, details: { source } });
}

/** A client-side deadline, for a server that stops answering without closing the connection. */
export class DeadlineError extends Error {
  readonly code = 'SOURCE_DEADLINE';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Runs one statement (or transaction) of `source`: tells `record` its duration and its error code
 * (null if it succeeded), and turns a failure into a coded error (`classifyDatabaseError`).
 */
export async function recorded<T>(source: string, record: StatementRecorder | undefined, run: () => Promise<T>): Promise<T> {
  const started = record ? performance.now() : 0;
  try {
    const result = await run();
    record?.(performance.now() - started, null);
    return result;
  } catch (error) {
    const classified = classifyDatabaseError(source, error);
    record?.(performance.now() - started, classified.code);
    throw classified;
  }
}
