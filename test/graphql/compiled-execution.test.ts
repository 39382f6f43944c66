/**
 * Compiled execution (graphql-jit) answers exactly as graphql-js does. One gateway with the
 * production default: a document's first use runs on graphql-js, later uses run compiled; each
 * document is sent three times and the answers compared byte for byte (the status, data, errors
 * with their paths, masks), the metrics saying which engine ran. The rest of the suite runs
 * compiled from the first use (test/support/gateway.ts), so every behaviour it checks holds
 * compiled too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../support/identity.js';
import { type GraphQLResponse, type TestGateway, startTestGateway } from '../support/gateway.js';

const ID = '001079000262';
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const TAX: Caller = { agency: 'CCT.HBT', role: 'partner', purpose: 'TAX_ASSESSMENT' };
const LAND: Caller = { agency: 'VPDK.HN', role: 'partner', purpose: 'LAND_REGISTRATION' };

interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly caller: Caller;
  /**
   * What runs the later uses: graphql-js when the variables cannot coerce; authorization's own
   * graphql-js run (not counted) when a field is denied.
   */
  readonly later: 'compiled' | 'graphql-js' | 'authorization';
}

const CASES: readonly Case[] = [
  {
    name: 'a counter lookup across three sources (W1)',
    query: `query W1($id: String!) { citizen(personalId: $id) { personalId fullName dateOfBirth sex
      results { id status issuedOn validUntil procedure { code name domain level } documents { fileName mimeType sizeBytes sha256 pageCount } }
      birthRegistration { registeredOn bookNumber entryNumber registeringUnit { code name } father { personalId fullName } mother { personalId fullName } } } }`,
    variables: { id: ID },
    caller: POLICE,
    later: 'compiled',
  },
  {
    name: 'a page with its count, links, cursors and fragments',
    query: `fragment Who on Citizen { personalId fullName }
      query Page($first: Int, $withFiles: Boolean!) { results(first: $first, filter: { domain: "LAND" }) { totalCount
        edges { cursor node { id dossierCode issuedOn subject { ...Who } files: documents @include(if: $withFiles) { fileName } } }
        pageInfo { hasNextPage endCursor } } }`,
    variables: { first: 7, withFiles: true },
    caller: LAND,
    later: 'compiled',
  },
  {
    name: 'masked fields (year of birth only)',
    query: `{ citizen(personalId: "${ID}") { personalId fullName dateOfBirth } procedures { code } }`,
    caller: TAX,
    later: 'compiled',
  },
  {
    name: 'fields refused at their paths (run by authorization, under graphql-shield)',
    query: `{ citizen(personalId: "${ID}") { personalId fullName ethnicity birthRegistration { id } } }`,
    caller: TAX,
    later: 'authorization',
  },
  {
    name: 'a resolver that refuses its argument',
    query: '{ citizen(personalId: "not-an-id") { fullName } }',
    caller: POLICE,
    later: 'compiled',
  },
  {
    name: 'nothing found, and a list of none',
    query: `{ citizen(personalId: "001099999999") { fullName } results(first: 3, filter: { subjectPersonalId: "001099999999" }) { totalCount edges { node { id } } } }`,
    caller: POLICE,
    later: 'compiled',
  },
  {
    name: 'variables that do not coerce',
    query: 'query Bad($id: String!) { citizen(personalId: $id) { fullName } }',
    variables: { id: 5 },
    caller: POLICE,
    later: 'graphql-js',
  },
];

/** The answer without what differs between requests by design: the request id a traced error carries. */
function comparable(response: GraphQLResponse): unknown {
  const errors = response.body.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } }));
  return { status: response.status, body: { ...response.body, ...(errors ? { errors } : {}) } };
}

describe('compiled execution', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { compileOnUse: 2 });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const executions = async (engine: string): Promise<number> => {
    const line = (await gw.metrics.scrape()).text.split('\n').find((l) => l.startsWith(`lienthong_graphql_executions_total{engine="${engine}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it.each(CASES.map((c) => [c.name, c] as const))('answers %s the same on both engines', async (_, c) => {
    const before = { compiled: await executions('compiled'), graphqlJs: await executions('graphql-js') };
    const first = await gw.query(c.query, c.variables ?? {}, c.caller);
    const second = await gw.query(c.query, c.variables ?? {}, c.caller);
    const third = await gw.query(c.query, c.variables ?? {}, c.caller);
    expect(comparable(second)).toEqual(comparable(first));
    expect(comparable(third)).toEqual(comparable(first));
    // Byte for byte: the same keys in the same order (none of these errors carries a request id).
    expect(second.text).toBe(first.text);
    expect(third.text).toBe(first.text);
    const runs = { compiled: 'compiled', 'graphql-js': 'graphql-js', authorization: 'none' }[c.later];
    expect(await executions('compiled')).toBe(before.compiled + (runs === 'compiled' ? 2 : 0));
    expect(await executions('graphql-js')).toBe(before.graphqlJs + (runs === 'compiled' ? 1 : runs === 'graphql-js' ? 3 : 0));
  });

  it('answers an alias named __proto__ as an ordinary key on both engines, touching no prototype', async () => {
    const query = '{ __proto__: procedures(level: DISTRICT) { code } }';
    for (let use = 1; use <= 3; use++) {
      const { body, text } = await gw.query(query, {}, POLICE);
      expect(body.errors).toBeUndefined();
      // Parsed from the text as JSON.parse does: an own key, not the prototype.
      expect(Object.hasOwn(body.data ?? {}, '__proto__')).toBe(true);
      expect(text).toMatch(/"__proto__":\[\{"code":"/);
      // The gateway runs in this process: nothing was written onto the shared prototype.
      expect(Object.prototype).not.toHaveProperty('code');
    }
  });

  it('had data and errors to compare (the cases are not vacuous)', async () => {
    const lookup = await gw.query(CASES[0]!.query, CASES[0]!.variables ?? {}, POLICE);
    expect(JSON.stringify(lookup.body.data)).toContain('"documents":[{');
    const page = await gw.query(CASES[1]!.query, CASES[1]!.variables ?? {}, LAND);
    expect((page.body.data as { results: { totalCount: number } }).results.totalCount).toBeGreaterThan(7);
    const masked = await gw.query(CASES[2]!.query, {}, TAX);
    expect((masked.body.data as { citizen: { dateOfBirth: string } }).citizen.dateOfBirth).toMatch(/^\d{4}$/);
    const denied = await gw.query(CASES[3]!.query, {}, TAX);
    expect(denied.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    const refused = await gw.query(CASES[4]!.query, {}, POLICE);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await gw.query(CASES[6]!.query, CASES[6]!.variables ?? {}, POLICE);
    expect(bad.status).toBe(400);
  });
});

describe('with COMPILED_EXECUTION=off', () => {
  let off: TestGateway;
  let on: TestGateway;
  beforeAll(async () => {
    [off, on] = await Promise.all([startTestGateway('pglite', { compiledExecution: false }), startTestGateway('pglite')]);
  });
  afterAll(async () => {
    await Promise.all([off?.close(), on?.close()]);
  });

  it('runs graphql-js only, with the same answers as compiled', async () => {
    const c = CASES[1]!;
    for (let use = 1; use <= 2; use++) {
      const [plain, compiled] = await Promise.all([off.query(c.query, c.variables ?? {}, c.caller), on.query(c.query, c.variables ?? {}, c.caller)]);
      expect(plain.text).toBe(compiled.text);
    }
    expect((await off.metrics.scrape()).text).not.toMatch(/^lienthong_graphql_executions_total\{engine="compiled"\} [1-9]/m);
    expect((await on.metrics.scrape()).text).toMatch(/^lienthong_graphql_executions_total\{engine="compiled"\} 2$/m);
  });
});
