/**
 * Answers an analyst's question: checks it against the dataset's declared vocabulary, runs it as
 * one statement in the dataset's source, and protects the table before anything leaves.
 */
import type { SourceName } from '../config/index.js';
import type { SourceConnection } from '../db/index.js';
import { BadUserInputError } from '../errors/index.js';
import type { UnitIndex } from '../sources/population/index.js';
import { type AggregateFilter, type AggregateQuery, aggregateStatement } from './aggregate-sql.js';
import { DATASETS } from './datasets.js';
import type { DatasetSpec } from './semantic.js';
import { type CellStatus, type RawCell, protect } from './suppression.js';
import { districtMapping, todayMapping } from './unit-mapping.js';

export const LIMITS = {
  measures: 6,
  groupBy: 4,
  filters: 8,
  filterValues: 200,
  valueLength: 64,
  /** Cells per answer: a finer question is refused rather than cut short. */
  cells: 10_000,
} as const;

/** How bounds of date dimensions are written (as their values are). */
const DATE_FORMATS = {
  year: { pattern: /^(19|20)\d\d$/, example: 'as a year, e.g. 2019' },
  month: { pattern: /^(19|20)\d\d-(0[1-9]|1[0-2])$/, example: 'as a month, e.g. 2019-07' },
} as const;

export interface AggregateRequest {
  readonly dataset: string;
  readonly measures: readonly string[];
  readonly groupBy: readonly string[];
  readonly filter: readonly AggregateFilter[];
}

export interface AggregateCellOut {
  readonly key: readonly string[];
  /** The unit's name for unit-valued dimensions, else null. */
  readonly labels: ReadonlyArray<string | null>;
  /** Null when suppressed. */
  readonly count: number | null;
  /** In the order of the requested measures; null when suppressed. */
  readonly values: ReadonlyArray<number | null>;
  readonly status: CellStatus;
}

export interface AggregateTable {
  readonly dataset: string;
  readonly rowNoun: string;
  readonly measures: readonly string[];
  readonly groupBy: readonly string[];
  readonly minCellCount: number;
  /** ROLLUP when the dataset's rollup answered, ROWS when the rows themselves were grouped. */
  readonly answeredFrom: 'ROLLUP' | 'ROWS';
  readonly cells: readonly AggregateCellOut[];
  readonly total: AggregateCellOut;
}

export interface AggregateDeps {
  connection(source: SourceName): SourceConnection;
  units(): Promise<UnitIndex>;
  /** The policy's k: cells counting fewer rows are suppressed. */
  readonly minCellCount: number;
  /** Deadline of one aggregate statement. */
  readonly timeoutMs: number;
}

export async function runAggregate(request: AggregateRequest, deps: AggregateDeps): Promise<AggregateTable> {
  const query = checkRequest(request);
  const { dataset } = query;
  const answer = await aggregateCells(query, deps);
  const { units } = answer;
  const table = protect(answer.cells, answer.total, deps.minCellCount);
  const unitDims = query.groupBy.map((d) => dataset.dimensions[d]?.unit === true);
  // Arrays shared by every cell that needs one (the answer is read-only): a table can have
  // thousands of cells, each once allocated two more arrays here.
  const noLabels = unitDims.some(Boolean) ? null : query.groupBy.map(() => null);
  const hiddenValues = query.measures.map(() => null);
  const out = (cell: (typeof table)['total']): AggregateCellOut => {
    const hidden = cell.status !== 'SHOWN';
    return {
      key: cell.key,
      labels: cell.key.length === 0 ? [] : (noLabels ?? cell.key.map((value, i) => (unitDims[i] ? (units?.byCode.get(value)?.name ?? null) : null))),
      count: hidden ? null : cell.count,
      values: hidden ? hiddenValues : cell.values,
      status: cell.status,
    };
  };
  return {
    dataset: dataset.name,
    rowNoun: dataset.rowNoun,
    measures: query.measures,
    groupBy: query.groupBy,
    minCellCount: deps.minCellCount,
    answeredFrom: answer.rollup ? 'ROLLUP' : 'ROWS',
    cells: table.cells.map(out),
    total: out(table.total),
  };
}

export interface CellsAnswer {
  readonly cells: RawCell[];
  readonly total: RawCell;
  readonly rollup: boolean;
  /** The unit catalogue, when a dimension needed it. */
  readonly units: UnitIndex | null;
}

/** The unprotected cells and total of a checked query: one statement in the dataset's source. */
export async function aggregateCells(query: AggregateQuery, deps: Omit<AggregateDeps, 'minCellCount'>): Promise<CellsAnswer> {
  const { dataset } = query;
  const needsUnits = [...query.groupBy, ...query.filters.map((f) => f.dimension)].some((d) => dataset.dimensions[d]?.mapping || dataset.dimensions[d]?.unit);
  const units = needsUnits ? await deps.units() : null;
  const statement = aggregateStatement(query, { district: () => districtMapping(units!), today: () => todayMapping(units!) }, LIMITS.cells);
  const rows = await deps.connection(dataset.source).query<Record<string, unknown>>(statement.text, statement.params, { timeoutMs: deps.timeoutMs, analytic: true });
  const keyColumns = query.groupBy.map((_, i) => `d${i}`);
  const valueColumns = query.measures.map((_, i) => `m${i}`);
  const toCell = (row: Record<string, unknown>): RawCell => ({
    key: keyColumns.map((column) => String(row[column])),
    count: Number(row.n),
    values: valueColumns.map((column) => Number(row[column])),
  });
  if (query.groupBy.length === 0) {
    // No grouping: one row, the total (of 0 rows when the filter matches nothing).
    return { cells: [], total: rows[0] ? toCell(rows[0]) : { key: [], count: 0, values: query.measures.map(() => 0) }, rollup: statement.rollup, units };
  }
  if (rows.length > LIMITS.cells) {
    throw new BadUserInputError(`The answer would have more than ${LIMITS.cells} cells: group by fewer dimensions or filter`, { details: { argument: 'groupBy' } });
  }
  const cells = rows.map(toCell);
  // The measures are additive: the total of the cells is the total of the rows.
  let count = 0;
  const values = query.measures.map(() => 0);
  for (const cell of cells) {
    count += cell.count;
    for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) + (cell.values[i] ?? 0);
  }
  const total: RawCell = { key: [], count, values };
  return { cells, total, rollup: statement.rollup, units };
}

/** The request in the dataset's terms, or a BAD_USER_INPUT naming what is wrong. */
export function checkRequest(request: AggregateRequest): AggregateQuery & { dataset: DatasetSpec } {
  const dataset = DATASETS.get(request.dataset);
  if (!dataset) throw bad('dataset', `Unknown dataset; one of ${[...DATASETS.keys()].join(', ')}`);
  const measures = unique(request.measures, 'measures');
  if (measures.length === 0 || measures.length > LIMITS.measures) throw bad('measures', `Ask for 1 to ${LIMITS.measures} measures`);
  for (const m of measures) if (!dataset.measures[m]) throw bad('measures', `${dataset.name} has no measure ${m}; it has ${Object.keys(dataset.measures).join(', ')}`);
  const groupBy = unique(request.groupBy, 'groupBy');
  if (groupBy.length > LIMITS.groupBy) throw bad('groupBy', `Group by at most ${LIMITS.groupBy} dimensions`);
  const declared = (name: string, argument: string) => {
    if (!dataset.dimensions[name]) throw bad(argument, `${dataset.name} has no dimension ${name}; it has ${Object.keys(dataset.dimensions).join(', ')}`);
  };
  for (const d of groupBy) declared(d, 'groupBy');
  if (request.filter.length > LIMITS.filters) throw bad('filter', `At most ${LIMITS.filters} filters`);
  const filters = request.filter.map((f) => {
    declared(f.dimension, 'filter');
    const spec = dataset.dimensions[f.dimension]!;
    if (f.in === undefined && f.min === undefined && f.max === undefined) throw bad('filter', `The filter on ${f.dimension} needs in, min or max`);
    if (f.in !== undefined && (f.in.length === 0 || f.in.length > LIMITS.filterValues)) throw bad('filter', `A filter takes 1 to ${LIMITS.filterValues} values`);
    if ((f.min !== undefined || f.max !== undefined) && !spec.ordered) throw bad('filter', `${f.dimension} has no order: filter it with in`);
    for (const v of [...(f.in ?? []), f.min, f.max]) {
      if (v !== undefined && (v.length === 0 || v.length > LIMITS.valueLength)) throw bad('filter', `Filter values are 1 to ${LIMITS.valueLength} characters`);
    }
    const format = spec.date ? DATE_FORMATS[spec.date.grain] : null;
    for (const v of [f.min, f.max]) if (format && v !== undefined && !format.pattern.test(v)) throw bad('filter', `${f.dimension} bounds are written ${format.example}`);
    return f;
  });
  return { dataset, measures, groupBy, filters };
}

function unique(values: readonly string[], argument: string): string[] {
  if (new Set(values).size !== values.length) throw bad(argument, `${argument} lists a name twice`);
  return [...values];
}

function bad(argument: string, message: string): BadUserInputError {
  return new BadUserInputError(`${argument}: ${message}`, { details: { argument } });
}
