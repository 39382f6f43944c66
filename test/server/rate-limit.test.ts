/**
 * Rate limits per agency: 429 RATE_LIMITED with Retry-After past the budget, before the body is
 * read; other agencies unaffected; one budget across replicas through Redis; and a lost Redis
 * falls back to counting per replica instead of failing or lifting the limit.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitConfig } from '../../src/server/rate-limit.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const QUERY = '{ procedures { code } }';

describe('rate limits per agency', () => {
  const gateways: TestGateway[] = [];
  const start = async (rateLimit: RateLimitConfig) => {
    const gw = await startTestGateway('pglite', { rateLimit });
    gateways.push(gw);
    return gw;
  };
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gw) => gw.close()));
  });

  it('answers 429 with Retry-After past the budget, and leaves other agencies alone', async () => {
    const gw = await start({ requests: 3, windowSeconds: 60, redisUrl: null, keyPrefix: randomUUID() });
    for (let i = 0; i < 3; i++) expect((await gw.query(QUERY, {}, POLICE)).status).toBe(200);
    const response = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { ...(await gw.headersFor(POLICE)), 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect((await gw.query(QUERY, {}, ANALYST)).status).toBe(200);
  });

  it('enforces one budget across two replicas sharing Redis', async () => {
    const shared = { requests: 4, windowSeconds: 60, redisUrl: REDIS_URL, keyPrefix: `test:${randomUUID()}` };
    const [a, b] = [await start(shared), await start(shared)];
    const statuses: number[] = [];
    for (const gw of [a, b, a, b, a, b]) statuses.push((await gw.query(QUERY, {}, POLICE)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('counts per replica, without failing, when Redis cannot be reached', async () => {
    const gw = await start({ requests: 2, windowSeconds: 60, redisUrl: 'redis://127.0.0.1:1', keyPrefix: randomUUID() });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await gw.query(QUERY, {}, POLICE)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});
