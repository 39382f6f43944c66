/**
 * The access log's field sets: each distinct set of lists stored once and referenced by id
 * (encoding 2), an edited or deleted field set named by the verifier, and records written before
 * field sets (encoding 1, lists inline) still read back and verified. On PGlite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CheckpointSigner, checkpointSignerFromJwk, generateCheckpointKey } from '../../src/audit/checkpoint-signer.js';
import { exportLine } from '../../src/audit/export.js';
import { verifyChain } from '../../src/audit/verify-chain.js';
import type { SourceConnection, Storage } from '../../src/db/index.js';
import { AccessLogStore, type FieldLists, GENESIS_HASH, type NewAccessRecord, type StoredAccessRecord, chainHash, fieldSet } from '../../src/sources/gateway/index.js';
import { ENGINES, openTestStorage } from '../support/engines.js';

const PLAIN: FieldLists = { released: ['Query.citizen', 'Citizen.fullName'], masked: [], denied: [], categories: ['identity'] };
const MASKED: FieldLists = { released: ['Query.citizen', 'Citizen.fullName'], masked: ['Citizen.personalId'], denied: ['Citizen.ethnicity'], categories: ['identity'] };

function record(i: number, fields: FieldLists): NewAccessRecord {
  return {
    at: new Date(Date.UTC(2026, 0, 31, 1, 0, i, 123)),
    requestId: `req-${i}`,
    agency: 'VPDK.HN',
    officer: 'officer@VPDK.HN',
    role: 'partner',
    purpose: 'LAND_REGISTRATION',
    caseRef: null,
    operation: 'Owner',
    documentHash: null,
    variablesHash: null,
    subjects: [`00107900${1000 + i}`],
    fields: fieldSet(fields),
    outcome: 'RELEASED',
    code: null,
    client: '127.0.0.1',
  };
}

/** Runs statements as a superuser with the append-only triggers (and the foreign key) off. */
async function tamper(connection: SourceConnection, ...statements: Array<[string, unknown[]?]>): Promise<void> {
  await connection.transaction(async (query) => {
    await query('SET LOCAL session_replication_role = replica');
    for (const [text, params] of statements) await query(text, params ?? []);
  });
}

async function count(connection: SourceConnection, table: string, where = 'true'): Promise<number> {
  const [row] = await connection.query<{ n: number }>(`SELECT count(*)::int AS n FROM gateway.${table} WHERE ${where}`);
  return row?.n ?? -1;
}

async function signedAppend(store: AccessLogStore, signer: CheckpointSigner, records: NewAccessRecord[]): Promise<void> {
  await store.append(records, async (head, tx) => {
    const signedAt = new Date(Date.UTC(2026, 0, 31, 2, head.seq));
    await tx.write({ seq: head.seq, hash: head.hash, signedAt, jws: await signer.sign({ seq: head.seq, hash: head.hash, at: signedAt.toISOString() }) });
  });
}

describe.each(ENGINES)('field sets on %s', (engine) => {
  let storage: Storage;
  let gateway: SourceConnection;
  let store: AccessLogStore;
  let signer: CheckpointSigner;
  const verify = () => verifyChain(store, signer.publicJwk, { batch: 4 });

  beforeEach(async () => {
    storage = await openTestStorage(engine, { state: 'migrated' });
    gateway = storage.sources.gateway;
    store = new AccessLogStore(gateway);
    signer = await checkpointSignerFromJwk(await generateCheckpointKey());
  });

  afterEach(async () => {
    await storage?.close();
  });

  describe('written by the store', () => {
    /** Seqs 1 to 6: PLAIN at 1, 2, 4, 5; MASKED at 3 and 6. */
    beforeEach(async () => {
      const fields = (i: number) => (i % 3 === 0 ? MASKED : PLAIN);
      await signedAppend(store, signer, [1, 2, 3].map((i) => record(i, fields(i))));
      await signedAppend(store, signer, [4, 5, 6].map((i) => record(i, fields(i))));
    });

    it('stores each distinct field set once, also when another replica appends it again, and reads the lists back', async () => {
      expect(await count(gateway, 'access_log_field_sets')).toBe(2);
      expect(await count(gateway, 'access_log', 'released IS NOT NULL OR field_set IS NULL')).toBe(0);
      // A second store (another replica) does not know them: it sends them again, nothing is added.
      await new AccessLogStore(gateway).append([record(7, PLAIN), record(8, MASKED)]);
      expect(await count(gateway, 'access_log_field_sets')).toBe(2);
      const records = await store.records(0, 100);
      expect(new Set(records.map((r) => r.fieldSet)).size).toBe(2);
      expect(records[7]).toMatchObject({ seq: 8, fieldSet: fieldSet(MASKED).id, released: ['Citizen.fullName', 'Query.citizen'], masked: ['Citizen.personalId'], denied: ['Citizen.ethnicity'] });
      const [newest] = await store.search({ subject: '001079001008' }, null, 10);
      expect(newest).toMatchObject({ seq: 8, categories: ['identity'], denied: ['Citizen.ethnicity'] });
      expect(await verify()).toMatchObject({ ok: true, records: 8 });
    });

    it('refuses UPDATE, DELETE and TRUNCATE of a field set', async () => {
      // TRUNCATE needs CASCADE past the foreign key, and is refused anyway.
      for (const statement of ["UPDATE gateway.access_log_field_sets SET released = '{}'", 'DELETE FROM gateway.access_log_field_sets', 'TRUNCATE gateway.access_log_field_sets CASCADE']) {
        const error = await gateway.query(statement).then(
          () => null,
          (e: unknown) => e,
        );
        expect(String((error as Error | null)?.cause), statement).toMatch(/the access log is append-only/);
      }
      expect(await count(gateway, 'access_log_field_sets')).toBe(2);
    });

    it('names an edited field set at the first record that references it, and a deleted one', async () => {
      const masked = fieldSet(MASKED).id;
      await tamper(gateway, ["UPDATE gateway.access_log_field_sets SET denied = '{}' WHERE id = $1", [masked]]);
      const { problem } = await verify();
      expect(problem).toMatchObject({ kind: 'field-set', seq: 3, earliestSeq: 3 });
      expect(problem?.explanation).toMatch(/field set it references \([0-9a-f]{16}…\) was altered/);
      // What readers now show is the edited list: exactly what the verifier flags.
      expect((await store.records(2, 1))[0]?.denied).toEqual([]);

      // Put back, in another order: the id covers the lists' content, so it verifies again.
      await tamper(gateway, ["UPDATE gateway.access_log_field_sets SET denied = '{Citizen.ethnicity}', released = '{Query.citizen,Citizen.fullName}' WHERE id = $1", [masked]]);
      expect(await verify()).toMatchObject({ ok: true, records: 6 });

      await tamper(gateway, ['DELETE FROM gateway.access_log_field_sets WHERE id = $1', [masked]]);
      const deleted = (await verify()).problem;
      expect(deleted).toMatchObject({ kind: 'field-set', seq: 3 });
      expect(deleted?.explanation).toMatch(/is missing/);
    });

    it('names a record pointed at another field set: altered', async () => {
      await tamper(gateway, ['UPDATE gateway.access_log SET field_set = $1 WHERE seq = 4', [fieldSet(MASKED).id]]);
      expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 4 });
    });
  });

  describe('written before field sets (encoding 1, lists inline)', () => {
    /** A record as the gateway wrote it before field sets; its hash was computed by that code. */
    const OLD = {
      seq: 1,
      at: new Date(Date.UTC(2025, 11, 1, 2, 3, 4, 5)),
      requestId: 'req-v1-1',
      agency: 'VPDK.HN',
      officer: 'officer@VPDK.HN',
      role: 'partner',
      purpose: 'LAND_REGISTRATION',
      caseRef: null,
      operation: 'Owner',
      documentHash: 'a'.repeat(64),
      variablesHash: null,
      subjects: ['001079000262', '001079001001'],
      ...{ released: ['Query.citizen', 'Citizen.fullName'], masked: ['Citizen.personalId'], denied: ['Citizen.ethnicity'], categories: ['identity'] },
      outcome: 'PARTIAL',
      code: null,
      client: '127.0.0.1',
      prevHash: GENESIS_HASH,
      hash: '1e4cde7eb2619c7f0ca0f5f5924c28e1712331264b94a880284e3cd3c65ee7c9',
    };

    /** Inserts old records as the old statement did: the lists in their columns, no field set. */
    async function insertOld(rows: ReadonlyArray<typeof OLD>): Promise<void> {
      for (const r of rows) {
        await gateway.query(
          `INSERT INTO gateway.access_log (seq, at, request_id, agency, officer, role, purpose, case_ref, operation, document_hash, variables_hash,
             subjects, released, masked, denied, categories, outcome, code, client, prev_hash, hash)
           VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17, $18, $19, $20, $21)`,
          [r.seq, r.at.toISOString(), r.requestId, r.agency, r.officer, r.role, r.purpose, r.caseRef, r.operation, r.documentHash, r.variablesHash,
            r.subjects, r.released, r.masked, r.denied, r.categories, r.outcome, r.code, r.client, r.prevHash, r.hash],
        );
      }
    }

    beforeEach(async () => {
      const second = { ...OLD, seq: 2, requestId: 'req-v1-2', released: ['Citizen.fullName'], masked: [], denied: [], prevHash: OLD.hash };
      await insertOld([OLD, { ...second, hash: chainHash(OLD.hash, { ...second, fieldSet: null }) }]);
      await signedAppend(store, signer, [record(3, PLAIN), record(4, MASKED)]);
    });

    it('chains new records after them, verifies all, and reads them back as before', async () => {
      expect(await verify()).toMatchObject({ ok: true, records: 4, checkpoints: 1, lastCheckpointSeq: 4 });
      const records = await store.records(0, 10);
      expect(records.map((r) => r.fieldSet)).toEqual([null, null, fieldSet(PLAIN).id, fieldSet(MASKED).id]);
      expect(records[2]?.prevHash).toBe(records[1]?.hash);
      expect(records[0]).toEqual({ ...OLD, fieldSet: null });
      const [found] = await store.search({ subject: '001079001001', outcomes: ['PARTIAL'] }, 2, 10);
      expect(found).toMatchObject({ seq: 1, categories: ['identity'], masked: ['Citizen.personalId'] });
      // An export line keeps its columns: the lists, whichever way they are stored.
      const line = JSON.parse(exportLine(records[0] as StoredAccessRecord)) as Record<string, unknown>;
      expect(line).toMatchObject({ seq: 1, released: OLD.released, masked: OLD.masked, denied: OLD.denied, categories: OLD.categories, hash: OLD.hash });
      expect(Object.keys(JSON.parse(exportLine(records[3] as StoredAccessRecord)) as object)).toEqual(Object.keys(line));
    });

    it('still names an edited inline list: altered', async () => {
      await tamper(gateway, ["UPDATE gateway.access_log SET denied = '{}' WHERE seq = 1"]);
      expect((await verify()).problem).toMatchObject({ kind: 'altered', seq: 1 });
    });
  });
});
