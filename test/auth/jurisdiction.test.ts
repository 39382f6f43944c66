/**
 * Jurisdiction in today's units, resolved through the unit lineage and pushed into SQL: a ward's
 * officers see what its predecessor wards issued and their share of what split units (the
 * abolished district, wards split in 2020 and 2025) issued; every result belongs to exactly one
 * of today's wards. Run on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const WARDS = ['HAIBATRUNG', 'BACHMAI', 'VINHTUY', 'HONGHA', 'TUONGMAI', 'CUANAM'];
const wardOfficer = (ward: string, unit: string | null = `HN.${ward}`): Caller => ({ agency: `UBND.${ward}`, role: 'partner', ...(unit ? { unit } : {}), purpose: 'CIVIL_STATUS_VERIFICATION' });
const PAGE = `query($after: String) { results(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id issuingUnit { code todaysUnits { unit { code } } } } } } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; issuingUnit: { code: string; todaysUnits: Array<{ unit: { code: string } }> } } }>;
}

describe.each(ENGINES)('jurisdiction on %s', (engine) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('shares every civil-status result out to exactly one of today’s wards, through the lineage', async () => {
    const all = await gw.query('{ c: results(filter: { domain: "CIVIL_STATUS" }) { totalCount } k: results(filter: { domain: "CERTIFICATION" }) { totalCount } }');
    const data = all.body.data as Record<string, { totalCount: number }>;
    const total = data.c!.totalCount + data.k!.totalCount;
    const seenBy = new Map<string, string>();
    const splitSeenBy = new Set<string>();
    for (const ward of WARDS) {
      let after: string | null = null;
      let count = -1;
      do {
        const { body } = await gw.query(PAGE, { after }, wardOfficer(ward));
        expect(body.errors).toBeUndefined();
        const page = body.data?.results as Page;
        count = page.totalCount;
        for (const { node } of page.edges) {
          // Never a result of a unit that gave this ward nothing.
          expect(node.issuingUnit.todaysUnits.map((t) => t.unit.code)).toContain(`HN.${ward}`);
          expect(seenBy.get(node.id)).toBeUndefined();
          seenBy.set(node.id, ward);
          if (node.issuingUnit.todaysUnits.length > 1) splitSeenBy.add(`${node.issuingUnit.code}>${ward}`);
        }
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect([...seenBy.values()].filter((w) => w === ward)).toHaveLength(count);
    }
    expect(seenBy.size).toBe(total);
    // The abolished district's results went to several of today's wards, not to one.
    expect([...splitSeenBy].filter((s) => s.startsWith('HN.HBT>')).length).toBeGreaterThan(1);
  });

  it('shows an officer whose token names no unit nothing at all', async () => {
    const { body } = await gw.query('{ results { totalCount edges { node { id } } } }', {}, wardOfficer('BACHMAI', null));
    expect(body.data?.results).toEqual({ totalCount: 0, edges: [] });
  });

  it('keeps the police to residents of the former district’s area', async () => {
    const police: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'PUBLIC_ORDER' };
    const all = await gw.query('{ citizens(first: 100, filter: { currentWardCode: "HN.CUANAM" }) { edges { node { personalId } } } }');
    const outside = (all.body.data?.citizens as { edges: Array<{ node: { personalId: string } }> }).edges[0]!.node.personalId;
    const { body } = await gw.query(`{ citizen(personalId: "${outside}") { fullName } citizens(filter: { currentWardCode: "HN.CUANAM" }) { totalCount } }`, {}, police);
    expect(body.data).toEqual({ citizen: null, citizens: { totalCount: 0 } });
    const inside = await gw.query('{ citizens(first: 5) { totalCount edges { node { currentWard { code } } } } }', {}, police);
    const page = inside.body.data?.citizens as { totalCount: number; edges: Array<{ node: { currentWard: { code: string } } }> };
    expect(page.totalCount).toBeGreaterThan(0);
    for (const e of page.edges) expect(e.node.currentWard.code).not.toBe('HN.CUANAM');
  });
});
