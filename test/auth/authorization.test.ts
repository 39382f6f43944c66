/**
 * The default policy through real GraphQL, role by role: what each demo agency may read, what it
 * sees masked, what is refused with FORBIDDEN at its path (on every path that reaches the
 * field), and what is refused before anything runs (no token, suspended agency, no purpose).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ID = '001079000262';
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const JUSTICE: Caller = { agency: 'STP.HN', role: 'partner', purpose: 'CIVIL_STATUS_VERIFICATION' };
const TAX: Caller = { agency: 'CCT.HBT', role: 'partner', purpose: 'TAX_ASSESSMENT' };
const LAND: Caller = { agency: 'VPDK.HN', role: 'partner', purpose: 'LAND_REGISTRATION' };
const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const CITIZEN: Caller = { agency: 'VNEID', role: 'citizen', sub: ID, purpose: 'SELF_SERVICE' };

type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;
const forbiddenPaths = (errors: Errors) =>
  (errors ?? [])
    .filter((e) => e.extensions?.code === 'FORBIDDEN')
    .map((e) => e.path?.join('.'))
    .sort();

describe('authorization by the default policy', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  describe('refusals before execution', () => {
    it('answers no token, a bad token and a foreign scheme with 401 UNAUTHENTICATED', async () => {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer not.a.jwt' }, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }]) {
        const response = await gw.post({ query: '{ procedures { code } }' }, headers);
        expect(response.status).toBe(401);
        expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(response.body.data).toBeUndefined();
      }
    });

    it('refuses a suspended agency (the abolished district) even with a valid token', async () => {
      const response = await gw.query('{ procedures { code } }', {}, { agency: 'UBND.HBT', role: 'counter', purpose: 'ONE_STOP_FILING' });
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.body.errors?.[0]?.message).toMatch(/suspended/);
    });

    it('refuses a role the policy does not grant the agency, and an unregistered agency', async () => {
      for (const caller of [{ agency: 'CA.HBT', role: 'admin' }, { agency: 'NOBODY', role: 'partner' }] as Caller[]) {
        const response = await gw.query('{ procedures { code } }', {}, caller);
        expect(response.status).toBe(403);
        expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('requires a purpose for personal data (PURPOSE_REQUIRED) and refuses an undeclared one, before reading anything', async () => {
      // The catalogue is not personal data: no purpose needed. (This also loads the unit
      // catalogue, public reference data the police's jurisdiction is computed from.)
      const catalogue = await gw.query('{ procedures { code } }', {}, { ...POLICE, purpose: null });
      expect(catalogue.body.errors).toBeUndefined();
      gw.resetStatements();
      const none = await gw.query(`{ citizen(personalId: "${ID}") { fullName } }`, {}, { ...POLICE, purpose: null });
      expect(none.status).toBe(403);
      expect(none.body.errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
      const foreign = await gw.query(`{ citizen(personalId: "${ID}") { fullName } }`, {}, { ...POLICE, purpose: 'TAX_ASSESSMENT' });
      expect(foreign.status).toBe(403);
      expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(gw.statements.population).toBe(0);
    });
  });

  describe('fields', () => {
    it('gives the police everything in its grant, unmasked', async () => {
      const { body } = await gw.query(`{ citizen(personalId: "${ID}") { personalId fullName ethnicity currentAddress dateOfBirth results { id documents { sha256 } } } }`, {}, POLICE);
      expect(body.errors).toBeUndefined();
      expect(body.data).toMatchObject({ citizen: { personalId: ID, fullName: expect.any(String), ethnicity: expect.any(String), dateOfBirth: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });
    });

    it('masks for the tax office: year of birth only, and refuses ethnicity and civil status with FORBIDDEN at their paths', async () => {
      const { body } = await gw.query(`{ citizen(personalId: "${ID}") { personalId fullName dateOfBirth ethnicity birthRegistration { id } } procedures { code } }`, {}, TAX);
      expect(body.data?.citizen).toEqual({ personalId: ID, fullName: expect.any(String), dateOfBirth: expect.stringMatching(/^\d{4}$/), ethnicity: null, birthRegistration: null });
      expect(forbiddenPaths(body.errors)).toEqual(['citizen.birthRegistration', 'citizen.ethnicity']);
      expect((body.data?.procedures as unknown[]).length).toBeGreaterThan(0);
    });

    it('shows the land office a partial personal ID', async () => {
      const { body } = await gw.query(`{ citizen(personalId: "${ID}") { personalId landCertificates { certificateNumber owners { personalId } } } }`, {}, LAND);
      expect(body.errors).toBeUndefined();
      const citizen = body.data?.citizen as { personalId: string; landCertificates: Array<{ owners: Array<{ personalId: string }> }> };
      expect(citizen.personalId).toBe('001******262');
      for (const owner of citizen.landCertificates.flatMap((c) => c.owners)) expect(owner.personalId).toMatch(/^\d{3}\*{6}\d{3}$/);
    });

    it('denies a field on every path that reaches it: directly, through a link, a fragment, an alias and a list', async () => {
      const query = `
        fragment Who on Citizen { e1: ethnicity }
        {
          citizen(personalId: "${ID}") { ethnicity ...Who landCertificates { owners { ethnicity } } }
          results(first: 2, filter: { subjectPersonalId: "${ID}" }) { edges { node { subject { ... on Citizen { ethnicity } } } } }
        }`;
      const { body } = await gw.query(query, {}, TAX);
      const paths = forbiddenPaths(body.errors);
      expect(paths).toContain('citizen.ethnicity');
      expect(paths).toContain('citizen.e1');
      expect(paths.some((p) => /^citizen\.landCertificates\.\d+\.owners\.\d+\.ethnicity$/.test(p ?? ''))).toBe(true);
      expect(paths.some((p) => /^results\.edges\.\d+\.node\.subject\.ethnicity$/.test(p ?? ''))).toBe(true);
      expect(JSON.stringify(body.data)).not.toMatch(/"(ethnicity|e1)":"/);
    });

    it('denies the Department of Justice residence and family, including household members', async () => {
      const { body } = await gw.query(`{ citizen(personalId: "${ID}") { fullName household { members { fullName } } father { fullName } currentAddress } }`, {}, JUSTICE);
      expect(body.data?.citizen).toEqual({ fullName: expect.any(String), household: null, father: null, currentAddress: null });
      expect(forbiddenPaths(body.errors)).toEqual(['citizen.currentAddress', 'citizen.father', 'citizen.household']);
    });

    it('gives the analyst no personal field at all', async () => {
      const { body } = await gw.query(`{ citizen(personalId: "${ID}") { fullName } results { totalCount } procedures { code } }`, {}, ANALYST);
      expect(body.data).toMatchObject({ citizen: null, results: null });
      expect(forbiddenPaths(body.errors)).toEqual(['citizen', 'results']);
    });

    it('gives a citizen their own record and nothing of anyone else', async () => {
      const own = await gw.query('{ me { personalId fullName results { id } father { personalId } children { personalId } } }', {}, CITIZEN);
      expect(own.body.errors).toBeUndefined();
      const me = own.body.data?.me as { personalId: string; results: unknown[]; father: unknown; children: unknown[] };
      expect(me.personalId).toBe(ID);
      expect(me.results.length).toBeGreaterThan(0);
      expect(me.father).toBeNull();
      expect(me.children).toEqual([]);
      const other = await gw.query('{ citizen(personalId: "001034000007") { fullName } }', {}, CITIZEN);
      expect(forbiddenPaths(other.body.errors)).toEqual(['citizen']);
    });

    it('applies row rules to citizens nested in one statement (household members), without extra round trips', async () => {
      const query = `{ citizen(personalId: "${ID}") { household { members { personalId } } } }`;
      const all = await gw.query(query);
      const everyone = (all.body.data?.citizen as { household: { members: unknown[] } }).household.members;
      expect(everyone.length).toBeGreaterThan(1);
      gw.resetStatements();
      const own = await gw.query(`{ me { household { members { personalId } } } }`, {}, CITIZEN);
      expect(own.body.data).toEqual({ me: { household: { members: [{ personalId: ID }] } } });
      expect(gw.statements.population).toBe(1);
    });
  });

  describe('rows', () => {
    it('shows each partner only results of its domains, in SQL (counts agree with the pages)', async () => {
      for (const [caller, domains] of [
        [TAX, ['BUSINESS', 'LAND']],
        [LAND, ['LAND', 'CONSTRUCTION']],
        [JUSTICE, ['CIVIL_STATUS', 'CERTIFICATION']],
      ] as const) {
        const { body } = await gw.query('{ results(first: 100) { totalCount edges { node { procedure { domain } } } } }', {}, caller);
        const page = body.data?.results as { totalCount: number; edges: Array<{ node: { procedure: { domain: string } } }> };
        expect(page.edges.length).toBeGreaterThan(0);
        for (const edge of page.edges) expect(domains).toContain(edge.node.procedure.domain);
        const all = await gw.query(`{ ${domains.map((d, i) => `d${i}: results(filter: { domain: "${d}" }) { totalCount }`).join(' ')} }`);
        const expected = Object.values(all.body.data as Record<string, { totalCount: number }>).reduce((n, r) => n + r.totalCount, 0);
        expect(page.totalCount).toBe(expected);
      }
    });

    it('makes a result outside the rules look exactly like a missing one', async () => {
      const { body: all } = await gw.query('{ results(first: 1, filter: { domain: "LAND" }) { edges { node { id } } } }');
      const landId = (all.data?.results as { edges: Array<{ node: { id: string } }> }).edges[0]!.node.id;
      const seen = await gw.query(`{ result(id: ${landId}) { id } }`, {}, JUSTICE);
      const missing = await gw.query('{ result(id: 999999999) { id } }', {}, JUSTICE);
      expect(seen.body).toEqual({ data: { result: null } });
      expect(seen.text).toBe(missing.text);
    });
  });
});
