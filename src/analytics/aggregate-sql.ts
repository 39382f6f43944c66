/**
 * One analyst's question as one SQL statement in the dataset's own source: the cells of the
 * requested grouping, every value a parameter. Dimension and measure SQL comes only from the
 * semantic layer, never from the caller. Every measure is additive (counts and sums), so the
 * total is the sum of the cells: a plain GROUP BY, which PostgreSQL aggregates in parallel
 * workers (GROUPING SETS with the total would not be).
 */
import { COUNT, type DatasetSpec, type DimensionSpec } from './semantic.js';
import { type DistrictMapping, type TodayMapping, UNKNOWN_UNIT } from './unit-mapping.js';

export interface AggregateFilter {
  readonly dimension: string;
  /** The value is one of these. */
  readonly in?: readonly string[];
  /** Ordered dimensions only: the value is at least / at most this. */
  readonly min?: string;
  readonly max?: string;
}

/** A question already checked against the dataset (see aggregate.service.ts). */
export interface AggregateQuery {
  readonly dataset: DatasetSpec;
  /** Requested measures; COUNT is computed whether asked for or not. */
  readonly measures: readonly string[];
  readonly groupBy: readonly string[];
  readonly filters: readonly AggregateFilter[];
}

export interface UnitMappings {
  district(): DistrictMapping;
  today(): TodayMapping;
}

export interface AggregateStatement {
  readonly text: string;
  readonly params: unknown[];
  /** Whether the rollup answers it (reported to the caller, and measured by the bench). */
  readonly rollup: boolean;
}

/** Output columns: d0…dn the dimension values, n the row count, m0…mk the measures. */
export function aggregateStatement(query: AggregateQuery, mappings: UnitMappings, maxCells: number): AggregateStatement {
  const { dataset } = query;
  const params: unknown[] = [];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const used = [...new Set([...query.groupBy, ...query.filters.map((f) => f.dimension)])];
  const rollup = dataset.rollup !== undefined && usesRollup(dataset, used, query.measures);

  const joins: string[] = [];
  const valueOf = new Map<string, string>();
  for (const name of used) {
    const spec = dataset.dimensions[name] as DimensionSpec;
    if (!spec.mapping) {
      valueOf.set(name, (rollup ? spec.rollupSql : spec.sql) as string);
      continue;
    }
    const alias = `u_${name.toLowerCase()}`;
    if (spec.mapping.map === 'district') {
      const m = mappings.district();
      joins.push(`LEFT JOIN unnest(${param(m.codes, 'text[]')}, ${param(m.districts, 'text[]')}) AS ${alias}(code, value) ON ${alias}.code = ${spec.mapping.code}`);
      valueOf.set(name, `coalesce(${alias}.value, '${UNKNOWN_UNIT}')`);
    } else {
      // One mapping row per unit: the row's successor is found by its bucket (see TodayMapping).
      const m = mappings.today();
      joins.push(
        `LEFT JOIN (SELECT code, string_to_array(bounds, ',')::int[] AS bounds, string_to_array(today, ',') AS today` +
          ` FROM unnest(${param(m.codes, 'text[]')}, ${param(m.bounds, 'text[]')}, ${param(m.today, 'text[]')}) AS m(code, bounds, today)) AS ${alias}` +
          ` ON ${alias}.code = ${spec.mapping.code}`,
      );
      valueOf.set(name, `coalesce(${alias}.today[width_bucket(${spec.mapping.bucket as string}, ${alias}.bounds)], '${UNKNOWN_UNIT}')`);
    }
  }
  for (const name of query.measures) for (const join of dataset.measures[name]?.joins ?? []) if (!rollup && !joins.includes(join)) joins.push(join);

  const conditions: string[] = [];
  for (const filter of query.filters) {
    const value = valueOf.get(filter.dimension) as string;
    // On the rows, a range of a date dimension compares the date column itself: the planner
    // then knows how many rows it keeps (a text comparison of to_char() it cannot estimate).
    const date = rollup ? undefined : dataset.dimensions[filter.dimension]?.date;
    if (filter.in) conditions.push(`${value} = ANY(${param(filter.in, 'text[]')})`);
    if (filter.min !== undefined) conditions.push(date ? `${date.column} >= ${dateParam(filter.min, date.grain, param)}` : `${value} >= ${param(filter.min, 'text')}`);
    if (filter.max !== undefined) {
      conditions.push(date ? `${date.column} < ${dateParam(filter.max, date.grain, param)} + interval '1 ${date.grain}'` : `${value} <= ${param(filter.max, 'text')}`);
    }
  }

  const measureSql = (name: string) => {
    const spec = dataset.measures[name]!;
    return `coalesce(${rollup ? spec.rollupSql : spec.sql}, 0)`;
  };
  const dims = query.groupBy.map((name, i) => `${valueOf.get(name)} AS d${i}`);
  const select = [...dims, `${measureSql(COUNT)} AS n`, ...query.measures.map((name, i) => `${measureSql(name)} AS m${i}`)];
  const dimRefs = query.groupBy.map((_, i) => `d${i}`);
  const grouping = dimRefs.length === 0 ? '' : ` GROUP BY ${dimRefs.map((_, i) => i + 1).join(', ')}`;
  const from = rollup ? dataset.rollup!.from : dataset.from;
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const grouped = `SELECT ${select.join(', ')} FROM ${from}${joins.map((j) => ` ${j}`).join('')}${where}${grouping}`;
  // One more cell than allowed tells the caller the question is too fine. The grouping is
  // planned on its own (MATERIALIZED): under the LIMIT the planner would pick a plan that yields
  // the first groups soonest (presorted, not parallel), many times slower for the whole answer.
  const text = dimRefs.length ? `WITH g AS MATERIALIZED (${grouped}) SELECT * FROM g ORDER BY ${dimRefs.join(', ')} LIMIT ${maxCells + 1}` : grouped;
  return { text, params, rollup };
}

/** The first day of a year ('2019') or month ('2019-07'), as a date parameter. */
function dateParam(value: string, grain: 'year' | 'month', param: (value: unknown, cast: string) => string): string {
  return param(grain === 'year' ? `${value}-01-01` : `${value}-01`, 'date');
}

function usesRollup(dataset: DatasetSpec, dimensions: readonly string[], measures: readonly string[]): boolean {
  const measureOk = (name: string) => dataset.measures[name]?.rollupSql !== undefined;
  const dimensionOk = (name: string) => {
    const spec = dataset.dimensions[name];
    return spec?.mapping ? spec.mapping.map === 'district' : spec?.rollupSql !== undefined;
  };
  return measureOk(COUNT) && measures.every(measureOk) && dimensions.every(dimensionOk);
}
