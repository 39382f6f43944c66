/**
 * Property-based abuse (fast-check): documents, variables, headers and tokens, valid and broken.
 * Whatever comes in: no 5xx, no crash, a JSON answer with coded errors and no internal message,
 * SQL or stack; an analyst never gets a person; and personal data never leaves without its
 * access record.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/identity.js';
import { type GraphQLResponse, type TestGateway, startTestGateway } from '../support/gateway.js';

const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const CALLERS = [POLICE, ANALYST, { agency: 'CCT.HBT', role: 'partner', purpose: 'TAX_ASSESSMENT' }, { agency: 'VNEID', role: 'citizen', sub: '001079000262', purpose: 'SELF_SERVICE' }] as Caller[];
const LEAKS = /SELECT |INSERT |node_modules|\bat \S+ \(|ECONN|postgres|pglite|Internal server error/i;
const PERSONAL = /"\d{12}"/;

/** Pieces of documents: real fields and arguments, and junk, in any order. */
const TOKEN = fc.constantFrom(
  '{', '}', '(', ')', ':', '...', '$id', '"001079000262"', '"x"', '0', '-1', '101', 'null',
  'query', 'fragment F on Citizen', 'on', '@include(if: true)', '@skip(if: $id)',
  'citizen(personalId: $id)', 'citizens(first: 5)', 'results(first: 3)', 'edges', 'node', 'household', 'members',
  'fullName', 'personalId', 'dateOfBirth', 'ethnicity', 'documents', 'fileName', 'subject', 'procedure', 'code',
  'aggregate(dataset: CITIZENS, measures: [COUNT], groupBy: [WARD])', 'cells', 'key', 'count', 'status',
  '__schema', '__typename', 'types', 'name', 'a:', 'b:', 'units', 'myAccessLog(first: 2)', '\u0000', '\uFFFF', '#',
);

/** Well-formed selections over the schema, nested at random. */
const selection: fc.Arbitrary<string> = fc.letrec((tie) => ({
  leaf: fc.constantFrom('fullName', 'personalId', 'dateOfBirth', 'sex', 'ethnicity', '__typename'),
  field: fc.oneof(
    { depthSize: 'small' },
    tie('leaf') as fc.Arbitrary<string>,
    fc.tuple(fc.constantFrom('household { members', 'father', 'mother', 'spouse'), fc.array(tie('field') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 })).map(([f, inner]) =>
      f.includes('{') ? `${f} { ${inner.join(' ')} } }` : `${f} { ${inner.join(' ')} }`,
    ),
    fc.array(tie('leaf') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }).map((inner) => `results { id status documents { fileName } subject { ${inner.join(' ')} } }`),
  ),
})).field;

const document = fc.oneof(
  fc.array(TOKEN, { maxLength: 40 }).map((tokens) => tokens.join(' ')),
  fc.array(selection, { minLength: 1, maxLength: 4 }).map((fields) => `query($id: String!) { citizen(personalId: $id) { ${fields.join(' ')} } }`),
  fc.string({ maxLength: 200 }),
);
const variables = fc.oneof(
  fc.constant({ id: '001079000262' }),
  fc.record({ id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.stringMatching(/^\d{12}$/)) }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

describe('fuzzing the gateway', () => {
  let gw: TestGateway;
  const released = async (response: GraphQLResponse) => {
    const records = await gw.accessLog.records(0, 1_000_000);
    return records.find((r) => r.requestId === response.requestId);
  };
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers any document and variables with a coded error or data: never a 5xx, a leak, a person for an analyst, or a release without its record', async () => {
    await fc.assert(
      fc.asyncProperty(document, variables, fc.constantFrom(...CALLERS), async (query, vars, caller) => {
        const response = await gw.query(query, vars as Record<string, unknown>, caller);
        expect(response.status).toBeLessThan(500);
        expect(response.text).not.toMatch(LEAKS);
        for (const error of response.body.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
        // In the data: an error message may quote the caller's own document back to it.
        if (caller.role === 'analyst') expect(JSON.stringify(response.body.data ?? null)).not.toMatch(PERSONAL);
        // Personal data in the answer (a 12-digit ID, or a name field with a value) has its record.
        if (PERSONAL.test(JSON.stringify(response.body.data ?? null)) || /"fullName":"[^"]/.test(response.text)) {
          expect(await released(response), query).toBeDefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports bad variables as BAD_USER_INPUT also where denied fields run under the shield (found by the property above)', async () => {
    const tax: Caller = { agency: 'CCT.HBT', role: 'partner', purpose: 'TAX_ASSESSMENT' };
    const response = await gw.query('query($id: String!) { citizen(personalId: $id) { household { members { fullName } } fullName } }', { id: null }, tax);
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers any headers, token and body with a coded refusal: never a 5xx or a leak', async () => {
    const good = await gw.headersFor(POLICE);
    const header = fc.oneof(fc.string({ maxLength: 60 }), fc.constant(good.authorization!), fc.constant(`Bearer ${good.authorization!.slice(7).split('').reverse().join('')}`));
    const token = fc.oneof(
      fc.constant(good.authorization!),
      fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
      fc.tuple(fc.base64String({ maxLength: 40 }), fc.base64String({ maxLength: 80 }), fc.base64String({ maxLength: 40 })).map((p) => `Bearer ${p.join('.')}`),
      fc.constant('Bearer eyJhbGciOiJub25lIn0.eyJhZ2VuY3kiOiJDQS5IQlQiLCJyb2xlIjoicGFydG5lciJ9.'),
    );
    const body = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ query: fc.string({ maxLength: 80 }), variables: fc.jsonValue({ maxDepth: 2 }) }), fc.array(fc.record({ query: fc.constant('{ units { code } }') }), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(token, fc.option(header), body, async (authorization, purpose, payload) => {
        const response = await gw.post(payload, { authorization, ...(purpose === null ? {} : { 'x-purpose': purpose.replace(/[^\x20-\x7e]/g, '') }) });
        expect(response.status).toBeLessThan(500);
        expect(response.text).not.toMatch(LEAKS);
        for (const error of response.body.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});
