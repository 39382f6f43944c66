/**
 * The access log through real GraphQL: what a request leaves in it, refusals included; that a
 * response carrying personal data never leaves without its committed record; and who may read
 * the log. Run on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import type { StoredAccessRecord } from '../../src/sources/gateway/index.js';
import { ENGINES } from '../support/engines.js';
import { verifyChain } from '../../src/audit/verify-chain.js';
import { type Caller, testCheckpointSigner } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const LAND: Caller = { agency: 'VPDK.HN', role: 'partner', purpose: 'LAND_REGISTRATION' };
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };
const CITIZEN: Caller = { agency: 'VNEID', role: 'citizen', sub: DEMO_CITIZEN, purpose: 'SELF_SERVICE' };
const AUDITOR: Caller = { agency: 'TTR.HN', role: 'auditor', purpose: 'AUDIT' };

describe.each(ENGINES)('the access log on %s', (engine) => {
  let gw: TestGateway;
  const all = async (): Promise<StoredAccessRecord[]> => gw.accessLog.records(0, 100_000);
  const recordOf = async (requestId: string | null) => (await all()).find((r) => r.requestId === requestId);

  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('records who released what about whom, for what purpose, and never the variables', async () => {
    const response = await gw.query(
      'query Owner($id: String!) { citizen(personalId: $id) { personalId fullName ethnicity landCertificates { certificateNumber } } }',
      { id: DEMO_CITIZEN },
      LAND,
    );
    expect(response.body.data?.citizen).toBeTruthy();
    const record = await recordOf(response.requestId);
    expect(record).toMatchObject({ agency: 'VPDK.HN', role: 'partner', officer: 'officer@VPDK.HN', purpose: 'LAND_REGISTRATION', operation: 'Owner', outcome: 'PARTIAL' });
    expect(record!.subjects).toContain(DEMO_CITIZEN);
    expect(record!.released).toEqual(expect.arrayContaining(['Query.citizen', 'Citizen.fullName', 'Citizen.landCertificates', 'LandCertificate.certificateNumber']));
    expect(record!.masked).toEqual(['Citizen.personalId']);
    expect(record!.denied).toEqual(['Citizen.ethnicity']);
    expect(record!.categories).toEqual(expect.arrayContaining(['identity', 'land']));
    expect(record!.variablesHash).toMatch(/^[0-9a-f]{64}$/);
    // Never the payload: the name that was released is not in the record.
    const name = (response.body.data?.citizen as { fullName: string }).fullName;
    expect(JSON.stringify(record)).not.toContain(name);
  });

  it("records the counter's case reference, and refused attempts", async () => {
    const counter = await gw.query(`{ priorResults(personalId: "${DEMO_CITIZEN}", procedureCode: "KD-D-01", caseRef: "HS-2026-000777") { id } }`, {}, COUNTER);
    expect((await recordOf(counter.requestId))?.caseRef).toBe('HS-2026-000777');
    const noPurpose = await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, { ...LAND, purpose: null });
    expect(await recordOf(noPurpose.requestId)).toMatchObject({ outcome: 'REFUSED', code: 'PURPOSE_REQUIRED', subjects: [] });
    const wrongPurpose = await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, { ...LAND, purpose: 'TAX_ASSESSMENT' });
    expect(wrongPurpose.status).toBe(403);
    expect(await recordOf(wrongPurpose.requestId)).toMatchObject({ outcome: 'REFUSED', code: 'FORBIDDEN', agency: 'VPDK.HN' });
    // The catalogue is not personal data: no record.
    const catalogue = await gw.query('{ procedures { code } }', {}, LAND);
    expect(await recordOf(catalogue.requestId)).toBeUndefined();
  });

  it('shows a citizen who looked, by agency and purpose, deferring an open investigation; auditors see all', async () => {
    const police = await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, POLICE);
    expect(police.body.errors).toBeUndefined();
    await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, LAND);
    const mine = await gw.query('{ myAccessLog(first: 50) { edges { node { at agencyCode agencyName purpose purposeDescription categories } } } }', {}, CITIZEN);
    expect(mine.body.errors).toBeUndefined();
    const entries = (mine.body.data?.myAccessLog as { edges: Array<{ node: Record<string, unknown> }> }).edges.map((e) => e.node);
    const agencies = new Set(entries.map((e) => e.agencyCode));
    expect(agencies).toContain('VPDK.HN');
    expect(agencies).toContain('UBND.BACHMAI');
    expect(agencies).not.toContain('CA.HBT'); // deferred 90 days by the policy
    expect(JSON.stringify(entries)).not.toMatch(/officer@/);
    expect(entries[0]).toMatchObject({ agencyName: expect.stringContaining('Văn phòng'), purpose: 'LAND_REGISTRATION', categories: ['identity'] });
    const audit = await gw.query('query($id: String!) { accessLog(filter: { personalId: $id, agency: "CA.HBT" }) { edges { node { officer purpose subjects outcome } } } }', { id: DEMO_CITIZEN }, AUDITOR);
    expect(audit.body.errors).toBeUndefined();
    expect((audit.body.data?.accessLog as { edges: unknown[] }).edges.length).toBeGreaterThan(0);
  });

  it('lets nobody else read the log', async () => {
    for (const caller of [LAND, COUNTER, POLICE]) {
      const { body } = await gw.query('{ accessLog { edges { node { seq } } } myAccessLog { edges { node { at } } } }', {}, caller);
      expect(body.data).toEqual({ accessLog: null, myAccessLog: null });
      expect((body.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
  });

  it('releases nothing when the record cannot be written (AUDIT_UNAVAILABLE), and recovers', async () => {
    const before = (await all()).length;
    await gw.storage.sources.gateway.query('ALTER TABLE gateway.access_log RENAME TO access_log_away');
    try {
      const response = await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, LAND);
      expect(response.status).toBe(503);
      // The serialized answer is dropped whole: only the error, with the request id to trace it.
      expect(response.body).toEqual({
        errors: [{ message: 'The access log is unavailable, so no data was released; try again shortly', extensions: { code: 'AUDIT_UNAVAILABLE', requestId: response.requestId } }],
      });
      expect(response.text).not.toContain('Nguy');
    } finally {
      await gw.storage.sources.gateway.query('ALTER TABLE gateway.access_log_away RENAME TO access_log');
    }
    expect((await all()).length).toBe(before);
    const again = await gw.query(`{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`, {}, LAND);
    expect(again.body.data?.citizen).toBeTruthy();
  });

  it('writes no byte of a response before its record is committed', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Inserts wait for this lock; reads (the head, the agencies) do not.
    const lock = gw.storage.sources.gateway.transaction(async (query) => {
      await query('LOCK TABLE gateway.access_log IN EXCLUSIVE MODE');
      locked();
      await held;
    });
    let headersAt = 0;
    let releasedAt = 0;
    let response: Promise<Response> | undefined;
    try {
      await isLocked;
      response = fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await gw.headersFor(LAND)) },
        body: JSON.stringify({ query: `{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }` }),
      }).then((r) => ((headersAt = Date.now()), r));
      await new Promise((resolve) => setTimeout(resolve, 700));
      releasedAt = Date.now();
      expect(headersAt).toBe(0);
    } finally {
      release();
      await lock;
    }
    const answer = await response;
    expect(headersAt).toBeGreaterThanOrEqual(releasedAt);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { citizen: unknown } }).data.citizen).toBeTruthy();
    expect(await recordOf(answer.headers.get('x-request-id'))).toMatchObject({ outcome: 'RELEASED' });
  });

  it("stores a repeated query's field set once: its records all reference one row", async () => {
    const fieldSets = async () => (await gw.storage.sources.gateway.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.access_log_field_sets'))[0]?.n ?? 0;
    const query = `query Again { citizen(personalId: "${DEMO_CITIZEN}") { fullName landCertificates { certificateNumber areaM2 } } }`;
    const before = await fieldSets();
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await gw.query(query, {}, LAND));
    expect(await fieldSets()).toBe(before + 1);
    const records = await Promise.all(responses.map((r) => recordOf(r.requestId)));
    const ids = new Set(records.map((r) => r?.fieldSet));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{64}$/);
    expect(records[2]?.released).toEqual(expect.arrayContaining(['Citizen.fullName', 'LandCertificate.areaM2']));
  });

  it('has a committed record for every response that carried personal data, under concurrent load, in one valid chain', async () => {
    const callers = [LAND, COUNTER, CITIZEN, POLICE];
    const queries = [
      `{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`,
      `{ priorResults(personalId: "${DEMO_CITIZEN}", procedureCode: "KD-D-01", caseRef: "HS-LOAD") { id } }`,
      '{ me { fullName results { id } } }',
      `{ citizen(personalId: "${DEMO_CITIZEN}") { household { members { fullName } } } }`,
    ];
    const released: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 160) {
        const i = next++;
        const response = await gw.query(queries[i % 4]!, {}, callers[i % 4]!);
        if (response.body.data && Object.values(response.body.data).some((v) => v !== null)) released.push(response.requestId!);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(released.length).toBe(160);
    const records = await all();
    const ids = new Set(records.map((r) => r.requestId));
    expect(released.filter((id) => !ids.has(id))).toEqual([]);
    // One chain: consecutive seqs, each linked to the previous hash, and signed checkpoints that verify.
    records.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      if (i > 0) expect(r.prevHash).toBe(records[i - 1]!.hash);
    });
    const report = await verifyChain(gw.accessLog, (await testCheckpointSigner()).publicJwk);
    expect(report).toMatchObject({ ok: true, problem: null, records: records.length, signatures: 'checked' });
    expect(report.checkpoints).toBeGreaterThan(0);
  });
});
