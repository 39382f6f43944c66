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
