/**
 * Digitization progress follows the published arithmetic: per unit and level, the results of the
 * campaign (issued before 2022), those digitized by 31 December, the rate, the year's target; the
 * totals reproduce the seeded (published, scaled) figures. Run on both engines.
 */
// The sources' GraphQL types load with their index modules; type-graphql needs this first.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digitizationTarget } from '../../src/analytics/digitization.js';
import { planFor } from '../../src/seed/plan.js';
import { ENGINES } from '../support/engines.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const REPORT = `query($year: Int!, $units: DigitizationUnits, $level: DigitizationLevel) {
  digitizationProgress(year: $year, units: $units, level: $level) {
    year units
    rows { unitCode unitName level results digitized pagesDigitized filesDigitized rate target onTrack }
    totals { unitCode level results digitized pagesDigitized filesDigitized rate target onTrack }
  }
}`;

interface Row {
  unitCode: string | null;
  unitName: string | null;
  level: 'DISTRICT' | 'WARD';
  results: number;
  digitized: number;
  pagesDigitized: number;
  filesDigitized: number;
  rate: number;
  target: number | null;
  onTrack: boolean | null;
}
interface Report {
  year: number;
  units: string;
  rows: Row[];
  totals: Row[];
}

describe('digitization targets', () => {
  it('are 30% (district) and 25% (ward) in 2022, 25 points more a year, 100% from 2024, none before 2022', () => {
    expect([2021, 2022, 2023, 2024, 2025].map((y) => digitizationTarget('DISTRICT', y))).toEqual([null, 30, 55, 100, 100]);
    expect([2021, 2022, 2023, 2024, 2025].map((y) => digitizationTarget('WARD', y))).toEqual([null, 25, 50, 100, 100]);
  });
});

describe.each(ENGINES)('digitizationProgress on %s', (engine) => {
  let gw: TestGateway;
  const report = async (variables: Record<string, unknown>): Promise<Report> => {
    const { body } = await gw.query<{ digitizationProgress: Report }>(REPORT, variables, ANALYST);
    expect(body.errors).toBeUndefined();
    return body.data!.digitizationProgress;
  };
  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('per issuing unit and level, equals the arithmetic on the rows', async () => {
    const got = await report({ year: 2023 });
    const rows = await gw.storage.sources.records.query<{ unit: string; level: string; results: number; digitized: number; pages: number; files: number }>(
      `SELECT r.issuing_unit_code AS unit, p.level::text AS level, count(*)::int AS results,
              count(*) FILTER (WHERE r.digitized_on <= '2023-12-31')::int AS digitized,
              coalesce(sum(r.page_count) FILTER (WHERE r.digitized_on <= '2023-12-31'), 0)::int AS pages,
              coalesce(sum((SELECT count(*) FROM records.documents d WHERE d.result_id = r.id)) FILTER (WHERE r.digitized_on <= '2023-12-31'), 0)::int AS files
         FROM records.results r JOIN records.procedures p ON p.code = r.procedure_code
        WHERE r.issued_on < '2022-01-01' AND p.level IN ('DISTRICT', 'WARD')
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(got.rows.map((r) => [r.unitCode, r.level, r.results, r.digitized, r.pagesDigitized, r.filesDigitized])).toEqual(
      rows.map((r) => [r.unit, r.level, r.results, r.digitized, r.pages, r.files]),
    );
    for (const row of got.rows) {
      expect(row.rate).toBeCloseTo((100 * row.digitized) / row.results, 2);
      expect(row.target).toBe(row.level === 'DISTRICT' ? 55 : 50);
      expect(row.onTrack).toBe(row.rate >= row.target!);
      expect(row.unitName).toBeTruthy();
    }
  });

  it('totals reproduce the seeded figures (the published ones, scaled), 100% digitized by the end of 2024 and on track each year', async () => {
    const published = planFor('demo').districts[0]!.totals;
    const end = await report({ year: 2024, units: 'ISSUING_DISTRICT' });
    const byLevel = Object.fromEntries(end.totals.map((t) => [t.level, t]));
    expect(byLevel.DISTRICT).toMatchObject({ results: published.districtFiles, digitized: published.districtFiles, pagesDigitized: published.districtPages, rate: 100, target: 100, onTrack: true });
    expect(byLevel.WARD).toMatchObject({ results: published.wardFiles, digitized: published.wardFiles, pagesDigitized: published.wardPages, rate: 100, target: 100, onTrack: true });
    // The abolished district is the one former district of every result here.
    expect(end.rows.map((r) => [r.unitCode, r.level])).toEqual([
      ['HN.HBT', 'DISTRICT'],
      ['HN.HBT', 'WARD'],
    ]);
    for (const year of [2022, 2023]) {
      const { totals } = await report({ year });
      for (const t of totals) expect(t.onTrack).toBe(true);
    }
    const before = await report({ year: 2021 });
    expect(before.totals.every((t) => t.digitized === 0 && t.target === null && t.onTrack === null)).toBe(true);
  });

  it("by today's units, the same totals shared out through the lineage", async () => {
    const issued = await report({ year: 2023, level: 'WARD' });
    const today = await report({ year: 2023, units: 'TODAYS_UNIT', level: 'WARD' });
    expect(today.totals).toEqual(issued.totals);
    expect(today.rows.reduce((a, r) => a + r.results, 0)).toBe(issued.totals[0]!.results);
    expect(today.rows.every((r) => r.unitCode!.startsWith('HN.') && r.level === 'WARD')).toBe(true);
  });
});
