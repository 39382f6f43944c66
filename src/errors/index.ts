/**
 * One error base for the whole gateway. Every error a client or an operator may see is a
 * `LienThongError` with a stable `code`; anything else is a bug and is reported as
 * INTERNAL_SERVER_ERROR with a request id, its details going only to the log.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'SOURCE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'CONFIG_INVALID'
  | 'DATA_DIR_LOCKED'
  | 'ALREADY_SEEDED'
  | 'MIGRATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PURPOSE_REQUIRED'
  | 'POLICY_INVALID'
  | 'KEY_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'DOCUMENT_NOT_TRUSTED';

/** HTTP status per code, in one place (apollo-server's convention). */
const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  SOURCE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
  CONFIG_INVALID: 500,
  DATA_DIR_LOCKED: 409,
  ALREADY_SEEDED: 409,
  MIGRATION_FAILED: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 403,
  POLICY_INVALID: 500,
  KEY_UNAVAILABLE: 503,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  DOCUMENT_NOT_TRUSTED: 403,
};

export interface LienThongErrorOptions {
  cause?: unknown;
  /** Extra, non-personal facts for `extensions` (a source name, a variable name). */
  details?: Record<string, string | number | boolean>;
}

export class LienThongError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: ErrorCode, message: string, options: LienThongErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LienThongError';
    this.code = code;
    this.details = Object.freeze({ ...options.details });
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export class BadUserInputError extends LienThongError {
  constructor(message: string, options?: LienThongErrorOptions) {
    super('BAD_USER_INPUT', message, options);
  }
}

/** A source's database could not be reached, refused, or did not answer in time. */
export class SourceUnavailableError extends LienThongError {
  constructor(source: string, options: Omit<LienThongErrorOptions, 'details'> = {}) {
    super('SOURCE_UNAVAILABLE', `The ${source} source is unavailable`, { ...options, details: { source } });
  }
}

/**
 * No valid bearer token. The message says what was wrong in general terms only (a verifier's
 * detail, e.g. which claim failed, goes to the log): a prober learns nothing about the keys.
 */
export class UnauthenticatedError extends LienThongError {
  constructor(message = 'A valid bearer token is required', options?: LienThongErrorOptions) {
    super('UNAUTHENTICATED', message, options);
  }
}

/** The caller is known but the policy (or the agency's status) does not allow this. */
export class ForbiddenError extends LienThongError {
  constructor(message: string, options?: LienThongErrorOptions) {
    super('FORBIDDEN', message, options);
  }
}

/** A policy file that cannot be used; `problems` name the file, the line and the fault. */
export class PolicyError extends LienThongError {
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super('POLICY_INVALID', `Invalid policy ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Configuration problems, all reported at once: one line per variable. */
export class ConfigError extends LienThongError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function isLienThongError(error: unknown): error is LienThongError {
  return error instanceof LienThongError;
}
