/**
 * Where a target spends its CPU on one workload: starts it under `--cpu-prof`, drives the
 * workload, stops it, and prints the functions with the most self time (and the profile's path,
 * for a flame graph in Chrome DevTools or speedscope).
 *
 *   npm run bench:profile -- W0 gateway 16      # workload, target, connections
 *   BENCH_DURATION=20 npm run bench:profile -- W2 postgraphile
 *
 * Runs on the bench database of `npm run bench` (loaded first if it is missing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { prepareWorkload } from './lib/prepare.js';
import { TARGET_NAMES, type TargetName, startTarget } from './lib/target.js';
import { benchTargets } from './lib/targets.js';
import { WORKLOADS, WORKLOAD_NAMES, type WorkloadName, requestBody } from './workloads.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [workloadArg = 'W1', targetArg = 'gateway', connectionsArg = '16'] = process.argv.slice(2);
if (!(WORKLOAD_NAMES as readonly string[]).includes(workloadArg)) throw new TypeError(`workload: one of ${WORKLOAD_NAMES.join(', ')}`);
if (!(TARGET_NAMES as readonly string[]).includes(targetArg)) throw new TypeError(`target: one of ${TARGET_NAMES.join(', ')}`);
const workload = WORKLOADS[workloadArg as WorkloadName];
const targetName = targetArg as TargetName;
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);

const { db, auth, inputs } = await prepareWorkload(root, workload);

const profileDir = fs.mkdtempSync(path.join(root, 'bench', '.cache', 'profile-'));
const spec = benchTargets(db, auth, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])[targetName];
const target = await startTarget(spec, root);
let result;
try {
  const bodies = inputs.map((input) => requestBody(workload, input, spec.dialect));
  result = await runLoad({ url: target.url, connections: Number(connectionsArg), durationSeconds, bodies, seed: 1, headers: spec.headers[workload.caller] });
} finally {
  await target.stop();
}
const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${profileDir}`);
process.stdout.write(`${workload.name} on ${targetName}, ${connectionsArg} connections: ${result.reqPerSec.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms${result.problems.length ? `, problems: ${result.problems.join('; ')}` : ''}\n`);
process.stdout.write(`${topSelfTime(JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile, 30)}\nprofile: ${path.relative(root, path.join(profileDir, file))}\n`);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (summed over its call sites), as a share of all samples. */
function topSelfTime(cpu: CpuProfile, count: number): string {
  const byNode = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  cpu.samples.forEach((id, i) => {
    const node = byNode.get(id);
    if (!node) return;
    const delta = cpu.timeDeltas[i] ?? 0;
    const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*node_modules\//, '').replace(`file://${root}/`, '')}:${node.callFrame.lineNumber + 1}` : '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}
