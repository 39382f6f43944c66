/**
 * Is this change faster? One target, one workload, the work tree against an earlier commit, in
 * interleaved rounds (odd rounds base first, even rounds the work tree first), each on a freshly
 * started server after a warm-up. On a shared two-core machine whose rate drifts by tens of per
 * cent between runs, a ratio taken within each round is the figure to trust, not two separate
 * bench runs.
 *
 *   npm run bench:ab -- HEAD~1                      # W1, 16 connections, gateway, 4 rounds × 5 s
 *   npm run bench:ab -- main W3 1 gateway-open 6 4  # base, workload, connections, target, rounds, seconds
 *
 * The base runs from a temporary git worktree under bench/.cache (sharing node_modules), removed
 * afterwards. Runs on the bench database of `npm run bench` (loaded first if it is missing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { prepareWorkload } from './lib/prepare.js';
import { median } from './lib/report.js';
import { TARGET_NAMES, type TargetName, startTarget } from './lib/target.js';
import { benchTargets } from './lib/targets.js';
import { WORKLOADS, WORKLOAD_NAMES, type WorkloadName, requestBody } from './workloads.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [baseRef, workloadArg = 'W1', connectionsArg = '16', targetArg = 'gateway', roundsArg = '4', secondsArg = '5'] = process.argv.slice(2);
if (!baseRef) throw new TypeError('usage: npm run bench:ab -- <base commit> [workload] [connections] [target] [rounds] [seconds]');
if (!(WORKLOAD_NAMES as readonly string[]).includes(workloadArg)) throw new TypeError(`workload: one of ${WORKLOAD_NAMES.join(', ')}`);
if (!(TARGET_NAMES as readonly string[]).includes(targetArg)) throw new TypeError(`target: one of ${TARGET_NAMES.join(', ')}`);
const workload = WORKLOADS[workloadArg as WorkloadName];
const [connections, rounds, seconds] = [Number(connectionsArg), Number(roundsArg), Number(secondsArg)];

const { db, auth, inputs } = await prepareWorkload(root, workload);
const spec = benchTargets(db, auth)[targetArg as TargetName];
const bodies = inputs.map((input) => requestBody(workload, input, spec.dialect));

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const sha = git('rev-parse', '--short', `${baseRef}^{commit}`);
const baseDir = path.join(root, 'bench', '.cache', `ab-${sha}`);
fs.rmSync(baseDir, { recursive: true, force: true });
git('worktree', 'prune');
git('worktree', 'add', '--detach', '--force', baseDir, sha);
fs.symlinkSync(path.join(root, 'node_modules'), path.join(baseDir, 'node_modules'));

const sides = [
  { label: `base ${sha}`, cwd: baseDir, rates: [] as number[] },
  { label: 'work tree', cwd: root, rates: [] as number[] },
];
try {
  for (let round = 1; round <= rounds; round++) {
    for (const side of round % 2 ? sides : [...sides].reverse()) {
      const target = await startTarget(spec, side.cwd);
      try {
        const load = { url: target.url, connections, bodies, headers: spec.headers[workload.caller] };
        await runLoad({ ...load, durationSeconds: 1, seed: 2 });
        const result = await runLoad({ ...load, durationSeconds: seconds, seed: 1 });
        if (result.problems.length > 0) throw new Error(`${side.label}: ${result.problems.join('; ')}`);
        side.rates.push(result.reqPerSec);
        process.stdout.write(`round ${round} ${side.label}: ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms\n`);
      } finally {
        await target.stop();
      }
    }
  }
} finally {
  git('worktree', 'remove', '--force', baseDir);
}
const [base, work] = sides as [(typeof sides)[0], (typeof sides)[0]];
const ratios = work.rates.map((rate, i) => rate / (base.rates[i] as number));
process.stdout.write(
  `${workload.name} on ${targetArg}, ${connections} connections: work tree / base per round ${ratios.map((r) => r.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)} (req/s ${median(work.rates).toFixed(0)} against ${median(base.rates).toFixed(0)})\n`,
);

