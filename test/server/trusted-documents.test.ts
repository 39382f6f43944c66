/**
 * Trusted documents: where required, a role without ad hoc documents runs only the documents
 * registered for its agency, byte for byte; analysts keep asking new questions; automatic
 * persisted queries are off.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentHash } from '../../src/sources/gateway/index.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const LAND: Caller = { agency: 'VPDK.HN', role: 'partner', purpose: 'LAND_REGISTRATION' };
const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const LOOKUP = 'query Lookup($id: String!) { citizen(personalId: $id) { fullName dateOfBirth } }\n';

describe('trusted documents', () => {
  let gw: TestGateway;
  const dataStatements = () => Object.entries(gw.statements).reduce((a, [source, n]) => a + (source === 'gateway' ? 0 : n), 0);
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { trustedDocuments: true });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("refuses a partner's unregistered document before anything runs, and runs it once registered for its agency", async () => {
    gw.resetStatements();
    const refused = await gw.query(LOOKUP, { id: '001079000262' }, POLICE);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    expect(dataStatements()).toBe(0);

    expect(await gw.trustedDocuments.register([{ agency: 'CA.HBT', hash: documentHash(LOOKUP), name: 'lookup.graphql' }])).toBe(1);
    const ran = await gw.query<{ citizen: { fullName: string } }>(LOOKUP, { id: '001079000262' }, POLICE);
    expect(ran.body.errors).toBeUndefined();
    expect(ran.body.data?.citizen.fullName).toBeTruthy();
    // Registered for the police, not for the land office; and a changed byte is another document.
    expect((await gw.query(LOOKUP, { id: '001079000262' }, LAND)).body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    expect((await gw.query(LOOKUP.replace('fullName', 'fullName '), { id: '001079000262' }, POLICE)).body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    expect((await gw.trustedDocuments.list('CA.HBT')).map((d) => d.name)).toEqual(['lookup.graphql']);
  });

  it('lets roles the policy allows send documents of their own', async () => {
    const { body } = await gw.query('{ aggregate(dataset: RESULTS, measures: [COUNT]) { total { count } } }', {}, ANALYST);
    expect(body.errors).toBeUndefined();
  });

  it('accepts no document by hash alone (automatic persisted queries are off)', async () => {
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(LOOKUP).digest('hex') } }, variables: { id: '001079000262' } };
    const police = await gw.post(persisted, await gw.headersFor(POLICE));
    expect(police.body.errors?.[0]?.extensions?.code).toBe('DOCUMENT_NOT_TRUSTED');
    const analyst = await gw.post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ units { code } }') } } }, await gw.headersFor(ANALYST));
    expect(analyst.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
