/**
 * Graceful shutdown of a real `lienthong serve` process on PostgreSQL: on SIGTERM readiness
 * fails at once, the port closes after SHUTDOWN_DELAY_MS, idle kept-alive connections are
 * closed, a request in flight (its body still arriving) is answered with its data and its
 * access record committed, and the process exits 0. Past SHUTDOWN_TIMEOUT_MS it exits 1.
 * (PostgreSQL only: a process on an embedded PGlite directory would need its own seeded copy.)
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import { clonePostgresDatabase } from '../support/engines.js';
import { type GatewayProcess, devKeyOf, spawnGateway, stopGateway, tempDataDir } from '../support/processes.js';

const W1 = 'query W1($id: String!) { priorResults(personalId: $id, procedureCode: "KD-D-01", caseRef: "HS-SHUTDOWN") { id subject { fullName } } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A POST whose body is sent in two parts, the second only when `finish` is called. */
function slowPost(url: string, headers: Record<string, string>, body: string): { answer: Promise<Answer>; finish(): void } {
  const request = http.request(`${url}/graphql`, { method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
  });
  request.write(body.slice(0, 10));
  return { answer, finish: () => request.end(body.slice(10)) };
}

/** A GET on a kept-alive connection; resolves with the socket, left idle in `agent`. */
function keptAlive(url: string, agent: http.Agent): Promise<Socket> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/healthz`, { agent }, (res) => {
        const socket = res.socket;
        res.resume();
        res.on('end', () => resolve(socket));
      })
      .on('error', reject);
  });
}

describe('graceful shutdown of a serve process', () => {
  let database: { url: string; drop(): Promise<void> };
  const data = tempDataDir();
  const gateways: GatewayProcess[] = [];
  let headers: Record<string, string>;

  beforeAll(async () => {
    database = await clonePostgresDatabase('seeded');
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`insert into gateway.agencies (code, name) values ('UBND.BACHMAI', 'Bạch Mai') on conflict do nothing`;
    await sql.end();
    const token = await (await devKeyOf(data.dir)).sign({ sub: 'officer@UBND.BACHMAI', agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', ttlSeconds: 600 });
    headers = { authorization: `Bearer ${token}`, 'x-purpose': 'ONE_STOP_FILING' };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(gateways.map(stopGateway));
    await database?.drop();
    data.remove();
  });

  it('drains: not ready at once, then refuses connections, answers the request in flight with its record committed, exits 0', async () => {
    const gw = await spawnGateway({ DATABASE_URL: database.url, DATA_DIR: data.dir, LOG_LEVEL: 'debug', SHUTDOWN_DELAY_MS: '800' });
    gateways.push(gw);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idle = await keptAlive(gw.url, agent);
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()));
    const slow = slowPost(gw.url, headers, JSON.stringify({ query: W1, variables: { id: DEMO_CITIZEN } }));
    await sleep(300);

    gw.process.kill('SIGTERM');
    await sleep(200);
    // During the delay the port still accepts, and readiness says the replica is leaving.
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, draining: true });
    expect(ready.headers.get('connection')).toBe('close');

    await sleep(1_000);
    await expect(fetch(`${gw.url}/healthz`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await idleClosed;
    expect(gw.process.exitCode).toBeNull();

    slow.finish();
    const answer = await slow.answer;
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { data: { priorResults: unknown[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data.priorResults)).toBe(true);
    expect(await gw.exited).toBe(0);
    agent.destroy();

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const records = await sql`select outcome from gateway.access_log where request_id = ${String(answer.headers['x-request-id'])}`;
    await sql.end();
    expect(records.map((r) => r.outcome)).toEqual(['RELEASED']);
    expect(gw.output()).toMatch(/"msg":"shut down"/);
  });

  it('exits 1 when requests are still running at SHUTDOWN_TIMEOUT_MS', async () => {
    const gw = await spawnGateway({ DATABASE_URL: database.url, DATA_DIR: data.dir, SHUTDOWN_TIMEOUT_MS: '1500' });
    gateways.push(gw);
    const stuck = slowPost(gw.url, headers, JSON.stringify({ query: W1, variables: { id: DEMO_CITIZEN } }));
    stuck.answer.catch(() => {});
    await sleep(300);
    const started = Date.now();
    gw.process.kill('SIGTERM');
    expect(await gw.exited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(gw.output()).toMatch(/deadline passed/);
  });
});
