/**
 * The verifier against real tampering: a chain written with AccessLogStore.append and signed
 * checkpoints, then edited in SQL the way a superuser could (triggers off for the session), on
 * PGlite and on PostgreSQL. Each test names the kind and the first seq the verifier must report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CheckpointSigner, checkpointSignerFromJwk, generateCheckpointKey } from '../../src/audit/checkpoint-signer.js';
import { verifyChain } from '../../src/audit/verify-chain.js';
import type { SourceConnection, Storage } from '../../src/db/index.js';
import { AccessLogStore, type NewAccessRecord, chainHash, fieldSet, sha256Hex } from '../../src/sources/gateway/index.js';
import { ENGINES, openTestStorage } from '../support/engines.js';

/** Three batches of four records, each batch signed at its head: checkpoints at 4, 8 and 12. */
const BATCHES = 3;
const PER_BATCH = 4;

function record(i: number): NewAccessRecord {
  return {
    at: new Date(Date.UTC(2026, 0, 31, 1, 0, i, 123)),
    requestId: `req-${i}`,
    agency: i % 2 ? 'VPDK.HN' : 'UBND.BACHMAI',
    officer: `officer${i}@VPDK.HN`,
    role: i % 2 ? 'partner' : 'counter',
    purpose: i % 2 ? 'LAND_REGISTRATION' : 'ONE_STOP_FILING',
    caseRef: i % 2 ? null : `HS-2026-${String(i).padStart(6, '0')}`,
    operation: 'Lookup',
    documentHash: sha256Hex(`doc ${i}`),
    variablesHash: sha256Hex(`vars ${i}`),
    subjects: ['001079000262', `00107900${String(1000 + i)}`],
    fields: fieldSet({ released: ['Citizen.fullName', 'Result.issuedOn'], masked: i % 3 ? [] : ['Citizen.personalId'], denied: [], categories: ['identity'] }),
    outcome: 'RELEASED',
    code: null,
    client: '127.0.0.1',
  };
}

async function writeChain(store: AccessLogStore, signer: CheckpointSigner): Promise<void> {
  for (let b = 0; b < BATCHES; b++) {
    const records = Array.from({ length: PER_BATCH }, (_, k) => record(b * PER_BATCH + k + 1));
    await store.append(records, async (head, tx) => {
      const signedAt = new Date(Date.UTC(2026, 0, 31, 2, b));
      const jws = await signer.sign({ seq: head.seq, hash: head.hash, at: signedAt.toISOString() });
      await tx.write({ seq: head.seq, hash: head.hash, signedAt, jws });
    });
  }
}

/** Runs statements as a superuser with the append-only triggers off, as the drill does by hand. */
async function tamper(connection: SourceConnection, ...statements: Array<[string, unknown[]?]>): Promise<void> {
  await connection.transaction(async (query) => {
    await query('SET LOCAL session_replication_role = replica');
    for (const [text, params] of statements) await query(text, params ?? []);
  });
}

describe.each(ENGINES)('verifyChain on %s', (engine) => {
  let storage: Storage;
  let gateway: SourceConnection;
  let store: AccessLogStore;
  let signer: CheckpointSigner;

  beforeEach(async () => {
    storage = await openTestStorage(engine, { state: 'migrated' });
    gateway = storage.sources.gateway;
    store = new AccessLogStore(gateway);
    signer = await checkpointSignerFromJwk(await generateCheckpointKey());
    await writeChain(store, signer);
  });

  afterEach(async () => {
    await storage?.close();
  });

  const verify = (batch = 5) => verifyChain(store, signer.publicJwk, { batch });

  it('passes a clean chain, in any batch size, and counts what it checked', async () => {
    const head = (await store.records(11, 1))[0];
    for (const batch of [1, 5, 12, 5000]) {
      expect(await verify(batch)).toEqual({
        ok: true,
        problem: null,
        records: 12,
        checkpoints: 3,
        signatures: 'checked',
        head: { seq: 12, hash: head?.hash },
        lastCheckpointSeq: 12,
      });
    }
    // Without the key the checkpoints are compared with the chain, but reported unchecked.
    expect(await verifyChain(store, null)).toMatchObject({ ok: true, signatures: 'unchecked', checkpoints: 3 });
  });

  it('passes an empty log', async () => {
    const empty = await openTestStorage(engine, { state: 'migrated' });
    try {
      expect(await verifyChain(new AccessLogStore(empty.sources.gateway), signer.publicJwk)).toEqual({
        ok: true,
        problem: null,
        records: 0,
        checkpoints: 0,
        signatures: 'checked',
        head: null,
        lastCheckpointSeq: null,
      });
    } finally {
      await empty.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the append-only triggers', async () => {
    for (const statement of [
      "UPDATE gateway.access_log SET purpose = 'X' WHERE seq = 3",
      'DELETE FROM gateway.access_log WHERE seq = 12',
      'TRUNCATE gateway.access_log',
      "UPDATE gateway.access_log_checkpoints SET jws = 'x' WHERE seq = 4",
      'DELETE FROM gateway.access_log_checkpoints',
    ]) {
      const error = await gateway.query(statement).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, statement).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(String((error as Error).cause), statement).toMatch(/the access log is append-only/);
    }
    expect(await verify()).toMatchObject({ ok: true, records: 12 });
  });

  it('names an edited field: altered at that seq', async () => {
    await tamper(gateway, ["UPDATE gateway.access_log SET purpose = 'X' WHERE seq = 3"]);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 3, earliestSeq: 3 });
    await tamper(gateway, ["UPDATE gateway.access_log SET subjects = array_remove(subjects, '001079000262') WHERE seq = 2"]);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 2 });
  });

  it('names an edit whose hash was recomputed: the signed checkpoint after it proves which record was replaced', async () => {
    const [r6] = await store.records(5, 1);
    if (!r6) throw new Error('no record 6');
    const edited = { ...r6, purpose: 'X' };
    await tamper(gateway, ["UPDATE gateway.access_log SET purpose = 'X', hash = $1 WHERE seq = 6", [chainHash(r6.prevHash, edited)]]);
    // Seq 7 now links to a hash no record has; checkpoint 8 vouches for 7 and 8, so 6 was replaced.
    expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 6, earliestSeq: 5 });
  });

  it('names a rewrite that recomputed every hash after it: the checkpoint no longer matches', async () => {
    const rows = await store.records(9, 3);
    let prevHash = (await store.records(8, 1))[0]?.hash ?? '';
    const statements: Array<[string, unknown[]]> = [];
    for (const row of rows) {
      const rewritten = { ...row, purpose: row.seq === 10 ? 'X' : row.purpose, prevHash };
      const hash = chainHash(prevHash, rewritten);
      statements.push(['UPDATE gateway.access_log SET purpose = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [rewritten.purpose, prevHash, hash, row.seq]]);
      prevHash = hash;
    }
    await tamper(gateway, ...statements);
    expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 12, earliestSeq: 9 });
  });

  it('names a deleted record: deleted at its seq', async () => {
    await tamper(gateway, ['DELETE FROM gateway.access_log WHERE seq = 5']);
    expect((await verify()).problem).toMatchObject({ kind: 'deleted', seq: 5 });
  });

  it('names a deletion hidden by renumbering the later records: still deleted', async () => {
    const renumber: Array<[string, unknown[]]> = [];
    for (let seq = 6; seq <= 12; seq++) renumber.push(['UPDATE gateway.access_log SET seq = $1 WHERE seq = $2', [seq - 1, seq]]);
    await tamper(gateway, ['DELETE FROM gateway.access_log WHERE seq = 5'], ...renumber);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'deleted', seq: 5 });
    expect(problem?.explanation).toMatch(/renumbered/);
  });

  it('names a cut tail: the checkpoint signs records that are gone', async () => {
    await tamper(gateway, ['DELETE FROM gateway.access_log WHERE seq > 10']);
    const report = await verify();
    expect(report.problem).toMatchObject({ kind: 'deleted', seq: 11 });
    expect(report.problem?.explanation).toMatch(/checkpoint at seq 12/);
    expect(report).toMatchObject({ records: 10, head: { seq: 10 } });
  });

  it('names a forged record hashed over the wrong predecessor: inserted', async () => {
    const [r11] = await store.records(10, 1);
    const [r12] = await store.records(11, 1);
    if (!r11 || !r12) throw new Error('no records 11, 12');
    const forged = { ...r12, seq: 13, requestId: 'forged' };
    await tamper(gateway, [
      `INSERT INTO gateway.access_log SELECT $1, at, 'forged', agency, officer, role, purpose, case_ref, operation, document_hash, variables_hash,
         subjects, released, masked, denied, categories, outcome, code, client, $2, $3, field_set FROM gateway.access_log WHERE seq = 12`,
      [13, r11.hash, chainHash(r11.hash, forged)],
    ]);
    expect((await verify()).problem).toMatchObject({ kind: 'inserted', seq: 13 });
  });

  it('names a copy of a record under a new seq: inserted', async () => {
    await tamper(gateway, [
      `INSERT INTO gateway.access_log SELECT 13, at, request_id, agency, officer, role, purpose, case_ref, operation, document_hash, variables_hash,
         subjects, released, masked, denied, categories, outcome, code, client, prev_hash, hash, field_set FROM gateway.access_log WHERE seq = 7`,
    ]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'inserted', seq: 13 });
    expect(problem?.explanation).toMatch(/copy of the record at seq 7/);
  });

  it('names swapped records: reordered at the first seq', async () => {
    await tamper(
      gateway,
      ['UPDATE gateway.access_log SET seq = -3 WHERE seq = 3'],
      ['UPDATE gateway.access_log SET seq = 3 WHERE seq = 5'],
      ['UPDATE gateway.access_log SET seq = 5 WHERE seq = -3'],
    );
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'reordered', seq: 3 });
    expect(problem?.explanation).toMatch(/written as seq 5/);
  });

  it('names a checkpoint whose JWS was tampered with, or signed by another key: checkpoint-signature', async () => {
    const [cp] = (await store.checkpoints()).filter((c) => c.seq === 8);
    if (!cp) throw new Error('no checkpoint 8');
    const [header, payload, signature] = cp.jws.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await tamper(gateway, ['UPDATE gateway.access_log_checkpoints SET jws = $1 WHERE seq = 8', [`${header}.${payload}.${flipped}`]]);
    expect((await verify()).problem).toMatchObject({ kind: 'checkpoint-signature', seq: 8 });
    const stranger = await checkpointSignerFromJwk(await generateCheckpointKey());
    const [r4] = await store.records(3, 1);
    const jws = await stranger.sign({ seq: 4, hash: r4?.hash ?? '', at: '2026-01-31T02:00:00.000Z' });
    await tamper(gateway, ['UPDATE gateway.access_log_checkpoints SET jws = $1 WHERE seq = 4', [jws]]);
    expect((await verify()).problem).toMatchObject({ kind: 'checkpoint-signature', seq: 4 });
  });

  it("names a checkpoint row edited to match an altered chain: its columns disagree with what it signs", async () => {
    await tamper(gateway, ["UPDATE gateway.access_log_checkpoints SET hash = repeat('0', 64) WHERE seq = 4"]);
    const { problem } = await verify();
    expect(problem).toMatchObject({ kind: 'checkpoint-signature', seq: 4 });
    expect(problem?.explanation).toMatch(/signed payload/);
  });
});
