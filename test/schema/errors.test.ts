/** Bad input gets a clear, coded error; nothing internal, and nothing the caller sent, comes back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

describe('errors', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it.each([
    ['too short', '12345', /exactly 12 digits, this has 5 characters/],
    ['letters', '00108500123x', /only the digits/],
    ['impossible century digit', '001885001234', /birth year in the future/],
  ])('refuses a personal ID that is %s, before any query', async (_, id, message) => {
    gw.resetStatements();
    const { body } = await gw.query('query($id: String!) { citizen(personalId: $id) { fullName } }', { id });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['citizen'], extensions: { code: 'BAD_USER_INPUT', argument: 'personalId' } });
    expect(body.errors![0]!.message).toMatch(message);
    expect(gw.statements.population).toBe(0);
  });

  it('refuses a forged or foreign cursor and a page size out of range', async () => {
    const forged = Buffer.from('v1:1 OR 1=1').toString('base64url');
    for (const after of ['garbage!!', forged, Buffer.from('v2:5').toString('base64url'), 'A'.repeat(500)]) {
      const { body } = await gw.query('query($after: String) { results(after: $after) { edges { cursor } } }', { after });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
    for (const first of [0, -1, 101]) {
      const { body } = await gw.query('query($first: Int) { citizens(first: $first) { edges { cursor } } }', { first });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
  });

  it('does not echo a huge argument back', async () => {
    const huge = '9'.repeat(900_000);
    const { body, text } = await gw.query('query($id: String!) { citizen(personalId: $id) { fullName } }', { id: huge });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(text.length).toBeLessThan(1_000);
    const tooBig = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await gw.headersFor()) },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(10_000_000) } }),
    });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.text()).length).toBeLessThan(500);
  });

  it('gives no schema suggestions, stack traces or internals', async () => {
    const { body, text } = await gw.query('{ citizn(personalId: "001085001234") { fullNam } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(text).not.toMatch(/Did you mean|stacktrace|exception/i);
    const badDate = await gw.query('{ results(filter: { issuedFrom: "2023-02-31" }) { edges { cursor } } }');
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(badDate.body.errors?.[0]?.message).toMatch(/no such calendar day/);
  });

  it('answers a missing record with null and no error', async () => {
    const { body } = await gw.query('{ citizen(personalId: "001085999999") { fullName } result(id: 999999999) { id } }');
    expect(body).toEqual({ data: { citizen: null, result: null } });
  });
});
