/**
 * Request ids: every response carries x-request-id; a load balancer's id is kept when it looks
 * like one and cannot carry an identifier; and every log line written for a request carries it.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIdOf } from '../../src/server/http.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };

describe('request ids', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("keeps a load balancer's id only when it cannot carry an identifier", () => {
    expect(requestIdOf('3f2b9c1e-7d4a-4e8b-9a0c-5d6e7f8a9b0c')).toBe('3f2b9c1e-7d4a-4e8b-9a0c-5d6e7f8a9b0c');
    expect(requestIdOf('a1b2c3d4e5f60718293a4b5c6d7e8f90')).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
    // A personal ID, an old ID card number, spaces, too short, too long, repeated headers: replaced.
    for (const unsafe of ['req-001079000262', 'x123456789y', 'has space here', 'short', 'a'.repeat(65), ['a1b2c3d4e5', 'f6a7b8c9d0']]) expect(requestIdOf(unsafe)).toMatch(UUID);
    expect(requestIdOf(undefined)).toMatch(UUID);
  });

  it('answers every route with x-request-id, echoing a safe incoming one', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect(health.headers.get('x-request-id')).toMatch(UUID);
    const missing = await fetch(`${gw.url}/no-such-page`, { headers: { 'x-request-id': 'lb-0a1b2c3d4e5f' } });
    expect(missing.headers.get('x-request-id')).toBe('lb-0a1b2c3d4e5f');
    const replaced = await gw.post({ query: '{ procedures { code } }' }, { 'x-request-id': 'id-001079000262' });
    expect(replaced.requestId).toMatch(UUID);
  });

  it('puts the request id on every log line of the request', async () => {
    if (!gw.logFile) return;
    const id = 'lb-5e6f7a8b9c0d';
    // Refused before execution (the HTTP handler's line), and by a limit inside Apollo (the context's logger).
    const refused = await gw.post({ query: '{ procedures { code } }' }, { authorization: 'Bearer nonsense', 'x-request-id': id });
    expect(refused.status).toBe(401);
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: procedures { code }`).join(' ');
    const tooComplex = await gw.post({ query: `{ ${aliases} }` }, { ...(await gw.headersFor(COUNTER)), 'x-request-id': `${id}-2` });
    expect(tooComplex.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(tooComplex.requestId).toBe(`${id}-2`);
    await new Promise((r) => setTimeout(r, 100));
    const lines = fs.readFileSync(gw.logFile, 'utf8').split('\n').filter((l) => l.includes(id)).map((l) => JSON.parse(l) as { requestId?: string; msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['request refused before execution', 'request refused by a limit']));
    for (const line of lines) expect(line.requestId === id || line.requestId === `${id}-2`, line.msg).toBe(true);
    // The key appears once per line: the child logger's binding, not repeated by the caller.
    for (const text of fs.readFileSync(gw.logFile, 'utf8').split('\n').filter((l) => l.includes(id))) expect(text.match(/"requestId"/g)).toHaveLength(1);
  });
});
