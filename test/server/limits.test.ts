/**
 * Limits before execution: every real query passes, and documents built to exhaust the server
 * are refused with QUERY_TOO_COMPLEX naming the limit, before any source is asked, including the
 * known bypasses of depth limiters (a fragment named __schema, recursive fragments, fan-out).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// First: it loads reflect-metadata, which the schema's types need.
import { gatewaySchema } from '../../src/schema/build-schema.js';
import { DEFAULT_LIMITS } from '../../src/config/index.js';
import { measureOperation } from '../../src/graphql/document-limits.js';
import { getIntrospectionQuery, parse } from 'graphql';
import { WORKLOADS } from '../../bench/workloads.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

describe('limits before execution', () => {
  let gw: TestGateway;
  let last: string | null = null;
  /** Statements sent to the data sources (the gateway's own store keeps the access log). */
  const statements = () => Object.entries(gw.statements).reduce((a, [source, n]) => a + (source === 'gateway' ? 0 : n), 0);
  /** Runs `query` and expects a QUERY_TOO_COMPLEX refusal of `limit` with no statement sent. */
  const refused = async (query: string, limit: string, variables: Record<string, unknown> = {}) => {
    gw.resetStatements();
    const started = performance.now();
    const { status, body, requestId } = await gw.query(query, variables);
    expect(body.errors?.[0]?.extensions, query.slice(0, 80)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
    last = requestId;
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(statements()).toBe(0);
    return performance.now() - started;
  };
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('lets every real query through: the benchmarks (at the largest page), the introspection of GraphiQL', async () => {
    for (const workload of Object.values(WORKLOADS)) {
      const { body } = await gw.query(workload.query.replace('first: 50', 'first: 100'), { id: '001079000262', unit: 'HN.BACHMAI' });
      expect(body.errors, workload.name).toBeUndefined();
    }
    const { body } = await gw.query(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(body.errors).toBeUndefined();
  });

  it('refuses depth, aliases, root fields, directives and cost past their limits', async () => {
    // citizen → household → members → household → … : two levels a hop.
    let cycle = 'fullName';
    for (let i = 0; i < 8; i++) cycle = `household { members { ${cycle} } }`;
    await refused(`{ citizen(personalId: "001079000262") { ${cycle} } }`, 'depth');
    // Each refusal is a log line naming the limit (pino writes asynchronously: give it a moment).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = fs.readFileSync(gw.logFile!, 'utf8').split('\n').filter((l) => l.includes('request refused by a limit'));
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ requestId: last, code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 15 }));
    // An identified caller's refused attempt at personal data is an access record, as other refusals are.
    const records = await gw.accessLog.records(0, 100_000);
    expect(records.find((r) => r.requestId === last)).toMatchObject({ outcome: 'REFUSED', code: 'QUERY_TOO_COMPLEX', subjects: [] });
    await refused(`{ ${Array.from({ length: DEFAULT_LIMITS.aliases + 1 }, (_, i) => `a${i}: procedures { code }`).join(' ')} }`, 'aliases');
    await refused(`{ ${Array.from({ length: DEFAULT_LIMITS.rootFields + 1 }, (_, i) => `u${i}: units { code }`).join(' ')} }`, 'rootFields');
    await refused(`{ procedures { ${Array.from({ length: DEFAULT_LIMITS.directives + 1 }, () => 'code @include(if: true)').join(' ')} } }`, 'directives');
    // 100 results, each with its subject's results and their files, and land and its owners: 100 × 10 × 10 × …
    const wide = '{ results(first: 100) { edges { node { subject { results { documents { fileName pageCount } procedure { code name } } landCertificates { owners { fullName personalId } } } } } } }';
    await refused(wide, 'cost');
    // The page may come from a variable: measured with its value.
    const paged = 'query($n: Int) { results(first: $n) { edges { node { subject { results { documents { fileName pageCount } } landCertificates { owners { fullName personalId } } } } } } }';
    await refused(paged, 'cost', { n: 100 });
    gw.resetStatements();
    const { body } = await gw.query(paged, { n: 2 });
    expect(body.errors).toBeUndefined();
  });

  it('refuses a document of too many tokens or bytes before parsing it', async () => {
    await refused(`{ ${'a '.repeat(DEFAULT_LIMITS.tokens)} }`, 'tokens');
    await refused(`# ${'x'.repeat(DEFAULT_LIMITS.documentBytes)}\n{ procedures { code } }`, 'documentBytes');
  });

  it('is not bypassed by a fragment named __schema, recursive fragments or fragment fan-out', async () => {
    let deep = 'fullName';
    for (let i = 0; i < 8; i++) deep = `household { members { ${deep} } }`;
    // graphql-js accepts the name; a rule that skips introspection by name would let this through.
    await refused(`{ citizen(personalId: "001079000262") { ...__schema } } fragment __schema on Citizen { ${deep} }`, 'depth');
    await refused(`{ citizen(personalId: "001079000262") { ...Deep } } fragment Deep on Citizen { ${deep} }`, 'depth');
    const cycle = await gw.query('{ citizen(personalId: "001079000262") { ...A } } fragment A on Citizen { household { members { ...B } } } fragment B on Citizen { household { members { ...A } } }');
    expect(cycle.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Ten fragments, each spreading the next ten times: 10^10 copies of the innermost field once expanded.
    const levels = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Query { ${i === 9 ? 'x: procedures { code }' : Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`);
    const ms = await refused(`{ ...F0 } ${levels.join(' ')}`, 'aliases');
    expect(ms).toBeLessThan(2_000);
  });

  it('measures as documented: a page counts its items, a list without one 10, an edges list once', () => {
    const size = measureOperation(gatewaySchema(), parse('query Q { results(first: 3) { edges { node { id a: documents { fileName } } } } __typename }'), 'Q');
    // documents 1 + 10 × 1; node 1 + (id + documents); edges 1 + node; results 1 + 3 × edges; plus __typename.
    expect(size).toEqual({ depth: 5, aliases: 1, rootFields: 2, directives: 0, cost: 1 + 3 * (1 + (1 + (1 + (1 + 10)))) + 1, variablePages: false });
    const fanOut = measureOperation(gatewaySchema(), parse('{ ...A ...A } fragment A on Query { ...B ...B ...B } fragment B on Query { x: units { code } }'), undefined);
    expect(fanOut).toMatchObject({ aliases: 6, rootFields: 6 });
  });

  it('keeps batched (array) requests off', async () => {
    const { status, body } = await gw.post([{ query: '{ procedures { code } }' }, { query: '{ units { code } }' }], await gw.headersFor());
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/batch/i);
  });
});
