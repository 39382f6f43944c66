/**
 * Row scope on citizens: which citizens a request may see at all, as SQL conditions on the
 * citizens table. The policy layer decides the scope; this file only writes the SQL, so a
 * citizen outside it is never read.
 */
export interface CitizenScope {
  /** Citizens whose current residence is in one of these (today's) wards. */
  readonly wards?: readonly string[];
  /** Only this citizen (a citizen reading their own record). */
  readonly personalId?: string;
}

/** The scope's conditions on `alias`, numbering parameters after `offset` of them. */
export function citizenScopeConditions(scope: CitizenScope | null, alias: string, offset: number): { conditions: string[]; params: unknown[]; shape: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  let shape = '';
  if (!scope) return { conditions, params, shape };
  if (scope.wards) {
    params.push(scope.wards);
    conditions.push(`${alias}.current_ward_code = ANY($${offset + params.length}::text[])`);
    shape += 'W';
  }
  if (scope.personalId !== undefined) {
    params.push(scope.personalId);
    conditions.push(`${alias}.personal_id = $${offset + params.length}`);
    shape += 'I';
  }
  return { conditions, params, shape };
}
