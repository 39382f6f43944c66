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

/** The CSV export of the same question (GET /aggregate.csv, see README "Analysts"). */
export function resultsCsvUrl(fromYear: string): string {
  const params = new URLSearchParams({ dataset: 'RESULTS', measures: 'COUNT,PAGES', groupBy: 'DOMAIN,YEAR', filter: `YEAR>=${fromYear}` });
  return `/aggregate.csv?${params.toString()}`;
}
