/**
 * How access records map to the table's rows and back: the columns an insert sends, what a read
 * selects (the lists inline or from the record's field set), and the export's column view.
 */
import type { FieldLists, StoredAccessRecord } from './access-log.chain.js';

/** A record's lists: inline (encoding 1) or from its field set (encoding 2). */
const list = (name: keyof FieldLists) => `CASE WHEN field_set IS NULL THEN access_log.${name} ELSE f.${name} END AS ${name}`;
export const COLUMNS = `seq, at, request_id AS "requestId", agency, officer, role, purpose, case_ref AS "caseRef", operation,
  document_hash AS "documentHash", variables_hash AS "variablesHash", subjects,
  ${list('released')}, ${list('masked')}, ${list('denied')}, ${list('categories')}, field_set AS "fieldSet",
  outcome, code, client, prev_hash AS "prevHash", hash`;
export const FROM = 'gateway.access_log LEFT JOIN gateway.access_log_field_sets AS f ON f.id = access_log.field_set';

/**
 * The columns an insert sends, in order, and a record as those columns. Positional (a JSON array
 * per record, not an object): the batch's JSON is built and parsed for every record written, and
 * keys would be a fifth of its size.
 */
export const INSERT_COLUMNS = [
  ['seq', 'bigint'],
  ['at', 'timestamptz'],
  ['request_id', 'text'],
  ['agency', 'text'],
  ['officer', 'text'],
  ['role', 'text'],
  ['purpose', 'text'],
  ['case_ref', 'text'],
  ['operation', 'text'],
  ['document_hash', 'text'],
  ['variables_hash', 'text'],
  ['subjects', 'text[]'],
  ['field_set', 'text'],
  ['outcome', 'text'],
  ['code', 'text'],
  ['client', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const;

/** A record as the insert sends it, in `INSERT_COLUMNS` order: its field set by id, never its lists. */
export function insertRow(r: StoredAccessRecord): unknown[] {
  return [
    r.seq, r.at.toISOString(), r.requestId, r.agency, r.officer, r.role, r.purpose, r.caseRef, r.operation,
    r.documentHash, r.variablesHash, r.subjects, r.fieldSet, r.outcome, r.code, r.client, r.prevHash, r.hash,
  ];
}

/**
 * A stored record as exported: keyed by the column names, times in ISO 8601 UTC, the lists as
 * the record says them whichever way they are stored (the field set's id is not a column here:
 * it is the SHA-256 of those lists, see access-log.chain.ts).
 */
export function toColumns(r: StoredAccessRecord): Record<string, unknown> {
  // In the table's order, which exports keep.
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    request_id: r.requestId,
    agency: r.agency,
    officer: r.officer,
    role: r.role,
    purpose: r.purpose,
    case_ref: r.caseRef,
    operation: r.operation,
    document_hash: r.documentHash,
    variables_hash: r.variablesHash,
    subjects: r.subjects,
    released: r.released,
    masked: r.masked,
    denied: r.denied,
    categories: r.categories,
    outcome: r.outcome,
    code: r.code,
    client: r.client,
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

/** A row read with `COLUMNS`, as a record. */
export function toRecord(r: Record<string, unknown>): StoredAccessRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    seq: Number(r.seq),
    at: asDate(r.at),
    requestId: String(r.requestId),
    agency: String(r.agency),
    officer: String(r.officer),
    role: String(r.role),
    purpose: text(r.purpose),
    caseRef: text(r.caseRef),
    operation: text(r.operation),
    documentHash: text(r.documentHash),
    variablesHash: text(r.variablesHash),
    subjects: strings(r.subjects),
    released: strings(r.released),
    masked: strings(r.masked),
    denied: strings(r.denied),
    categories: strings(r.categories),
    fieldSet: text(r.fieldSet),
    outcome: String(r.outcome),
    code: text(r.code),
    client: text(r.client),
    prevHash: String(r.prevHash),
    hash: String(r.hash),
  };
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
