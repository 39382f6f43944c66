/**
 * The access log's canonical encodings and hash chain. A record's hash is SHA-256 (hex) over the
 * previous record's hash, a newline, and the record's canonical encoding: a JSON array of its
 * fields in a fixed order, lists sorted, times as ISO 8601 UTC with milliseconds. Writer and
 * verifier use these functions, so a record hashes the same however it was read back.
 *
 * Two encodings: version 1 (records written before field sets) carries the four field lists
 * inline; version 2 puts, where those were, the id of the record's field set, itself SHA-256
 * over the lists' canonical encoding. Either way the chain commits to the lists.
 */
// One-shot hash(): a Hash object per record cost more than its digest (Node ≥ 20.12).
import { hash } from 'node:crypto';

/** The `prev_hash` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Encoding of a record whose lists are inline (written before field sets). */
const INLINE_LISTS = 1;
/** Encoding of a record that references a field set. */
const FIELD_SET_REFERENCE = 2;
/** Encoding version of a field set, first in its canonical array. */
const FIELD_SET_VERSION = 1;

/** What a record says of the fields. */
export interface FieldLists {
  /** `Type.field` coordinates released in clear, released masked, and refused. */
  readonly released: readonly string[];
  readonly masked: readonly string[];
  readonly denied: readonly string[];
  /** The policy's personal-data categories of what was released. */
  readonly categories: readonly string[];
}

/** Field lists, each sorted, and their id: what `gateway.access_log_field_sets` holds. */
export interface FieldSet extends FieldLists {
  readonly id: string;
}

export interface AccessRecord extends FieldLists {
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
  /**
   * The id of the field set holding the lists (encoding 2: only the id is hashed here), or null
   * for a record written before field sets, whose lists are hashed inline (encoding 1).
   */
  readonly fieldSet: string | null;
  readonly outcome: string;
  readonly code: string | null;
  readonly client: string | null;
}

/** A record as stored: its place in the chain too. */
export interface StoredAccessRecord extends AccessRecord {
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The field set of these lists: sorted copies and their id. Hash it once per distinct set (the
 * audit plugin does so per document analysis), not per record.
 */
export function fieldSet(lists: FieldLists): FieldSet {
  const sorted = { released: [...lists.released].sort(), masked: [...lists.masked].sort(), denied: [...lists.denied].sort(), categories: [...lists.categories].sort() };
  return { id: hashSortedLists(sorted), ...sorted };
}

/** The id of a field set holding these lists, in any order: what the verifier recomputes from a stored field set. */
export function fieldSetId(lists: FieldLists): string {
  return fieldSet(lists).id;
}

/** The field set of a record that says nothing of fields (a refusal before execution). */
export const NO_FIELDS: FieldSet = fieldSet({ released: [], masked: [], denied: [], categories: [] });

function hashSortedLists(l: FieldLists): string {
  return sha256Hex(JSON.stringify([FIELD_SET_VERSION, l.released, l.masked, l.denied, l.categories]));
}

export function canonicalEncoding(r: AccessRecord): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  // Spelled out twice rather than assembled: this runs for every record written and verified.
  if (r.fieldSet !== null) {
    return JSON.stringify([
      FIELD_SET_REFERENCE, r.seq, r.at.toISOString(), r.requestId, r.agency, r.officer, r.role, r.purpose, r.caseRef, r.operation,
      r.documentHash, r.variablesHash, sorted(r.subjects), r.fieldSet, r.outcome, r.code, r.client,
    ]);
  }
  return JSON.stringify([
    INLINE_LISTS, r.seq, r.at.toISOString(), r.requestId, r.agency, r.officer, r.role, r.purpose, r.caseRef, r.operation,
    r.documentHash, r.variablesHash, sorted(r.subjects), sorted(r.released), sorted(r.masked), sorted(r.denied), sorted(r.categories),
    r.outcome, r.code, r.client,
  ]);
}

export function chainHash(prevHash: string, record: AccessRecord): string {
  return hash('sha256', `${prevHash}\n${canonicalEncoding(record)}`, 'hex');
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
