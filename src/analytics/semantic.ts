/**
 * The analysts' semantic layer (in the spirit of Cube): each dataset declares, as SQL over its
 * source's own tables, the measures a caller may ask for and the dimensions it may group and
 * filter by. Adding a measure or a dimension is one entry in a dataset file; the GraphQL enums,
 * the validation and the SQL all follow from the entries.
 *
 * What may never be a dimension: a personal ID, a name, an address or an exact date. Dimensions
 * are codes of a few dozen values at most (units, procedures, statuses) or coarse bands of a
 * value (year, month, age band, birth decade); test/analytics/analyst-privacy.test.ts groups
 * every dataset by every dimension and finds none of those in the answers.
 */
import type { SourceName } from '../config/index.js';

export interface MeasureSpec {
  readonly description: string;
  /** An aggregate expression over the dataset's rows, e.g. `sum(r.page_count)`. */
  readonly sql: string;
  /** The same figure over the rollup's rows, when the dataset has one. */
  readonly rollupSql?: string;
  /** Joins the expression needs (added only when the measure is asked for). */
  readonly joins?: readonly string[];
}

/**
 * A unit code traced through the unit lineage, which lives in another source: the gateway passes
 * the mapping in as parameters, so the grouping still happens in this source's SQL.
 * - `district`: the district the unit belonged to as it was (a district maps to itself);
 * - `today`: today's unit, a split unit's rows shared out by `bucket` (see row-scopes.ts).
 */
export interface UnitMapping {
  readonly map: 'district' | 'today';
  /** SQL of the unit code as recorded. */
  readonly code: string;
  /** SQL of the row's allocation bucket in [0, ALLOCATION_BUCKETS), for `today`. */
  readonly bucket?: string;
}

export interface DimensionSpec {
  readonly description: string;
  /** SQL of the value as text. Absent for a unit mapping, whose value comes from the mapping. */
  readonly sql?: string;
  readonly mapping?: UnitMapping;
  /** The same value over the rollup's rows; absent: a query using this dimension reads the rows. */
  readonly rollupSql?: string;
  /** Values are unit codes: cells carry the unit's name as a label. */
  readonly unit?: boolean;
  /** Values sort as text in their natural order (years, months), so `min`/`max` filters apply. */
  readonly ordered?: boolean;
  /**
   * The value is a date column at this grain: `min`/`max` filters then compare the column itself
   * (an index or the planner's statistics apply), and must be written as the values are.
   */
  readonly date?: { readonly column: string; readonly grain: 'year' | 'month' };
}

export interface DatasetSpec {
  readonly name: string;
  readonly description: string;
  readonly source: SourceName;
  /** What one row is, for the small-cell rule ("results", "citizens"). */
  readonly rowNoun: string;
  /** FROM clause over the rows. */
  readonly from: string;
  /**
   * A pre-aggregated copy of the rows at a coarser grain (a materialized view refreshed on load),
   * used when every requested measure and dimension has its `rollupSql`.
   */
  readonly rollup?: { readonly from: string; readonly description: string };
  readonly measures: Readonly<Record<string, MeasureSpec>>;
  readonly dimensions: Readonly<Record<string, DimensionSpec>>;
}

/** The row count, present in every dataset and always computed: the small-cell rule needs it. */
export const COUNT = 'COUNT';

/** Dimensions of a date column: its year (2019), quarter (2019-Q3) or month (2019-07). */
export const byYear = (description: string, column: string, rollupSql?: string): DimensionSpec => ({
  description,
  sql: `to_char(${column}, 'YYYY')`,
  ordered: true,
  date: { column, grain: 'year' },
  ...(rollupSql ? { rollupSql } : {}),
});
export const byQuarter = (description: string, column: string): DimensionSpec => ({ description, sql: `to_char(${column}, 'YYYY-"Q"Q')`, ordered: true });
export const byMonth = (description: string, column: string): DimensionSpec => ({ description, sql: `to_char(${column}, 'YYYY-MM')`, ordered: true, date: { column, grain: 'month' } });
