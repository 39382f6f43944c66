/**
 * Eager links. A list of fifty results whose `subject` each resolves through a DataLoader costs
 * fifty promises and makes every row an asynchronous object for graphql-js, which then
 * assembles each one by hand. A source's list resolver instead hands its rows to the request's
 * prefetcher, which loads the selected cross-source links for all rows in one batch and
 * attaches them; the link resolvers then answer synchronously. The composition layer provides
 * the prefetcher, so sources stay ignorant of each other.
 */
import type { GraphQLResolveInfo } from 'graphql';

export type Row = Record<string, unknown>;

/** Loads the links selected at `path` (below the current field) for rows of `typeName`, and attaches them. */
export type Prefetcher = (typeName: string, rows: readonly Row[], info: GraphQLResolveInfo, path: readonly string[]) => Promise<void>;

export interface PrefetchContext {
  prefetch?: Prefetcher;
}

/**
 * Where a prefetched link is attached on a row: by field and by the signature of what was read.
 * Rows can be shared (a loader's cache serves two parts of a query), so a value read for one
 * selection must never answer another.
 */
export function attachKey(field: string, signature: string): string {
  return `__prefetched:${field}:${signature}`;
}

/**
 * A link value attached by the prefetcher: the value, `undefined` when not prefetched, or the
 * error to raise at this row's path (a source that failed fails each field, not the list).
 */
export function prefetched<T>(row: object, field: string, signature: string): T | undefined {
  const value = (row as Row)[attachKey(field, signature)];
  if (value instanceof Error) throw value;
  return value as T | undefined;
}

/**
 * Moves what the prefetcher attached to a stand-in row onto the real one. A root field that
 * knows the key before its row arrives (citizen(personalId)) prefetches links in parallel with
 * the row's own statement, into a stand-in.
 */
export function adoptPrefetched(from: object, to: object): void {
  for (const [key, value] of Object.entries(from)) if (key.startsWith('__prefetched:')) (to as Row)[key] = value;
}

const signatures = new WeakMap<ReadonlySet<string>, string>();

/** A stable name for a selection (its field names, sorted), for links keyed by selection. */
export function selectionSignature(selection: ReadonlySet<string>): string {
  let signature = signatures.get(selection);
  if (signature === undefined) {
    signature = [...selection].sort().join(',');
    signatures.set(selection, signature);
  }
  return signature;
}
