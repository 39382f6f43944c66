/**
 * The access log's canonical encoding and hash chain. A record's hash is SHA-256 (hex) over the
 * previous record's hash, a newline, and the record's canonical encoding: a JSON array of its
 * fields in a fixed order, lists sorted, times as ISO 8601 UTC with milliseconds. Writer and
 * verifier use this one function, so a record hashes the same however it was read back.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Encoding version, first in every canonical array: a future change of fields bumps it. */
const VERSION = 1;

export interface AccessRecord {
  readonly seq: number;
  readonly at: Date;
  readonly requestId: string;
  readonly agency: string;
  readonly officer: string;
  readonly role: string;
  readonly purpose: string | null;
  readonly caseRef: string | null;
  readonly operation: string | null;
  readonly documentHash: string | null;
  readonly variablesHash: string | null;
  readonly subjects: readonly string[];
  readonly released: readonly string[];
  readonly masked: readonly string[];
  readonly denied: readonly string[];
  readonly categories: readonly string[];
  readonly outcome: string;
  readonly code: string | null;
  readonly client: string | null;
}

export function canonicalEncoding(r: AccessRecord): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  return JSON.stringify([
    VERSION,
    r.seq,
    r.at.toISOString(),
    r.requestId,
    r.agency,
    r.officer,
    r.role,
    r.purpose,
    r.caseRef,
    r.operation,
    r.documentHash,
    r.variablesHash,
    sorted(r.subjects),
    sorted(r.released),
    sorted(r.masked),
    sorted(r.denied),
    sorted(r.categories),
    r.outcome,
    r.code,
    r.client,
  ]);
}

export function chainHash(prevHash: string, record: AccessRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEncoding(record)).digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
