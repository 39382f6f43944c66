/**
 * Row scope on citizens: which citizens a request may see at all, as SQL conditions on the
 * citizens table. The policy layer decides the scope; this file only writes the SQL, so a
 * citizen outside it is never read.
 *
 * A scoped statement takes the scope's values as its first parameters ($1, and $2 when both
 * rules apply), always in the same order. Citizens nested inside another row's statement
 * (household members, relatives read with a citizen) then carry the same conditions, and stay
 * in that one statement instead of costing a round trip each.
 */
export interface CitizenScope {
  /** Citizens whose current residence is in one of these (today's) wards. */
  readonly wards?: readonly string[];
  /** Only this citizen (a citizen reading their own record). */
  readonly personalId?: string;
}

/** Which rules a scope has: '' (none), 'W', 'I' or 'WI'. Plans and statements are cached per shape. */
export type ScopeShape = '' | 'W' | 'I' | 'WI';

export function scopeShape(scope: CitizenScope | null): ScopeShape {
  if (!scope) return '';
  return `${scope.wards ? 'W' : ''}${scope.personalId !== undefined ? 'I' : ''}` as ScopeShape;
}

/** The scope's values, to lead a scoped statement's parameters. */
export function scopeParams(scope: CitizenScope | null): unknown[] {
  if (!scope) return [];
  return [...(scope.wards ? [scope.wards] : []), ...(scope.personalId !== undefined ? [scope.personalId] : [])];
}

/** The conditions of a scope of `shape` on table alias `alias`, referring to the leading parameters. */
export function scopeConditions(shape: ScopeShape, alias: string): string[] {
  const conditions: string[] = [];
  if (shape.includes('W')) conditions.push(`${alias}.current_ward_code = ANY($1::text[])`);
  if (shape.includes('I')) conditions.push(`${alias}.personal_id = $${shape === 'WI' ? 2 : 1}`);
  return conditions;
}

/** ` AND …` of the conditions, or nothing. */
export function andScope(shape: ScopeShape, alias: string): string {
  const conditions = scopeConditions(shape, alias);
  return conditions.length === 0 ? '' : ` AND ${conditions.join(' AND ')}`;
}
