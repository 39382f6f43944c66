/** Digitization progress per unit and level against the year's targets: a chart and its table. */
import type { ChartConfiguration } from 'chart.js';
import { Fragment, useMemo } from 'react';
import { formatters, useStrings } from '../shared/i18n';
import { ChartCanvas } from './chart';
import type { Progress, ProgressRow } from './types';

const LEVELS = ['DISTRICT', 'WARD'] as const;
const COLOURS = { DISTRICT: '#a5151b', WARD: '#1a5fd0' };

export function ProgressSection({ progress }: { progress: Progress }) {
  const { t, lang } = useStrings();
  const f = formatters(lang);
  const units = useMemo(() => [...new Map(progress.rows.map((r) => [r.unitCode ?? '', r.unitName ?? r.unitCode ?? ''])).entries()], [progress]);
  const row = (code: string, level: string) => progress.rows.find((r) => (r.unitCode ?? '') === code && r.level === level);
  const config = useMemo((): ChartConfiguration<'bar' | 'line'> => {
    const rates = LEVELS.map((level) => ({
      type: 'bar' as const,
      label: t.dashboard.level[level] ?? level,
      data: units.map(([code]) => row(code, level)?.rate ?? null),
      backgroundColor: COLOURS[level],
      order: 2,
    }));
    const targets = LEVELS.map((level) => ({
      type: 'line' as const,
      label: `${t.dashboard.target} · ${t.dashboard.level[level] ?? level}`,
      data: units.map(([code]) => row(code, level)?.target ?? null),
      borderColor: '#1d2733',
      backgroundColor: COLOURS[level],
      showLine: false,
      pointStyle: 'line' as const,
      pointRadius: 14,
      pointBorderWidth: 3,
      order: 1,
    }));
    return {
      type: 'bar',
      data: { labels: units.map(([, name]) => name.replace(/^Phường /, 'P. ')), datasets: [...rates, ...targets] },
      options: {
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    };
    // row() reads `progress`, which `units` follows.
  }, [units, t]);
  const totals = (level: string): ProgressRow | undefined => progress.totals.find((r) => r.level === level);
  return (
    <section className="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t.dashboard.progressTitle(progress.year)}</h2>
      <div className="totals">
        {LEVELS.map((level) => {
          const total = totals(level);
          if (!total) return null;
          return (
            <div key={level} className="total" data-testid={`total-${level}`}>
              <div className="total-label">{t.dashboard.level[level]}</div>
              <div className="total-rate">{f.number(total.rate, 2)}%</div>
              <div className="muted">
                {f.number(total.digitized)} / {f.number(total.results)} · {t.dashboard.target} {total.target === null ? '—' : `${f.number(total.target)}%`}{' '}
                <Status onTrack={total.onTrack} />
              </div>
            </div>
          );
        })}
      </div>
      <ChartCanvas config={config} label={t.dashboard.progressTitle(progress.year)} testId="progress-chart" />
      <table className="compact" data-testid="progress-table">
        <thead>
          <tr>
            <th scope="col">{t.dashboard.unit}</th>
            {LEVELS.map((level) => (
              <th key={level} scope="col" className="num" colSpan={2}>
                {t.dashboard.level[level]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map(([code, name]) => (
            <tr key={code}>
              <th scope="row">{name}</th>
              {LEVELS.map((level) => {
                const r = row(code, level);
                return r ? (
                  <Fragment key={level}>
                    <td className="num muted">
                      {f.number(r.digitized)}/{f.number(r.results)}
                    </td>
                    <td className="num">
                      {f.number(r.rate, 2)}% <Status onTrack={r.onTrack} />
                    </td>
                  </Fragment>
                ) : (
                  <td key={level} colSpan={2} className="num muted">
                    —
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Status({ onTrack }: { onTrack: boolean | null }) {
  const { t } = useStrings();
  if (onTrack === null) return <span className="badge neutral">{t.dashboard.noTarget}</span>;
  return <span className={`badge ${onTrack ? 'ok' : 'bad'}`}>{onTrack ? t.dashboard.onTrack : t.dashboard.behind}</span>;
}
