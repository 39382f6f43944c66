/**
 * A benchmark target: a server started as a child process on a free port, waited for, measured
 * through /proc, and stopped.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Dialect, Workload } from '../workloads.js';
import { sleep } from './database.js';

/**
 * `gateway`: with the policy's row rules and the access log; `gateway-open`: a grant without
 * row rules; `gateway-nolog`: that grant, with no access log; `postgraphile`: PostGraphile 5 on
 * the same database; `floor`: raw SQL.
 */
export const TARGET_NAMES = ['gateway', 'gateway-open', 'gateway-nolog', 'postgraphile', 'floor'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface TargetSpec {
  readonly name: TargetName;
  /** Arguments to `node`. */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** GET this path until it answers `readyStatus` (any status when undefined). */
  readonly readyPath: string;
  readonly readyStatus?: number;
  /** Sent with every request to this target, by who asks (the gateway's token and purpose). */
  readonly headers: Readonly<Record<Workload['caller'], Readonly<Record<string, string>>>>;
  /** The schema it speaks. */
  readonly dialect: Dialect;
  /** Serve the gateway's `/metrics` (METRICS_PORT) on a port of its own, for the run to read. */
  readonly metrics?: boolean;
}

export interface ProcessSample {
  /** utime + stime, in milliseconds. */
  readonly cpuMs: number;
  /** Peak resident set (VmHWM), in bytes. */
  readonly peakRssBytes: number;
}

export interface RunningTarget {
  readonly name: TargetName;
  readonly url: string;
  readonly pid: number;
  /** `/metrics`, when the spec asked for it. */
  readonly metricsUrl: string | null;
  sample(): ProcessSample;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

export async function startTarget(spec: TargetSpec, cwd: string): Promise<RunningTarget> {
  const port = await freePort();
  const metricsPort = spec.metrics ? await freePort() : null;
  const child = spawn(process.execPath, [...spec.args], {
    cwd,
    env: { ...process.env, ...spec.env, PORT: String(port), HOST: '127.0.0.1', ...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of the child's output to explain a failed start; a healthy run stays quiet.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${spec.name} exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    const status = await fetch(url + spec.readyPath).then(
      (res) => res.arrayBuffer().then(() => res.status),
      () => undefined,
    );
    if (status !== undefined && (spec.readyStatus === undefined || status === spec.readyStatus)) break;
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(`${spec.name} was not ready after ${READY_TIMEOUT_MS / 1000} s (last status ${status ?? 'no answer'}):\n${output}`);
    }
    await sleep(100);
  }
  return {
    name: spec.name,
    url,
    pid: child.pid!,
    metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}/metrics` : null,
    sample: () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${spec.name} exited during the run (${child.exitCode ?? child.signalCode}):\n${output}`);
      }
      return sampleProcess(child.pid!);
    },
    stop: () => stopChild(child, exited),
  };
}

/** SIGTERM (both servers then close their pools), SIGKILL if it lingers. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** CPU time and peak RSS of one process (Linux /proc). */
export function sampleProcess(pid: number): ProcessSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may itself hold spaces. Counting
  // from field 3 (state) as index 0, utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwmKiB = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return { cpuMs: (ticks * 1000) / CLOCK_TICKS, peakRssBytes: hwmKiB * 1024 };
}

/** A port the kernel just handed out; released for the child to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
