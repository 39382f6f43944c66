/**
 * Real gateway processes (`lienthong serve`) for the tests of what only a process shows:
 * replicas sharing PostgreSQL and Redis, signals and shutdown. Each serves a throwaway
 * PostgreSQL database; tokens are signed in-process with the data directory's dev key, the
 * one the processes trust. Their log lines go to the run's log directory, which the teardown
 * scans for tokens and personal IDs like those of the in-process gateways.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { type DevKey, ensureDevKey } from '../../src/auth/identity/dev-key.js';

export const BIN = path.resolve(import.meta.dirname, '../../bin/lienthong.mjs');

export interface GatewayProcess {
  readonly process: ChildProcess;
  readonly url: string;
  /** Set when METRICS_PORT was given. */
  readonly metricsUrl: string | null;
  /** Everything it wrote to stdout (its JSON log lines) and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/** A data directory for keys only (the sources are on PostgreSQL); removed by `remove()`. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-proc-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a test process: this one's, minus what would point it elsewhere. */
export function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$|^NODE_ENV$|^METRICS_|^REDIS_URL$|^RATE_LIMIT_|^SHUTDOWN_/.test(k)));
  return { ...inherited, LOG_LEVEL: 'warn', ...extra };
}

/** Starts `lienthong serve` with `env` on a free port and waits until /readyz answers 200. */
export async function spawnGateway(env: Record<string, string>, options: { metrics?: boolean } = {}): Promise<GatewayProcess> {
  const port = await freePort();
  const metricsPort = options.metrics ? await freePort() : null;
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: processEnv({ ...env, PORT: String(port), ...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Its log lines also go where the run's teardown scans them for tokens and personal IDs.
  const log = fs.createWriteStream(path.join(inject('testLogDir'), `serve-${randomUUID()}.log`));
  child.stdout!.pipe(log);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const gateway: GatewayProcess = { process: child, url: `http://127.0.0.1:${port}`, metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}` : null, output: () => output, exited };
  await waitReady(gateway);
  return gateway;
}

/** Stops a process that a test left running (SIGKILL after 10 s). */
export async function stopGateway(gateway: GatewayProcess | undefined): Promise<void> {
  if (!gateway || gateway.process.exitCode !== null || gateway.process.signalCode !== null) return;
  gateway.process.kill('SIGTERM');
  const timer = setTimeout(() => gateway.process.kill('SIGKILL'), 10_000);
  await gateway.exited;
  clearTimeout(timer);
}

/** The dev key of `dataDir` (the processes create the same one), to sign tokens in-process. */
export function devKeyOf(dataDir: string): Promise<DevKey> {
  return ensureDevKey(dataDir, { audience: 'lienthong' });
}

/** Runs a `lienthong` command to completion. */
export function runCli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { env: processEnv(env), encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(gateway: GatewayProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (gateway.process.exitCode !== null) throw new Error(`the gateway exited with ${gateway.process.exitCode}:\n${gateway.output().slice(-2000)}`);
    try {
      if ((await fetch(`${gateway.url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${gateway.url} did not become ready:\n${gateway.output().slice(-2000)}`);
}
