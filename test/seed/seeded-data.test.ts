/**
 * Properties of the demo data as loaded, checked with SQL on each engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/index.js';
import { personalIdMatches } from '../../src/lib/personal-id.js';
import { planFor } from '../../src/seed/plan.js';
import { resultTotals } from '../../src/seed/seed.js';
import { ENGINES, openTestStorage } from '../support/engines.js';

describe.each(ENGINES)('demo data on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openTestStorage(engine);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const q = <T extends Record<string, unknown>>(source: keyof Storage['sources'], text: string, params: unknown[] = []) =>
    storage.sources[source].query<T>(text, params);

  it('holds exactly the planned record files and pages per level', async () => {
    const plan = planFor('demo').districts[0]!.totals;
    expect(await resultTotals(storage)).toEqual([
      { level: 'DISTRICT', files: plan.districtFiles, pages: plan.districtPages },
      { level: 'WARD', files: plan.wardFiles, pages: plan.wardPages },
    ]);
    const [sums] = await q<{ results: number; files: number }>(
      'records',
      'SELECT (SELECT sum(page_count) FROM records.results)::int AS results, (SELECT sum(page_count) FROM records.documents)::int AS files',
    );
    expect(sums!.files).toBe(sums!.results);
  }, 30_000);

  it('gives every citizen a valid 12-digit personal ID consistent with sex and birth year', async () => {
    const rows = await q<{ personal_id: string; sex: 'MALE' | 'FEMALE'; year: number }>(
      'population',
      'SELECT personal_id, sex::text AS sex, extract(year FROM date_of_birth)::int AS year FROM population.citizens',
    );
    expect(rows.length).toBeGreaterThan(20_000);
    const bad = rows.filter((r) => !personalIdMatches(r.personal_id, r.sex, r.year));
    expect(bad).toEqual([]);
  });

  it('keeps family relations consistent', async () => {
    const broken = await q<{ problem: string; n: number }>(
      'population',
      `SELECT 'father not male or too young' AS problem, count(*)::int AS n FROM population.citizens c JOIN population.citizens f ON f.personal_id = c.father_id
         WHERE f.sex <> 'MALE' OR f.date_of_birth > c.date_of_birth - interval '15 years'
       UNION ALL
       SELECT 'mother not female or too young', count(*)::int FROM population.citizens c JOIN population.citizens m ON m.personal_id = c.mother_id
         WHERE m.sex <> 'FEMALE' OR m.date_of_birth > c.date_of_birth - interval '15 years'
       UNION ALL
       SELECT 'spouse not mutual', count(*)::int FROM population.citizens c LEFT JOIN population.citizens s ON s.personal_id = c.spouse_id
         WHERE c.spouse_id IS NOT NULL AND (s.spouse_id IS DISTINCT FROM c.personal_id)
       UNION ALL
       SELECT 'dangling parent', count(*)::int FROM population.citizens c
         WHERE (c.father_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM population.citizens f WHERE f.personal_id = c.father_id))
            OR (c.mother_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM population.citizens m WHERE m.personal_id = c.mother_id))
       UNION ALL
       SELECT 'household head not a member', count(*)::int FROM population.households h
         WHERE NOT EXISTS (SELECT 1 FROM population.citizens c WHERE c.personal_id = h.head_personal_id AND c.household_id = h.id)`,
    );
    expect(broken.filter((b) => b.n > 0)).toEqual([]);
    const [row] = await q<{ children: number }>('population', 'SELECT count(*)::int AS children FROM population.citizens WHERE father_id IS NOT NULL');
    const children = row!.children;
    expect(children).toBeGreaterThan(5_000);
  });

  it('issues every result by a unit in force on its day of issue, at the procedure level', async () => {
    const units = await q<{ code: string; level: string; valid_from: string; valid_to: string | null }>(
      'population',
      'SELECT code, level::text AS level, valid_from, valid_to FROM population.units',
    );
    const byCode = new Map(units.map((u) => [u.code, u]));
    const issued = await q<{ issuing_unit_code: string; level: string; first: string; last: string }>(
      'records',
      `SELECT r.issuing_unit_code, p.level::text AS level, min(r.issued_on) AS first, max(r.issued_on) AS last
         FROM records.results r JOIN records.procedures p ON p.code = r.procedure_code GROUP BY 1, 2`,
    );
    expect(issued.length).toBeGreaterThan(3);
    for (const row of issued) {
      const unit = byCode.get(row.issuing_unit_code);
      expect(unit, row.issuing_unit_code).toBeDefined();
      expect(unit!.level).toBe(row.level);
      expect(row.first >= unit!.valid_from).toBe(true);
      if (unit!.valid_to) expect(row.last <= unit!.valid_to).toBe(true);
    }
    // Pre-2020 wards appear, so the lineage is exercised.
    expect(issued.some((r) => r.issuing_unit_code === 'HBT.BUITHIXUAN')).toBe(true);
  });

  it('registers civil status with units in force on the day of registration', async () => {
    const rows = await q<{ n: number }>(
      'civil',
      `SELECT count(*)::int AS n FROM (
         SELECT registering_unit_code AS unit, registered_on AS day FROM civil.births
         UNION ALL SELECT registering_unit_code, registered_on FROM civil.marriages
         UNION ALL SELECT registering_unit_code, registered_on FROM civil.deaths) r
       LEFT JOIN population.units u ON u.code = r.unit
       WHERE u.code IS NULL OR r.day < u.valid_from OR (u.valid_to IS NOT NULL AND r.day > u.valid_to)`,
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('leads every unit of every period to a unit in force today through the lineage', async () => {
    const units = await q<{ code: string; valid_to: string | null }>('population', 'SELECT code, valid_to FROM population.units');
    const edges = await q<{ predecessor_code: string; successor_code: string; share: string }>(
      'population',
      'SELECT predecessor_code, successor_code, share FROM population.unit_lineage',
    );
    const today = new Set(units.filter((u) => u.valid_to === null).map((u) => u.code));
    const next = new Map<string, string[]>();
    for (const e of edges) next.set(e.predecessor_code, [...(next.get(e.predecessor_code) ?? []), e.successor_code]);
    const reachesToday = (code: string, seen = new Set<string>()): boolean =>
      today.has(code) || (!seen.has(code) && (next.get(code) ?? []).some((s) => reachesToday(s, new Set([...seen, code]))));
    for (const unit of units) expect(reachesToday(unit.code), unit.code).toBe(true);
    // Each predecessor's shares on one date add up to 1.
    const sums = new Map<string, number>();
    for (const e of edges) sums.set(e.predecessor_code, (sums.get(e.predecessor_code) ?? 0) + Number(e.share));
    for (const [code, sum] of sums) expect(sum, code).toBeCloseTo(1, 4);
  });

  it('links the specialist sources to real citizens, and residences to units of today', async () => {
    const ids = new Set((await q<{ id: string }>('population', 'SELECT personal_id AS id FROM population.citizens')).map((r) => r.id));
    const referenced = [
      ...(await q<{ id: string }>('records', 'SELECT DISTINCT subject_personal_id AS id FROM records.results')),
      ...(await q<{ id: string }>('civil', 'SELECT child_personal_id AS id FROM civil.births UNION SELECT husband_personal_id FROM civil.marriages UNION SELECT wife_personal_id FROM civil.marriages UNION SELECT deceased_personal_id FROM civil.deaths')),
      ...(await q<{ id: string }>('land', 'SELECT DISTINCT owner_personal_id AS id FROM land.certificate_owners')),
      ...(await q<{ id: string }>('business', 'SELECT owner_personal_id AS id FROM business.household_businesses')),
    ];
    expect(referenced.length).toBeGreaterThan(30_000);
    expect(referenced.filter((r) => !ids.has(r.id))).toEqual([]);
    const [inForce] = await q<{ n: number }>(
      'population',
      `SELECT count(*)::int AS n FROM population.citizens c JOIN population.units u ON u.code = c.current_ward_code WHERE u.valid_to IS NULL`,
    );
    expect(inForce!.n).toBe(ids.size);
  });

  it('has plausible statuses and digitization dates', async () => {
    const statuses = await q<{ status: string; n: number }>('records', 'SELECT status::text AS status, count(*)::int AS n FROM records.results GROUP BY 1');
    expect(statuses.map((s) => s.status).sort()).toEqual(['EXPIRED', 'REVOKED', 'SUPERSEDED', 'VALID']);
    const [range] = await q<{ first: string; last: string; before: number }>(
      'records',
      "SELECT min(digitized_on) AS first, max(digitized_on) AS last, count(*) FILTER (WHERE digitized_on < issued_on)::int AS before FROM records.results",
    );
    expect(range).toMatchObject({ before: 0 });
    expect(range!.first >= '2022-03-01' && range!.last <= '2024-12-31').toBe(true);
  });
});

describe('both engines', () => {
  it('hold the same demo data, row for row', async () => {
    const tables = ['population.citizens', 'population.households', 'records.results', 'records.documents', 'civil.births', 'civil.marriages', 'land.certificates', 'business.household_businesses'];
    const checksums = async (engine: (typeof ENGINES)[number]) => {
      const storage = await openTestStorage(engine);
      try {
        return await Promise.all(
          tables.map(async (table) => {
            const [row] = await storage.sources.population.query<{ sum: string }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM ${table} t`);
            return [table, row!.sum];
          }),
        );
      } finally {
        await storage.close();
      }
    };
    expect(await checksums('pglite')).toEqual(await checksums('postgres'));
  }, 60_000);
});

describe('seeding sources that hold data', () => {
  it('is refused with ALREADY_SEEDED and changes nothing', async () => {
    const { seed } = await import('../../src/seed/seed.js');
    const storage = await openTestStorage('pglite');
    try {
      const before = await storage.sources.population.query('SELECT count(*)::int AS n FROM population.citizens');
      await expect(seed(storage, planFor('demo'))).rejects.toMatchObject({ code: 'ALREADY_SEEDED' });
      expect(await storage.sources.population.query('SELECT count(*)::int AS n FROM population.citizens')).toEqual(before);
    } finally {
      await storage.close();
    }
  });
});
