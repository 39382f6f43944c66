/**
 * Row scope on results: which results a request may see at all, as SQL conditions on the
 * results table. The policy layer computes the scope (in terms of this source's columns: issuing
 * unit codes, domains, statuses, subject); this file only turns it into SQL, so that a result
 * outside the scope is never read, never merely filtered after reading.
 */

/** Results of a split issuing unit are shared out among its successors by this bucket of the subject. */
export const ALLOCATION_BUCKETS = 10_000;

/**
 * The allocation bucket of a result's subject, in [0, ALLOCATION_BUCKETS). It depends on the
 * subject, not the result, so all of one citizen's results from a split unit go to the same
 * successor.
 */
export const BUCKET_SQL = bucketOf('r.subject_personal_id');

/** The allocation bucket of the person whose 12-digit personal ID `column` holds. */
export function bucketOf(column: string): string {
  return `mod(substr(${column}, 7, 6)::bigint * 7919, ${ALLOCATION_BUCKETS})::int`;
}

export interface ResultScope {
  /**
   * Issuing units in scope: `whole` codes entirely, and of each `part` the subjects whose
   * allocation bucket lies in [from, to). Absent: every issuing unit.
   */
  readonly units?: { readonly whole: readonly string[]; readonly parts: ReadonlyArray<{ readonly code: string; readonly from: number; readonly to: number }> };
  /** Procedure domains in scope. */
  readonly domains?: readonly string[];
  readonly statuses?: readonly string[];
  /** Only results about this subject (a citizen reading their own). */
  readonly subject?: string;
}

/** The scope's conditions on alias `r`, numbering parameters after `offset` of them. */
export function scopeConditions(scope: ResultScope | null, offset: number): { conditions: string[]; params: unknown[]; shape: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  let shape = '';
  if (!scope) return { conditions, params, shape };
  const next = (value: unknown) => {
    params.push(value);
    return `$${offset + params.length}`;
  };
  if (scope.units) {
    const { whole, parts } = scope.units;
    const wholeSql = `r.issuing_unit_code = ANY(${next(whole)}::text[])`;
    if (parts.length === 0) conditions.push(wholeSql);
    else {
      const codes = next(parts.map((p) => p.code));
      const from = next(parts.map((p) => p.from));
      const to = next(parts.map((p) => p.to));
      conditions.push(
        `(${wholeSql} OR EXISTS (SELECT 1 FROM unnest(${codes}::text[], ${from}::int[], ${to}::int[]) AS a(code, lo, hi)
           WHERE a.code = r.issuing_unit_code AND ${BUCKET_SQL} >= a.lo AND ${BUCKET_SQL} < a.hi))`,
      );
    }
    shape += parts.length === 0 ? 'U' : 'UP';
  }
  if (scope.domains) {
    conditions.push(`r.procedure_code IN (SELECT code FROM records.procedures WHERE domain = ANY(${next(scope.domains)}::text[]))`);
    shape += 'D';
  }
  if (scope.statuses) {
    conditions.push(`r.status::text = ANY(${next(scope.statuses)}::text[])`);
    shape += 'S';
  }
  if (scope.subject !== undefined) {
    conditions.push(`r.subject_personal_id = ${next(scope.subject)}`);
    shape += 'I';
  }
  return { conditions, params, shape };
}
