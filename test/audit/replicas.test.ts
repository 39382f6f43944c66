/**
 * Two gateway processes serving one PostgreSQL write one access-log chain: under concurrent
 * load on both, the records are consecutive, each linked to the previous one's hash, and every
 * hash recomputes. Real processes (`lienthong serve`), a real server.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessRecord, type FieldLists, GENESIS_HASH, chainHash, fieldSetId } from '../../src/sources/gateway/access-log.chain.js';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import { clonePostgresDatabase } from '../support/engines.js';
import { freePort } from '../support/processes.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/lienthong.mjs');

describe('two replicas, one chain', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataDir: string;
  const servers: Array<{ process: ChildProcess; url: string }> = [];
  const env = () => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$|^NODE_ENV$/.test(k))),
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });

  beforeAll(async () => {
    database = await clonePostgresDatabase('seeded');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-replicas-'));
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`insert into gateway.agencies (code, name) values ('VPDK.HN', 'land office'), ('UBND.BACHMAI', 'Bạch Mai') on conflict do nothing`;
    await sql.end();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...env(), PORT: String(port) }, stdio: 'ignore' });
      servers.push({ process: child, url: `http://127.0.0.1:${port}` });
    }
    for (const server of servers) await waitReady(server.url);
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) server.process.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((resolve) => (s.process.exitCode === null ? s.process.once('exit', resolve) : resolve(null)))));
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('chains every record of both processes into one valid chain under concurrent load', async () => {
    const token = (agency: string, role: string, unit?: string) => {
      const run = spawnSync(process.execPath, [BIN, 'token', '--agency', agency, '--role', role, ...(unit ? ['--unit', unit] : [])], { env: env(), encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.trim();
    };
    const callers = [
      { token: token('VPDK.HN', 'partner'), purpose: 'LAND_REGISTRATION', query: `{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }` },
      { token: token('UBND.BACHMAI', 'counter', 'HN.BACHMAI'), purpose: 'ONE_STOP_FILING', query: `{ priorResults(personalId: "${DEMO_CITIZEN}", procedureCode: "KD-D-01", caseRef: "HS-R") { id } }` },
    ];
    const released: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 200) {
        const i = next++;
        const caller = callers[i % 2]!;
        const response = await fetch(`${servers[i % 2]!.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}`, 'x-purpose': caller.purpose },
          body: JSON.stringify({ query: caller.query }),
        });
        const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        released.push(response.headers.get('x-request-id')!);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const rows = await sql`select seq, at, request_id as "requestId", agency, officer, role, purpose, case_ref as "caseRef", operation,
      document_hash as "documentHash", variables_hash as "variablesHash", subjects, field_set as "fieldSet", outcome, code, client,
      prev_hash as "prevHash", hash from gateway.access_log order by seq`;
    const fieldSets = await sql`select id, released, masked, denied, categories from gateway.access_log_field_sets`;
    await sql.end();
    // Both processes stored the two queries' field sets, each exactly once, intact.
    expect(fieldSets.length).toBe(2);
    for (const f of fieldSets) expect(fieldSetId(f as unknown as FieldLists)).toBe(f.id);
    expect(new Set(rows.map((r) => r.fieldSet))).toEqual(new Set(fieldSets.map((f) => f.id)));
    expect(rows.length).toBe(200);
    expect(new Set(rows.map((r) => r.requestId))).toEqual(new Set(released));
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      expect(Number(row.seq)).toBe(i + 1);
      expect(row.prevHash).toBe(prev);
      expect(chainHash(prev, { ...(row as unknown as AccessRecord), seq: Number(row.seq) })).toBe(row.hash);
      prev = row.hash as string;
    });
  });
});

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}
