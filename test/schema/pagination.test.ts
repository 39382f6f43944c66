/** Keyset pagination is stable and complete: walking every page yields each row exactly once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

interface Page {
  edges: Array<{ cursor: string; node: { id?: string; personalId?: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

describe.each(ENGINES)('pagination on %s', (engine) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('walks every page of a results filter once, in id order, matching SQL', async () => {
    const filter = { issuingUnitCode: 'HBT.BACHDANG', status: 'VALID' };
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 100; guard++) {
      const { body }: { body: { data?: { results: Page } | null; errors?: unknown[] } } = await gw.query<{ results: Page }>(
        'query($f: ResultFilter, $after: String) { results(first: 100, filter: $f, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { f: filter, after },
      );
      expect(body.errors).toBeUndefined();
      const page: Page = body.data!.results;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id as string));
      if (!page.pageInfo.hasNextPage) {
        expect(page.edges.length).toBeLessThanOrEqual(100);
        break;
      }
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]!.cursor);
      after = page.pageInfo.endCursor;
    }
    const expected = await gw.storage.sources.records.query<{ id: number }>(
      "SELECT id FROM records.results WHERE issuing_unit_code = 'HBT.BACHDANG' AND status = 'VALID' ORDER BY id",
    );
    expect(expected.length).toBeGreaterThan(300);
    expect(seen).toEqual(expected.map((r) => String(r.id)));
    expect(total).toBe(expected.length);
  });

  it('walks citizens of a ward in personal-ID order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 500; guard++) {
      const { body }: { body: { data?: { citizens: Page } | null } } = await gw.query<{ citizens: Page }>(
        'query($after: String) { citizens(first: 100, after: $after, filter: { currentWardCode: "HN.HONGHA", alive: true }) { edges { node { personalId } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page: Page = body.data!.citizens;
      seen.push(...page.edges.map((e) => e.node.personalId as string));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = await gw.storage.sources.population.query<{ id: string }>(
      "SELECT personal_id AS id FROM population.citizens WHERE current_ward_code = 'HN.HONGHA' AND alive ORDER BY personal_id",
    );
    expect(expected.length).toBeGreaterThan(1000);
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('answers an empty page with no cursor', async () => {
    const { body } = await gw.query<{ results: Page }>('{ results(filter: { issuingUnitCode: "NOWHERE" }) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }');
    expect(body.data!.results).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});
