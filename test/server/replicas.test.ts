/**
 * Two `lienthong serve` processes, as two replicas behind a load balancer, on one PostgreSQL
 * and one Redis: an agency's rate limit is one budget across both (the second replica refuses
 * once the first spent it), the access log both write is one chain that `lienthong audit
 * verify` accepts, and each replica's /metrics counts its own requests only.
 * (PostgreSQL only: replicas cannot share an embedded PGlite directory.)
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import { clonePostgresDatabase } from '../support/engines.js';
import { type GatewayProcess, devKeyOf, runCli, spawnGateway, stopGateway, tempDataDir } from '../support/processes.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUDGET = 8;

/** The value of one sample line, `name{labels} value`, summed over the lines that match `labels`. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

describe('two replicas on shared PostgreSQL and Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  const data = tempDataDir();
  const prefix = `lienthong-test:${randomUUID()}`;
  let env: Record<string, string>;
  const replicas: GatewayProcess[] = [];
  /** GraphQL requests each replica was sent, to compare with its own /metrics. */
  const sent = [0, 0];
  let token: (agency: string, role: 'partner' | 'counter', unit?: string) => Promise<string>;

  const ask = async (replica: 0 | 1, auth: { token: string; purpose: string }, query: string) => {
    sent[replica]!++;
    const response = await fetch(`${replicas[replica]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.token}`, 'x-purpose': auth.purpose },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
  };
  const scrape = async (replica: 0 | 1) => (await fetch(`${replicas[replica]!.metricsUrl}/metrics`)).text();

  beforeAll(async () => {
    database = await clonePostgresDatabase('seeded');
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`insert into gateway.agencies (code, name) values ('VPDK.HN', 'land office'), ('UBND.BACHMAI', 'Bạch Mai'), ('CA.HBT', 'district police') on conflict do nothing`;
    await sql.end();
    env = { DATABASE_URL: database.url, DATA_DIR: data.dir, REDIS_URL, RATE_LIMIT_REQUESTS: String(BUDGET), RATE_LIMIT_WINDOW_S: '300', RATE_LIMIT_KEY_PREFIX: prefix };
    // One after the other: the first creates the data directory's keys, the second reads them.
    replicas.push(await spawnGateway(env, { metrics: true }));
    replicas.push(await spawnGateway(env, { metrics: true }));
    const key = await devKeyOf(data.dir);
    token = (agency, role, unit) => key.sign({ sub: `officer@${agency}`, agency, role, unit, ttlSeconds: 600 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map(stopGateway));
    await database?.drop();
    data.remove();
    const redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("spends one agency's budget across both replicas: the second refuses once the first spent it", async () => {
    const police = { token: await token('CA.HBT', 'partner'), purpose: 'CRIMINAL_INVESTIGATION' };
    const query = '{ procedures(level: DISTRICT) { code } }';
    for (let i = 0; i < BUDGET; i++) expect((await ask(0, police, query)).status).toBe(200);
    const refused = await ask(1, police, query);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await ask(0, police, query)).status).toBe(429);
    // Each replica counts the refusals it made.
    expect(total(await scrape(0), 'lienthong_rate_limit_refusals_total', { agency: 'CA.HBT' })).toBe(1);
    expect(total(await scrape(1), 'lienthong_rate_limit_refusals_total', { agency: 'CA.HBT' })).toBe(1);
  });

  it('writes one access-log chain from both replicas, which audit verify accepts', async () => {
    const partner = { token: await token('VPDK.HN', 'partner'), purpose: 'LAND_REGISTRATION' };
    const counter = { token: await token('UBND.BACHMAI', 'counter', 'HN.BACHMAI'), purpose: 'ONE_STOP_FILING' };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? ask((i % 4 === 0 ? 0 : 1) as 0 | 1, partner, `{ citizen(personalId: "${DEMO_CITIZEN}") { fullName } }`)
          : ask((i % 4 === 1 ? 0 : 1) as 0 | 1, counter, `{ priorResults(personalId: "${DEMO_CITIZEN}", procedureCode: "KD-D-01", caseRef: "HS-R-${i}") { id } }`),
      ),
    );
    for (const answer of answers) expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [row] = await sql`select count(*)::int as n from gateway.access_log`;
    await sql.end();
    expect(row!.n).toBeGreaterThanOrEqual(12);
    const verify = runCli(['audit', 'verify'], env);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^access log verified/);
  });

  it('counts on each replica its own requests only', async () => {
    for (const replica of [0, 1] as const) {
      const text = await scrape(replica);
      expect(total(text, 'lienthong_http_requests_total', { route: '/graphql' })).toBe(sent[replica]);
      expect(total(text, 'lienthong_graphql_request_duration_seconds_count')).toBe(sent[replica]);
      expect(total(text, 'lienthong_access_log_records_total')).toBeGreaterThan(0);
      // One gateway per process: the process metrics are there too.
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    }
    expect(sent[0]).not.toBe(sent[1]);
  });
});
