/**
 * One source down must not take the others with it: partial data, a SOURCE_UNAVAILABLE error at
 * the path of each field from the failed source, nothing internal in the response, and recovery
 * once the source is back. Run against the real PostgreSQL server through a TCP proxy we cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_NAMES, type SourceName } from '../../src/config/index.js';
import type { SourceStorage } from '../../src/config/config.js';
import { openStorage } from '../../src/db/index.js';
import { clonePostgresDatabase } from '../support/engines.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.js';

const QUERY = `query($id: String!) { citizen(personalId: $id) {
  personalId fullName
  results { id procedure { code } }
  landCertificates { certificateNumber }
  birthRegistration { id }
  household { id }
} }`;

describe('a source that fails', () => {
  let gw: TestGateway;
  let proxy: TcpProxy;
  let database: { url: string; drop(): Promise<void> };
  let personalId: string;

  beforeAll(async () => {
    database = await clonePostgresDatabase('seeded');
    proxy = await startTcpProxy(5432);
    const direct = new URL(database.url);
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const cutSources: SourceName[] = ['land', 'civil'];
    const storage = await openStorage(
      {
        storage: Object.fromEntries(
          SOURCE_NAMES.map((s): [SourceName, SourceStorage] => [s, { kind: 'postgres', url: (cutSources.includes(s) ? viaProxy : direct).toString() }]),
        ) as Record<SourceName, SourceStorage>,
      },
      { statementTimeoutMs: 2_000, connectTimeoutSeconds: 2 },
    );
    gw = await startTestGateway('postgres', { storage });
    const [row] = await storage.sources.land.query<{ id: string }>(
      `SELECT o.owner_personal_id AS id FROM land.certificate_owners o JOIN civil.births b ON b.child_personal_id = o.owner_personal_id
        JOIN records.results r ON r.subject_personal_id = o.owner_personal_id LIMIT 1`,
    );
    personalId = row!.id;
  });
  afterAll(async () => {
    await gw?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers the other sources and marks each failed field with SOURCE_UNAVAILABLE, then recovers', async () => {
    const healthy = await gw.query<{ citizen: Record<string, unknown> }>(QUERY, { id: personalId });
    expect(healthy.body.errors).toBeUndefined();
    expect(healthy.body.data!.citizen.landCertificates).not.toEqual([]);

    await proxy.cut();
    const partial = await gw.query<{ citizen: Record<string, unknown> }>(QUERY, { id: personalId });
    expect(partial.status).toBe(200);
    const citizen = partial.body.data!.citizen;
    expect(citizen.fullName).toBe(healthy.body.data!.citizen.fullName);
    expect(citizen.results).toEqual(healthy.body.data!.citizen.results);
    expect(citizen.household).toEqual(healthy.body.data!.citizen.household);
    expect(citizen.landCertificates).toBeNull();
    expect(citizen.birthRegistration).toBeNull();
    const errors = partial.body.errors ?? [];
    expect(errors.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.source]).sort()).toEqual([
      ['citizen.birthRegistration', 'SOURCE_UNAVAILABLE', 'civil'],
      ['citizen.landCertificates', 'SOURCE_UNAVAILABLE', 'land'],
    ]);
    for (const e of errors) {
      expect(e.message).toMatch(/^The (land|civil) source is unavailable$/);
      expect(typeof e.extensions?.requestId).toBe('string');
    }
    expect(partial.text).not.toMatch(/ECONN|SELECT|stack|postgres|5432|at \w+ \(/i);

    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, sources: { land: 'down', civil: 'down', population: 'up' } });

    await proxy.restore();
    let recovered: Awaited<ReturnType<typeof gw.query>> | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      recovered = await gw.query(QUERY, { id: personalId });
      if (!recovered.body.errors) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered!.body.errors).toBeUndefined();
    expect(recovered!.body.data).toEqual(healthy.body.data);
  });

  it('gives up on a source that stops answering within its deadline', async () => {
    await gw.query(QUERY, { id: personalId });
    proxy.stall();
    const started = performance.now();
    const { body } = await gw.query(QUERY, { id: personalId });
    const seconds = (performance.now() - started) / 1000;
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE', 'SOURCE_UNAVAILABLE']);
    // statement deadline 2 s (+1 s client margin); the request does not hang.
    expect(seconds).toBeLessThan(6);
    await proxy.cut();
    await proxy.restore();
  });

  it('fails each prefetched link at its own path when its source is down', async () => {
    const storage = await openStorage(
      { storage: Object.fromEntries(SOURCE_NAMES.map((s) => [s, { kind: 'postgres', url: s === 'population' ? 'postgres://postgres@127.0.0.1:1/none' : database.url }])) as never },
      { connectTimeoutSeconds: 1, statementTimeoutMs: 1_000 },
    );
    const closed = await startTestGateway('postgres', { storage });
    try {
      const { body } = await closed.query('{ results(first: 3) { edges { node { id subject { fullName } } } } }');
      const edges = (body.data as { results: { edges: Array<{ node: { id: string; subject: unknown } }> } }).results.edges;
      expect(edges.map((e) => e.node.subject)).toEqual([null, null, null]);
      expect(edges.every((e) => e.node.id)).toBe(true);
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([0, 1, 2].map((i) => [`results.edges.${i}.node.subject`, 'SOURCE_UNAVAILABLE']));
    } finally {
      await closed.close();
    }
  });

  it('reports a source on a closed port as unavailable, not as an internal error', async () => {
    const storage = await openStorage(
      { storage: Object.fromEntries(SOURCE_NAMES.map((s) => [s, { kind: 'postgres', url: s === 'records' ? 'postgres://postgres@127.0.0.1:1/none' : database.url }])) as never },
      { connectTimeoutSeconds: 1, statementTimeoutMs: 1_000 },
    );
    const closed = await startTestGateway('postgres', { storage });
    try {
      const { body } = await closed.query(QUERY, { id: personalId });
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['citizen.results', 'SOURCE_UNAVAILABLE']]);
      expect((body.data as { citizen: { fullName: string } }).citizen.fullName).toBeTruthy();
    } finally {
      await closed.close();
    }
  });
});
