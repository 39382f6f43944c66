/** The shapes of the dashboard's two operations. */
export interface ProgressRow {
  unitCode: string | null;
  unitName: string | null;
  level: 'DISTRICT' | 'WARD';
  results: number;
  digitized: number;
  pagesDigitized: number;
  rate: number;
  target: number | null;
  onTrack: boolean | null;
}

export interface Progress {
  year: number;
  units: string;
  rows: ProgressRow[];
  totals: ProgressRow[];
}

export type CellStatus = 'SHOWN' | 'PRIMARY' | 'SECONDARY';

export interface Cell {
  key: string[];
  count: number | null;
  values: Array<number | null>;
  status: CellStatus;
}

export interface AggregateTable {
  minCellCount: number;
  answeredFrom: string;
  cells: Cell[];
  total: Omit<Cell, 'key'>;
}

/** The results question: from a year of issue on, in one of today's units or all of them. */
export interface ResultsQuestion {
  fromYear: string;
  /** A unit in force today (TODAYS_UNIT), or '' for every unit. */
  unit: string;
}

/** The aggregate's filter argument for the question. */
export function resultsFilter(question: ResultsQuestion): Array<Record<string, unknown>> {
  return [{ dimension: 'YEAR', min: question.fromYear }, ...(question.unit ? [{ dimension: 'TODAYS_UNIT', in: [question.unit] }] : [])];
}

/** The CSV export of the same question (GET /aggregate.csv, see README "Analysts"). */
export function resultsCsvUrl(question: ResultsQuestion): string {
  const params = new URLSearchParams({ dataset: 'RESULTS', measures: 'COUNT,PAGES', groupBy: 'DOMAIN,YEAR' });
  params.append('filter', `YEAR>=${question.fromYear}`);
  if (question.unit) params.append('filter', `TODAYS_UNIT=${question.unit}`);
  return `/aggregate.csv?${params.toString()}`;
}
