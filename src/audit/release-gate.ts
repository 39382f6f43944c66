/**
 * Durable before release: a response that carries personal data may leave only once the access
 * record of its request is committed. The audit plugin starts the commit when the response is
 * ready (`holdRelease`, not awaited, so Apollo serializes the body meanwhile); the HTTP handler
 * awaits `releaseAllowed` before it writes a single byte, and sends `WITHHELD` instead if the
 * commit failed.
 */
import type { AuditFacts } from './release-tracking.js';

/**
 * Holds the request's release until `commit` settles. `onFailure` is called once if it rejects
 * (the rejection is handled here, so none goes unhandled). Several records of one request (a
 * batched HTTP request shares its context) must all commit.
 */
export function holdRelease(audit: AuditFacts, commit: Promise<void>, onFailure: (error: unknown) => void): void {
  const committed = commit.then(
    () => true,
    (error: unknown) => {
      try {
        onFailure(error);
      } catch {
        // Withheld whatever the failure report does: this promise must not reject.
      }
      return false;
    },
  );
  const before = audit.committed;
  audit.committed = before ? Promise.all([before, committed]).then(([a, b]) => a && b) : committed;
}

/** Resolves true once every record of the request is committed (or it needed none), false if one failed. Never rejects. */
export function releaseAllowed(audit: AuditFacts): Promise<boolean> {
  return audit.committed ?? Promise.resolve(true);
}

/**
 * What is sent instead of the response when its record could not be committed: status, content
 * type (the JSON type Apollo chose for the response, if it chose one) and body, as Apollo would
 * have serialized the error.
 */
export const WITHHELD = {
  status: 503,
  contentType: (chosen: string | undefined): string => (chosen && /json/.test(chosen) ? chosen : 'application/json; charset=utf-8'),
  body: (requestId: string): string =>
    `${JSON.stringify({ errors: [{ message: 'The access log is unavailable, so no data was released; try again shortly', extensions: { code: 'AUDIT_UNAVAILABLE', requestId } }] })}\n`,
} as const;
