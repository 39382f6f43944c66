/**
 * /metrics: after W1-like traffic (the counter's priorResults), refusals and a source failure,
 * the scrape has the counters and histograms with bounded labels, and no personal ID anywhere;
 * the listener answers only to its bearer token when it has one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log/logger.js';
import { AccessLogWriter } from '../../src/audit/writer.js';
import type { AccessLogStore } from '../../src/sources/gateway/index.js';
import { OperationNames, createMetrics } from '../../src/server/metrics.js';
import { startMetricsServer } from '../../src/server/metrics-server.js';
import { ENGINES } from '../support/engines.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const CITIZEN = '001079000262';
const COUNTER: Caller = { agency: 'UBND.BACHMAI', role: 'counter', unit: 'HN.BACHMAI', purpose: 'ONE_STOP_FILING' };
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };
const W1 = 'query W1Counter($id: String!) { priorResults(personalId: $id, procedureCode: "KD-D-01", caseRef: "HS-M-1") { id issuedOn subject { fullName } } }';

/** The value of one sample line, `name{labels} value`, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe.each(ENGINES)('metrics on %s', (engine) => {
  let gw: TestGateway;
  let text: string;

  beforeAll(async () => {
    gw = await startTestGateway(engine, { rateLimit: { requests: 5, windowSeconds: 60, redisUrl: null, keyPrefix: randomUUID() } });
    for (let i = 0; i < 3; i++) expect((await gw.query(W1, { id: CITIZEN }, COUNTER)).status).toBe(200);
    // An operation named after a personal ID, an anonymous one, a refusal of each kind.
    expect((await gw.query(`query q${CITIZEN} { procedures(level: DISTRICT) { code } }`, {}, POLICE)).status).toBe(200);
    expect((await gw.query('{ procedures(level: DISTRICT) { code } }', {}, POLICE)).status).toBe(200);
    expect((await gw.post({ query: '{ procedures { code } }' }, {})).status).toBe(401);
    for (let i = 0; i < 3; i++) await gw.query('query Flood { procedures(level: DISTRICT) { code } }', {}, POLICE);
    expect((await gw.query('query Flood { procedures(level: DISTRICT) { code } }', {}, POLICE)).status).toBe(429);
    expect((await fetch(`${gw.url}/nowhere/${CITIZEN}`)).status).toBe(404);
    await expect(gw.storage.sources.land.query('SELECT * FROM land.no_such_table')).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    text = (await gw.metrics.scrape()).text;
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('counts HTTP requests by route and status', () => {
    expect(sample(text, 'lienthong_http_requests_total', { route: '/graphql', status: '200' })).toBe(8);
    expect(sample(text, 'lienthong_http_requests_total', { route: '/graphql', status: '401' })).toBe(1);
    expect(sample(text, 'lienthong_http_requests_total', { route: '/graphql', status: '429' })).toBe(1);
    expect(sample(text, 'lienthong_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
  });

  it('observes GraphQL latency by operation, role and outcome, with bounded operation names', () => {
    const count = (labels: Record<string, string>) => sample(text, 'lienthong_graphql_request_duration_seconds_count', labels);
    expect(count({ operation: 'W1Counter', role: 'counter', outcome: 'ok' })).toBe(3);
    expect(count({ operation: 'other', role: 'partner', outcome: 'ok' })).toBe(1);
    expect(count({ operation: 'anonymous', role: 'partner', outcome: 'ok' })).toBe(1);
    expect(count({ operation: 'none', role: 'none', outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(count({ operation: 'Flood', role: 'partner', outcome: 'ok' })).toBe(3);
    // Refused before the body was read: the operation is never known.
    expect(count({ operation: 'none', role: 'partner', outcome: 'RATE_LIMITED' })).toBe(1);
    expect(sample(text, 'lienthong_graphql_request_duration_seconds_bucket', { operation: 'W1Counter', le: '+Inf' })).toBe(3);
  });

  it('observes source statements and failures per source', () => {
    for (const source of ['population', 'records', 'gateway']) expect(sample(text, 'lienthong_source_query_duration_seconds_count', { source })).toBeGreaterThan(0);
    expect(sample(text, 'lienthong_source_errors_total', { source: 'land', code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
  });

  it('observes access-log commits and counts rate-limit refusals by agency', () => {
    expect(sample(text, 'lienthong_access_log_commit_duration_seconds_count')).toBeGreaterThan(0);
    // The counter's three requests read personal data; each has its record.
    expect(sample(text, 'lienthong_access_log_records_total')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'lienthong_access_log_commit_failures_total')).toBe(0);
    expect(sample(text, 'lienthong_rate_limit_refusals_total', { agency: 'CA.HBT' })).toBe(1);
  });

  it('holds no personal ID, in labels or anywhere else', () => {
    expect(text).not.toContain(CITIZEN);
    for (const [, labels] of text.matchAll(/\{([^}]*)\}/g)) expect(labels).not.toMatch(/\d{9}/);
  });
});

describe('metrics units', () => {
  it('keeps at most N operation names, then `other`; never a name with a digit run', () => {
    const names = new OperationNames(2);
    expect([names.label('A'), names.label('B'), names.label('C'), names.label('A'), names.label(''), names.label(null), names.label('x123456'), names.label('bad name')]).toEqual(['A', 'B', 'other', 'A', 'anonymous', 'none', 'other', 'other']);
  });

  it('counts a failed access-log commit and its records', async () => {
    const metrics = createMetrics();
    const failing = { append: async () => Promise.reject(Object.assign(new Error('down'), { code: 'ECONNREFUSED' })), lastCheckpoint: async () => null } as unknown as AccessLogStore;
    const writer = new AccessLogWriter(failing, null, metrics.accessLogCommit);
    // The record's content does not matter to a store that fails.
    await expect(writer.append({} as never)).rejects.toThrow('down');
    const { text } = await metrics.scrape();
    expect(sample(text, 'lienthong_access_log_commit_failures_total')).toBe(1);
    expect(sample(text, 'lienthong_access_log_failed_records_total')).toBe(1);
    expect(sample(text, 'lienthong_access_log_commit_duration_seconds_count')).toBe(1);
  });

  it('keeps each gateway in its own registry', async () => {
    const [a, b] = [createMetrics(), createMetrics()];
    a.rateLimitRefusal('CA.HBT');
    expect(sample((await a.scrape()).text, 'lienthong_rate_limit_refusals_total', { agency: 'CA.HBT' })).toBe(1);
    expect(sample((await b.scrape()).text, 'lienthong_rate_limit_refusals_total', { agency: 'CA.HBT' })).toBeUndefined();
  });
});

describe('who may read /metrics', () => {
  const TOKEN = 'm'.repeat(40);
  const logger = createLogger('silent');

  it('answers only to its bearer token when it has one', async () => {
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0, token: TOKEN, metrics: createMetrics(), logger });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).status).toBe(401);
      const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await ok.text()).toContain('# TYPE lienthong_http_requests_total counter');
      expect((await fetch(`${server.url}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('is not served on the gateway port', async () => {
    const gw = await startTestGateway('pglite');
    try {
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(404);
    } finally {
      await gw.close();
    }
  });

  it('is off unless METRICS_PORT is set, loopback by default, and needs a token off loopback', () => {
    expect(loadConfig({}).metrics).toEqual({ port: null, host: '127.0.0.1', token: null });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1', token: null });
    expect(() => loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_TOKEN: required when METRICS_HOST is not a loopback address/);
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).metrics.token).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected 32 to 256 printable characters without spaces \(value not shown\)/);
    expect(() => loadConfig({ METRICS_PORT: '4000' })).toThrow(/METRICS_PORT: must differ from PORT/);
  });
});
