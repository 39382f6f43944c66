/**
 * Turns the measured cells into the Markdown report: one summary row per workload × connections ×
 * target (medians over the valid rounds), then every cell as measured.
 */
import type { WorkloadName } from '../workloads.js';
import type { TargetName } from './target.js';

export interface Cell {
  readonly round: number;
  readonly workload: WorkloadName;
  readonly connections: number;
  readonly target: TargetName;
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly statementsPerRequest: number;
  readonly cpuMsPerRequest: number;
  readonly peakRssMiB: number;
  /** The access log's commits during the timed run (a gateway that logged), else null. */
  readonly commits: { readonly recordsPerCommit: number; readonly commitMs: number } | null;
  /** Empty when the cell counts. */
  readonly problems: readonly string[];
}

export function summaryTable(cells: readonly Cell[], targets: readonly TargetName[]): string {
  const lines = [
    '| workload | conns | target | req/s | req/s range | p50 ms | p99 ms | SQL stmts/req | CPU ms/req | peak RSS MiB | gateway/floor req/s |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [workload, connections] of uniqueCells(cells)) {
    const reqPerSec = new Map<TargetName, number>();
    const rows: string[][] = [];
    for (const target of targets) {
      const valid = cells.filter((c) => c.workload === workload && c.connections === connections && c.target === target && c.problems.length === 0);
      const all = cells.filter((c) => c.workload === workload && c.connections === connections && c.target === target);
      if (all.length === 0) continue;
      if (valid.length === 0) {
        rows.push([workload, String(connections), target, 'invalid', '', '', '', '', '', '']);
        continue;
      }
      const rates = valid.map((c) => c.reqPerSec);
      const rps = median(rates);
      reqPerSec.set(target, rps);
      rows.push([
        workload,
        String(connections),
        valid.length < all.length ? `${target} (${valid.length}/${all.length} valid)` : target,
        format(rps, 0),
        // The spread over rounds: a wide one says the machine was not quiet.
        `${format(Math.min(...rates), 0)}–${format(Math.max(...rates), 0)}`,
        format(median(valid.map((c) => c.p50)), 2),
        format(median(valid.map((c) => c.p99)), 2),
        format(median(valid.map((c) => c.statementsPerRequest)), 2),
        format(median(valid.map((c) => c.cpuMsPerRequest)), 2),
        format(Math.max(...valid.map((c) => c.peakRssMiB)), 0),
      ]);
    }
    const gateway = reqPerSec.get('gateway');
    const floor = reqPerSec.get('floor');
    const ratio = gateway !== undefined && floor ? (gateway / floor).toFixed(2) : '–';
    for (const row of rows) lines.push(`| ${[...row, ratio].join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The side-by-side: per workload and connections, the gateway (authorization and audit on)
 * against PostGraphile and the floor. Each ratio is taken within a round (the targets ran
 * minutes apart at most), then the median and range over rounds are shown.
 */
export function comparisonSummary(cells: readonly Cell[]): string {
  const lines = [
    '| workload | conns | gateway req/s | gateway, auth + audit off | PostGraphile | floor | gateway / PostGraphile | gateway / floor | gateway p99 ms | PostGraphile p99 ms | stmts/req gateway | stmts/req PostGraphile | peak RSS MiB gateway / PostGraphile |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [workload, connections] of uniqueCells(cells)) {
    const of = (target: TargetName) => cells.filter((c) => c.workload === workload && c.connections === connections && c.target === target && c.problems.length === 0);
    const rate = (target: TargetName) => (of(target).length ? format(median(of(target).map((c) => c.reqPerSec)), 0) : '–');
    const p99 = (target: TargetName) => (of(target).length ? format(median(of(target).map((c) => c.p99)), 1) : '–');
    const stmts = (target: TargetName) => (of(target).length ? format(median(of(target).map((c) => c.statementsPerRequest)), 2) : '–');
    const rss = (target: TargetName) => (of(target).length ? format(Math.max(...of(target).map((c) => c.peakRssMiB)), 0) : '–');
    lines.push(
      `| ${workload} | ${connections} | ${rate('gateway')} | ${rate('gateway-nolog')} | ${rate('postgraphile')} | ${rate('floor')} | ${roundRatios(of('gateway'), of('postgraphile'))} | ${roundRatios(of('gateway'), of('floor'))} | ${p99('gateway')} | ${p99('postgraphile')} | ${stmts('gateway')} | ${stmts('postgraphile')} | ${rss('gateway')} / ${rss('postgraphile')} |`,
    );
  }
  return lines.join('\n');
}

/** Per-round ratios of two targets' req/s: "median (min–max)", over rounds where both are valid. */
export function roundRatios(on: readonly Cell[], off: readonly Cell[]): string {
  const ratios = ratiosByRound(on, off);
  if (ratios.length === 0) return '–';
  const mid = median(ratios).toFixed(2);
  return ratios.length === 1 ? mid : `${mid} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

export function ratiosByRound(on: readonly Cell[], off: readonly Cell[]): number[] {
  return on.flatMap((a) => {
    const b = off.find((c) => c.round === a.round);
    return b ? [a.reqPerSec / b.reqPerSec] : [];
  });
}

/** Per workload and connections: the gateway with row rules over the gateway without (medians of valid rounds). */
export function authorizationTable(cells: readonly Cell[]): string {
  return comparisonTable(cells, 'gateway', 'gateway-open', ['with rules', 'without']);
}

/**
 * Per workload and connections: the gateway with the access log over the gateway without, and
 * the log's commits (records per commit, the mean time of one; medians over rounds).
 */
export function accessLogTable(cells: readonly Cell[]): string {
  return comparisonTable(cells, 'gateway-open', 'gateway-nolog', ['with log', 'without'], true);
}

function comparisonTable(cells: readonly Cell[], onTarget: TargetName, offTarget: TargetName, [onName, offName]: [string, string], withCommits = false): string {
  const commitHead = withCommits ? ' records/commit | commit ms |' : '';
  const lines = [
    `| workload | conns | ${onName} req/s | ${offName} req/s | ratio | ${onName} p99 ms | ${offName} p99 ms |${commitHead}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |${withCommits ? ' ---: | ---: |' : ''}`,
  ];
  for (const [workload, connections] of uniqueCells(cells)) {
    const of = (target: TargetName) => cells.filter((c) => c.workload === workload && c.connections === connections && c.target === target && c.problems.length === 0);
    const on = of(onTarget);
    const off = of(offTarget);
    if (on.length === 0 || off.length === 0) continue;
    const onRate = median(on.map((c) => c.reqPerSec));
    const offRate = median(off.map((c) => c.reqPerSec));
    const commits = on.flatMap((c) => (c.commits ? [c.commits] : []));
    const commitCells = !withCommits ? '' : commits.length === 0 ? ' – | – |' : ` ${median(commits.map((c) => c.recordsPerCommit)).toFixed(1)} | ${median(commits.map((c) => c.commitMs)).toFixed(2)} |`;
    lines.push(`| ${workload} | ${connections} | ${format(onRate, 0)} | ${format(offRate, 0)} | ${(onRate / offRate).toFixed(2)} | ${format(median(on.map((c) => c.p99)), 2)} | ${format(median(off.map((c) => c.p99)), 2)} |${commitCells}`);
  }
  return lines.join('\n');
}

export function cellsTable(cells: readonly Cell[]): string {
  const lines = [
    '| round | workload | conns | target | requests | req/s | p50 ms | p99 ms | SQL stmts/req | CPU ms/req | peak RSS MiB | problems |',
    '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const c of cells) {
    lines.push(
      `| ${c.round} | ${c.workload} | ${c.connections} | ${c.target} | ${c.requests} | ${format(c.reqPerSec, 0)} | ${format(c.p50, 2)} | ${format(c.p99, 2)} | ` +
        `${format(c.statementsPerRequest, 2)} | ${format(c.cpuMsPerRequest, 2)} | ${format(c.peakRssMiB, 0)} | ${c.problems.join('; ') || '–'} |`,
    );
  }
  return lines.join('\n');
}

export function uniqueCells(cells: readonly Cell[]): [WorkloadName, number][] {
  const seen = new Map<string, [WorkloadName, number]>();
  for (const c of cells) seen.set(`${c.workload}/${c.connections}`, [c.workload, c.connections]);
  return [...seen.values()];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function format(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
}
