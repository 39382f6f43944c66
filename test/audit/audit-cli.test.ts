/**
 * `lienthong audit verify` and `lienthong audit export` as an operator runs them: a separate
 * process on the same data directory (PGlite, after this process released its lock) or the same
 * PostgreSQL database, with the chain written and signed by the gateway's own local key.
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCheckpointSigner } from '../../src/audit/checkpoint-signer.js';
import { exportAccessLog } from '../../src/audit/export.js';
import { type AuditExportOptions, parseExportOptions } from '../../src/cli/audit.command.js';
import { type Config, loadConfig } from '../../src/config/index.js';
import { migrateAll, openLockedStorage } from '../../src/db/index.js';
import { AccessLogStore, type NewAccessRecord, fieldSet } from '../../src/sources/gateway/index.js';
import { ENGINES, clonePostgresDatabase } from '../support/engines.js';

/** Each process start loads the TypeScript sources (and PGlite): seconds each on a busy machine. */
const SLOW = { timeout: 180_000 };
const BIN = path.resolve(import.meta.dirname, '../../bin/lienthong.mjs');
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-audit-cli-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function run(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$|^NODE_ENV$|^AUDIT_/.test(k)));
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
}

function record(i: number): NewAccessRecord {
  return {
    at: new Date(Date.UTC(2026, 0, 31, 1, 0, i, 123)),
    requestId: `req-${i}`,
    agency: i % 2 ? 'VPDK.HN' : 'UBND.BACHMAI',
    officer: `officer@${i % 2 ? 'VPDK.HN' : 'UBND.BACHMAI'}`,
    role: i % 2 ? 'partner' : 'counter',
    purpose: i % 2 ? 'LAND_REGISTRATION' : 'ONE_STOP_FILING',
    caseRef: null,
    operation: 'Lookup',
    documentHash: null,
    variablesHash: null,
    subjects: [`00107900${1000 + i}`],
    fields: fieldSet({ released: ['Citizen.fullName'], masked: [], denied: [], categories: ['identity'] }),
    outcome: 'RELEASED',
    code: null,
    client: '127.0.0.1',
  };
}

/** Six records in two signed batches (checkpoints at 3 and 6), written as the gateway would. */
async function writeChain(config: Config): Promise<void> {
  const signer = await loadCheckpointSigner(config);
  const storage = await openLockedStorage(config);
  try {
    await migrateAll(storage, ['gateway']);
    const store = new AccessLogStore(storage.sources.gateway);
    for (const batch of [[1, 2, 3], [4, 5, 6]]) {
      await store.append(batch.map(record), async (head, tx) => {
        const signedAt = new Date();
        await tx.write({ seq: head.seq, hash: head.hash, signedAt, jws: await signer.sign({ seq: head.seq, hash: head.hash, at: signedAt.toISOString() }) });
      });
    }
  } finally {
    await storage.close();
  }
}

/** The drill's edit: as a superuser, triggers off for this transaction only. */
async function editPurpose(config: Config, seq: number): Promise<void> {
  const storage = await openLockedStorage(config);
  try {
    await storage.sources.gateway.transaction(async (query) => {
      await query('SET LOCAL session_replication_role = replica');
      await query("UPDATE gateway.access_log SET purpose = 'X' WHERE seq = $1", [seq]);
    });
  } finally {
    await storage.close();
  }
}

describe('lienthong audit, on an empty log', () => {
  it('verifies a freshly migrated log (0 records) and exports nothing for any window', SLOW, () => {
    const env = { DATA_DIR: tempDir() };
    expect(run(['migrate'], env).status).toBe(0);
    const verify = run(['audit', 'verify'], env);
    expect(verify.stdout).toMatch(/^access log verified: 0 records, 0 checkpoints \(none signed yet\), the log is empty\n$/);
    expect(verify.status).toBe(0);
    const exported = run(['audit', 'export', '--from', '2026-01-01T00:00:00+07:00', '--to', '2026-02-01T00:00:00+07:00'], env);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toContain('exported 0 access log record(s)');
  });

  it('refuses bad export arguments all at once, never echoing a personal ID, before opening anything', SLOW, () => {
    const dataDir = path.join(tempDir(), 'never-created');
    const result = run(['audit', 'export', '--from', '2026-02-30T00:00:00Z', '--personal-id', '0010790010029', '--agency', 'vpdk'], { DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--from: expected an ISO 8601 time with its zone');
    expect(result.stderr).toContain('--to is required');
    expect(result.stderr).toContain('--agency: expected an upper-case agency code');
    expect(result.stderr).toContain('--personal-id: a personal ID has exactly 12 digits, this has 13 characters (value not shown)');
    expect(result.stderr).not.toContain('0010790010029');
    expect(fs.existsSync(dataDir)).toBe(false);
    const reversed = run(['audit', 'export', '--from', '2026-02-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z'], { DATA_DIR: dataDir });
    expect(reversed.stderr).toContain('--from must be before --to');
  });

  it('refuses a --public-key holding a private key', SLOW, async () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir }, dir);
    await loadCheckpointSigner(config);
    const result = run(['audit', 'verify', '--public-key', path.join(dir, 'keys', 'audit-signing-key.json')], { DATA_DIR: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--public-key: .* holds a private key/);
  });
});

describe.each(ENGINES)('lienthong audit on %s: the tampering drill', (engine) => {
  async function setUp(): Promise<{ config: Config; env: Record<string, string> }> {
    const dataDir = tempDir();
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (engine === 'postgres') {
      const database = await clonePostgresDatabase('migrated');
      cleanup.push(() => database.drop());
      env.DATABASE_URL = database.url;
    }
    return { config: loadConfig(env, dataDir), env };
  }

  it('passes with signatures checked, then fails naming seq 3 once its purpose is edited by hand', SLOW, async () => {
    const { config, env } = await setUp();
    await writeChain(config);
    const clean = run(['audit', 'verify'], env);
    expect(clean.stdout).toMatch(/^access log verified: 6 records, 2 checkpoints \(signatures checked\), head seq 6 hash [0-9a-f]{16}…\n$/);
    expect(clean.status).toBe(0);

    // An auditor holding only the public half gets the same answer.
    const publicKey = path.join(env.DATA_DIR as string, 'auditor.jwk');
    const { d: _private, ...publicJwk } = JSON.parse(fs.readFileSync(path.join(env.DATA_DIR as string, 'keys', 'audit-signing-key.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(publicKey, JSON.stringify(publicJwk));
    expect(run(['audit', 'verify', '--public-key', publicKey], env).stdout).toMatch(/^access log verified: 6 records, 2 checkpoints \(signatures checked\)/);

    await editPurpose(config, 3);
    const tampered = run(['audit', 'verify'], env);
    expect(tampered.stdout).toMatch(/^access log FAILED verification at seq 3: altered: /);
    expect(tampered.status).toBe(1);
  });

  it('exports a window as JSON lines in chain order, filtered by citizen, and the signed checkpoints', SLOW, async () => {
    const { config, env } = await setUp();
    await writeChain(config);
    const window = ['audit', 'export', '--from', '2026-01-31T08:00:00+07:00', '--to', '2026-01-31T01:00:05Z'];
    const all = run(window, env);
    expect(all.status).toBe(0);
    const lines = all.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(Object.keys(lines[0] ?? {})).toEqual([
      'seq', 'at', 'request_id', 'agency', 'officer', 'role', 'purpose', 'case_ref', 'operation', 'document_hash', 'variables_hash',
      'subjects', 'released', 'masked', 'denied', 'categories', 'outcome', 'code', 'client', 'prev_hash', 'hash',
    ]);
    expect(lines[1]).toMatchObject({ at: '2026-01-31T01:00:02.123Z', agency: 'UBND.BACHMAI', subjects: ['001079001002'] });
    // The filters, in process (a process start costs seconds): the same parsing and export.
    const exported = async (options: AuditExportOptions) => {
      const storage = await openLockedStorage(config);
      const out = new PassThrough();
      const chunks: string[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      try {
        await exportAccessLog(new AccessLogStore(storage.sources.gateway), parseExportOptions(options), out);
      } finally {
        await storage.close();
      }
      return chunks.join('').trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; request_id: string; hash: string });
    };
    const range = { from: '2026-01-31T08:00:00+07:00', to: '2026-01-31T01:00:05Z' };
    expect((await exported({ ...range, personalId: '001079001002' })).map((l) => l.request_id)).toEqual(['req-2']);
    expect((await exported({ ...range, agency: 'VPDK.HN', purpose: 'LAND_REGISTRATION' })).map((l) => l.seq)).toEqual([1, 3]);
    const everything = await exported({ from: range.from, to: '2026-02-01T00:00:00Z' });
    expect(everything.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);

    const checkpoints = run(['audit', 'checkpoints'], env);
    expect(checkpoints.status).toBe(0);
    const signed = checkpoints.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(signed.map((c) => [c.seq, Object.keys(c)])).toEqual([
      [3, ['seq', 'hash', 'signed_at', 'jws']],
      [6, ['seq', 'hash', 'signed_at', 'jws']],
    ]);
    expect(signed[1]?.hash).toBe(everything[5]?.hash);
  });
});
