/**
 * The benchmark's chart, as a standalone SVG: one group of bars per workload and connection
 * count, one bar per target, each target's requests per second relative to a reference target
 * (PostGraphile), so workloads of very different speeds share one axis. Written by hand: it is
 * a few rectangles and labels, and a charting library would need a browser or a native canvas.
 */
import { type Cell, median, uniqueCells } from './report.js';
import type { TargetName } from './target.js';

const COLOURS: Record<TargetName, string> = {
  gateway: '#1f6feb',
  'gateway-open': '#6ea8fe',
  'gateway-nolog': '#9ec5fe',
  postgraphile: '#d97706',
  floor: '#6b7280',
};
const LABELS: Record<TargetName, string> = {
  gateway: 'Liên Thông (authorization + audit on)',
  'gateway-open': 'Liên Thông (no row rules)',
  'gateway-nolog': 'Liên Thông (authorization + audit off)',
  postgraphile: 'PostGraphile 5',
  floor: 'raw SQL floor',
};

export function barChartSvg(cells: readonly Cell[], targets: readonly TargetName[], reference: TargetName, title: string): string {
  const groups = uniqueCells(cells).map(([workload, connections]) => {
    const rate = (target: TargetName) => {
      const valid = cells.filter((c) => c.workload === workload && c.connections === connections && c.target === target && c.problems.length === 0);
      return valid.length ? median(valid.map((c) => c.reqPerSec)) : Number.NaN;
    };
    const base = rate(reference);
    return { label: `${workload} · ${connections}c`, bars: targets.map((target) => ({ target, rate: rate(target), relative: rate(target) / base })) };
  });
  const values = groups.flatMap((g) => g.bars.map((b) => b.relative)).filter(Number.isFinite);
  // The axis stops at 3×: the floor runs up to 7× PostGraphile and would flatten the rest. A bar
  // beyond it is cut at the top and says its ratio.
  const top = Math.min(3, Math.max(1.5, Math.ceil(Math.max(...values, 1) * 2) / 2));

  const bar = 18;
  const gap = 26;
  const left = 60;
  const plotTop = 60;
  const plotHeight = 300;
  const groupWidth = targets.length * bar + gap;
  const width = left + groups.length * groupWidth + 20;
  const legendTop = plotTop + plotHeight + 50;
  const height = legendTop + targets.length * 18 + 10;
  const y = (v: number) => plotTop + plotHeight - (v / top) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="${left}" y="40" fill="#444">requests per second relative to ${escape(LABELS[reference])} (= 1.0); median over rounds; the number on a bar is its req/s</text>`,
  ];
  for (let tick = 0; tick <= top + 1e-9; tick += 0.5) {
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(tick)}" y2="${y(tick)}" stroke="${tick === 1 ? '#d97706' : '#e5e7eb'}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`);
    parts.push(`<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick.toFixed(1)}×</text>`);
  }
  groups.forEach((group, g) => {
    const x0 = left + gap / 2 + g * groupWidth;
    group.bars.forEach((b, i) => {
      if (!Number.isFinite(b.relative)) return;
      const x = x0 + i * bar;
      const cut = b.relative > top;
      const barTop = y(Math.min(b.relative, top));
      const label = `${Math.round(b.rate)}${cut ? ` (${b.relative.toFixed(1)}×)` : ''}`;
      parts.push(`<rect x="${x}" y="${barTop}" width="${bar - 2}" height="${plotTop + plotHeight - barTop}" fill="${COLOURS[b.target]}"><title>${escape(`${LABELS[b.target]}: ${Math.round(b.rate)} req/s (${b.relative.toFixed(2)}×)`)}</title></rect>`);
      if (cut) parts.push(`<path d="M${x - 1} ${barTop + 8} l${bar} -4 v4 l-${bar} 4 z" fill="#fff"/>`);
      // Inside a cut bar (white), above any other.
      const at = cut ? barTop + 14 : barTop - 4;
      parts.push(`<text x="${x + (bar - 2) / 2 + 3}" y="${at}" text-anchor="${cut ? 'end' : 'start'}" transform="rotate(-90 ${x + (bar - 2) / 2 + 3} ${at})" font-size="9"${cut ? ' fill="#fff"' : ''}>${label}</text>`);
    });
    parts.push(`<text x="${x0 + (targets.length * bar) / 2}" y="${plotTop + plotHeight + 16}" text-anchor="middle">${escape(group.label)}</text>`);
  });
  targets.forEach((target, i) => {
    parts.push(`<rect x="${left}" y="${legendTop + i * 18}" width="12" height="12" fill="${COLOURS[target]}"/>`);
    parts.push(`<text x="${left + 18}" y="${legendTop + i * 18 + 10}">${escape(LABELS[target])}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
