/**
 * Results by domain and year of issue (an analyst's aggregate), with the small-cell rule made
 * visible: a suppressed cell reads "< k" on a hatched ground (or "suppressed too" for the cells
 * hidden so that it cannot be recovered by subtraction), and the chart leaves it out.
 */
import type { ChartConfiguration } from 'chart.js';
import { Fragment, type ReactNode, useMemo } from 'react';
import { formatters, useStrings } from '../shared/i18n';
import { ChartCanvas } from './chart';
import type { AggregateTable, Cell } from './types';

const PALETTE = ['#a5151b', '#1a5fd0', '#1e7a3c', '#a35a00', '#6b3fa0', '#00838f', '#5b6776'];

export function ResultsSection({ table, csv, unitName }: { table: AggregateTable; csv: ReactNode; unitName: string | null }) {
  const { t, lang } = useStrings();
  const f = formatters(lang);
  const domains = useMemo(() => [...new Set(table.cells.map((c) => c.key[0] ?? ''))].sort(), [table]);
  const years = useMemo(() => [...new Set(table.cells.map((c) => c.key[1] ?? ''))].sort(), [table]);
  const cells = useMemo(() => new Map(table.cells.map((c) => [`${c.key[0]}|${c.key[1]}`, c])), [table]);
  const suppressed = table.cells.filter((c) => c.status !== 'SHOWN').length;
  const config = useMemo(
    (): ChartConfiguration<'bar' | 'line'> => ({
      type: 'bar',
      data: {
        labels: years,
        datasets: domains.map((domain, i) => ({
          label: t.domains[domain] ?? domain,
          data: years.map((year) => cells.get(`${domain}|${year}`)?.count ?? null),
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: {
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    }),
    [domains, years, cells, t],
  );
  const show = (cell: Cell | Omit<Cell, 'key'> | undefined) => {
    if (!cell) return <td className="num muted">0</td>;
    if (cell.status === 'SHOWN') return <td className="num">{f.number(cell.count ?? 0)}</td>;
    const label = cell.status === 'PRIMARY' ? t.dashboard.suppressed(table.minCellCount) : t.dashboard.secondary;
    return (
      <td className="num suppressed" data-status={cell.status} title={t.dashboard.suppressedLegend(table.minCellCount)}>
        {label}
      </td>
    );
  };
  return (
    <section className="panel" aria-labelledby="results-title">
      <div className="section-head">
        <h2 id="results-title">
          {t.dashboard.resultsTitle}
          {unitName ? ` · ${unitName}` : ''}
        </h2>
        {csv}
      </div>
      <ChartCanvas config={config} label={t.dashboard.resultsTitle} testId="results-chart" />
      <p className="hint" data-testid="suppression-note">
        {t.dashboard.suppressedCount(suppressed)}. {t.dashboard.suppressedLegend(table.minCellCount)}
      </p>
      <table className="compact" data-testid="results-table">
        <thead>
          <tr>
            <th scope="col">{t.dashboard.domain}</th>
            {years.map((year) => (
              <th key={year} scope="col" className="num">
                {year}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {domains.map((domain) => (
            <tr key={domain}>
              <th scope="row">{t.domains[domain] ?? domain}</th>
              {years.map((year) => (
                <Fragment key={year}>{show(cells.get(`${domain}|${year}`))}</Fragment>
              ))}
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">{t.dashboard.total}</th>
            <td colSpan={years.length} className="num">
              {table.total.status === 'SHOWN' ? f.number(table.total.count ?? 0) : t.dashboard.suppressed(table.minCellCount)}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
