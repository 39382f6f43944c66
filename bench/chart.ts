/**
 * Draws the chart of an HTTP benchmark report again from its "Every cell" table, without running
 * anything: for a report written before a change to the chart.
 *
 *   node --import tsx bench/chart.ts bench/results/http-2026-11-28.md
 */
import fs from 'node:fs';
import { barChartSvg } from './lib/chart.js';
import type { Cell } from './lib/report.js';
import { TARGET_NAMES, type TargetName } from './lib/target.js';
import type { WorkloadName } from './workloads.js';

const file = process.argv[2];
if (!file?.endsWith('.md')) throw new TypeError('usage: bench/chart.ts bench/results/http-<date>.md');
const text = fs.readFileSync(file, 'utf8');
const table = text.slice(text.indexOf('## Every cell'));
const cells: Cell[] = [];
for (const line of table.split('\n')) {
  const columns = line.split('|').slice(1, -1).map((c) => c.trim());
  if (columns.length !== 12 || !/^\d+$/.test(columns[0]!)) continue;
  const [round, workload, connections, target, requests, reqPerSec, p50, p99, statements, cpu, rss, problems] = columns as string[] as [string, string, string, string, string, string, string, string, string, string, string, string];
  const number = (value: string) => Number(value.replaceAll(',', ''));
  cells.push({
    round: number(round),
    workload: workload as WorkloadName,
    connections: number(connections),
    target: target as TargetName,
    requests: number(requests),
    reqPerSec: number(reqPerSec),
    p50: number(p50),
    p99: number(p99),
    statementsPerRequest: number(statements),
    cpuMsPerRequest: number(cpu),
    peakRssMiB: number(rss),
    // The chart draws requests per second; the cells table does not keep the log's commits.
    commits: null,
    problems: problems === '–' ? [] : [problems],
  });
}
const targets = TARGET_NAMES.filter((t) => cells.some((c) => c.target === t));
if (!targets.includes('postgraphile')) throw new Error(`${file}: no postgraphile cells to compare against`);
const header = /^# HTTP benchmark, (\S+)/m.exec(text)?.[1] ?? '';
const machine = /^- machine: ([^;]+)/m.exec(text)?.[1] ?? '';
const out = file.replace(/\.md$/, '.svg');
fs.writeFileSync(out, barChartSvg(cells, targets, 'postgraphile', `Liên Thông, PostGraphile 5 and the raw floor, ${header} (${machine})`));
process.stdout.write(`${cells.length} cells drawn to ${out}\n`);
