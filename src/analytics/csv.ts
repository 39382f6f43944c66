/**
 * An aggregate table as CSV (RFC 4180, CRLF) in UTF-8 with a byte-order mark, so spreadsheet
 * tools read Vietnamese names correctly. Suppressed figures are empty cells and the row says
 * why; the total is the last row.
 */
import type { AggregateCellOut, AggregateTable } from './aggregate.service.js';

const BOM = '\uFEFF';

export function aggregateCsv(table: AggregateTable, unitDimensions: ReadonlySet<string>): string {
  const header: string[] = [];
  for (const d of table.groupBy) header.push(d, ...(unitDimensions.has(d) ? [`${d}_NAME`] : []));
  header.push(...table.measures, 'STATUS');
  const row = (cell: AggregateCellOut, isTotal: boolean): string[] => {
    const out: string[] = [];
    table.groupBy.forEach((d, i) => {
      out.push(isTotal ? 'TOTAL' : (cell.key[i] ?? ''));
      if (unitDimensions.has(d)) out.push(isTotal ? '' : (cell.labels[i] ?? ''));
    });
    out.push(...cell.values.map((v) => (v === null ? '' : String(v))), cell.status);
    return out;
  };
  const lines = [header, ...table.cells.map((c) => row(c, false)), row(table.total, true)];
  return BOM + lines.map((fields) => fields.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  // A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection): quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
