/**
 * The one-stop counter: for the citizen in front of it, the procedure being filed and a case
 * reference, exactly the still-valid results that procedure may reuse; nothing else, and
 * nothing at all without a case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInHanoi } from '../../src/lib/day.js';
import { REUSE_MAP } from '../../src/sources/records/reuse-map.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };
const PRIOR = `query($id: String!, $p: String!, $c: String!) {
  priorResults(personalId: $id, procedureCode: $p, caseRef: $c) { id status validUntil procedure { code } issuingUnit { code name } documents { fileName pageCount sha256 } subject { fullName } }
}`;

interface Result {
  id: string;
  status: string;
  validUntil: string | null;
  procedure: { code: string };
}

describe('priorResults at the counter', () => {
  let gw: TestGateway;
  let subjects: string[];
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
    // Citizens whose results mix statuses and procedures, found through the all-access view.
    const { body } = await gw.query('{ e: results(first: 30, filter: { status: EXPIRED }) { edges { node { subject { personalId } } } } v: results(first: 30, filter: { status: VALID }) { edges { node { subject { personalId } } } } }');
    const data = body.data as Record<string, { edges: Array<{ node: { subject: { personalId: string } } }> }>;
    subjects = [...new Set(Object.values(data).flatMap((page) => page.edges.map((e) => e.node.subject.personalId)))].slice(0, 12);
    subjects.push('001079000262');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('returns exactly the valid, unexpired results of the procedures the filed one may reuse, with their files', async () => {
    const today = todayInHanoi();
    let returned = 0;
    let withheld = 0;
    for (const id of subjects) {
      const { body } = await gw.query(`{ citizen(personalId: "${id}") { results { id status validUntil procedure { code } } } }`);
      const all = (body.data?.citizen as { results: Result[] }).results;
      for (const [procedure, reusable] of Object.entries(REUSE_MAP)) {
        const expected = all.filter((r) => reusable.includes(r.procedure.code) && r.status === 'VALID' && (r.validUntil === null || r.validUntil >= today)).map((r) => r.id);
        const response = await gw.query(PRIOR, { id, p: procedure, c: 'HS-2026-000123' }, COUNTER);
        expect(response.body.errors).toBeUndefined();
        const got = response.body.data?.priorResults as Array<Result & { documents: unknown[]; subject: { fullName: string } }>;
        expect(got.map((r) => r.id).sort()).toEqual(expected.sort());
        for (const r of got) expect(r.documents.length).toBeGreaterThan(0);
        returned += got.length;
        withheld += all.filter((r) => reusable.includes(r.procedure.code)).length - got.length;
      }
    }
    // The sample must exercise both sides, or the test proves nothing.
    expect(returned).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  });

  it('returns nothing without a case reference', async () => {
    for (const c of ['', '   ', '\u0000x']) {
      const { body } = await gw.query(PRIOR, { id: '001079000262', p: 'KD-D-01', c }, COUNTER);
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'caseRef' });
    }
    const missing = await gw.query('{ priorResults(personalId: "001079000262", procedureCode: "KD-D-01") { id } }', {}, COUNTER);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(missing.body.data).toBeUndefined();
  });

  it('refuses an unknown procedure and a malformed personal ID with coded errors', async () => {
    const unknown = await gw.query(PRIOR, { id: '001079000262', p: 'NO-SUCH', c: 'HS-1' }, COUNTER);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'procedureCode' });
    const bad = await gw.query(PRIOR, { id: '123', p: 'KD-D-01', c: 'HS-1' }, COUNTER);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'personalId' });
  });

  it('lets a counter read no more than the policy grants it: no browsing, no personal ID of the subject', async () => {
    const { body } = await gw.query(
      `{ citizen(personalId: "001079000262") { fullName } results(first: 1) { totalCount }
         priorResults(personalId: "001079000262", procedureCode: "KD-D-01", caseRef: "HS-1") { id subject { fullName personalId ethnicity } } }`,
      {},
      COUNTER,
    );
    const paths = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path?.join('.'));
    expect(paths).toContain('citizen');
    expect(paths).toContain('results');
    expect(paths.some((p) => /^priorResults\.\d+\.subject\.personalId$/.test(p ?? ''))).toBe(true);
    expect(paths.some((p) => /^priorResults\.\d+\.subject\.ethnicity$/.test(p ?? ''))).toBe(true);
    expect(body.data?.citizen).toBeNull();
    const prior = body.data?.priorResults as Array<{ subject: { fullName: string; personalId: null } }>;
    expect(prior.length).toBeGreaterThan(0);
    for (const r of prior) expect(r.subject).toEqual({ fullName: expect.any(String), personalId: null, ethnicity: null });
  });
});
