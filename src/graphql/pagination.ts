/**
 * Cursor pagination (the Relay connection shape) over keyset queries: the cursor carries the
 * last row's sort key, and the next page is `WHERE key > cursor ORDER BY key LIMIT first + 1`,
 * so no page ever scans the rows before it (no OFFSET).
 */
import { Field, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors/index.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_CURSOR_LENGTH = 200;
const CURSOR_VERSION = 'v1';

@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether a page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page; null when the page is empty.' })
  endCursor!: string | null;
}

/** The page size asked for, defaulted and checked. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { details: { argument: 'first' } });
  }
  return first;
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(`${CURSOR_VERSION}:${key}`, 'utf8').toString('base64url');
}

/**
 * The key in a cursor this API issued, or BAD_USER_INPUT. `parse` validates the key's shape
 * (a number, a personal ID) so a forged cursor never reaches SQL as something unexpected.
 */
export function decodeCursor<T>(cursor: string | null | undefined, parse: (key: string) => T | null): T | null {
  if (cursor === null || cursor === undefined) return null;
  const invalid = () => new BadUserInputError('after: not a cursor issued by this API (use pageInfo.endCursor)', { details: { argument: 'after' } });
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const prefix = `${CURSOR_VERSION}:`;
  if (!text.startsWith(prefix)) throw invalid();
  const key = parse(text.slice(prefix.length));
  if (key === null) throw invalid();
  return key;
}

export function parseIdKey(key: string): number | null {
  return /^\d{1,15}$/.test(key) ? Number(key) : null;
}

/** Builds the connection for a page fetched with `LIMIT size + 1`. */
export function toConnection<T>(rows: T[], size: number, keyOf: (row: T) => string | number): { edges: Array<{ cursor: string; node: T }>; pageInfo: PageInfo } {
  const hasNextPage = rows.length > size;
  const page = hasNextPage ? rows.slice(0, size) : rows;
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length > 0 ? (edges[edges.length - 1] as { cursor: string }).cursor : null } };
}

/** The `first`/`after` arguments, documented once. */
export const PAGE_ARGS_DESCRIPTION = {
  first: `Page size: ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.`,
  after: 'The `endCursor` of the previous page.',
};

