/**
 * Analysts' aggregates equal a direct SQL count of the same rows, on both engines, whether the
 * rollup or the rows answer; and what leaves the gateway is protected by the small-cell rule.
 */
// The sources' GraphQL types load with their index modules; type-graphql needs this first.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCells, checkRequest } from '../../src/analytics/aggregate.service.js';
import { districtMapping } from '../../src/analytics/unit-mapping.js';
import { successorRanges } from '../../src/auth/row-scopes.js';
import { bucketOf } from '../../src/sources/records/result.scope.js';
import { createPopulationSource } from '../../src/sources/population/index.js';
import { ENGINES } from '../support/engines.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };

type Counts = Map<string, number[]>;

describe.each(ENGINES)('aggregates on %s', (engine) => {
  let gw: TestGateway;
  const deps = () => {
    const population = createPopulationSource(gw.storage.sources.population);
    return { connection: (s: keyof typeof gw.storage.sources) => gw.storage.sources[s], units: () => population.units.get(), timeoutMs: 30_000 };
  };
  /** Runs a question unprotected, as `key → […measures]`. */
  const cells = async (dataset: string, measures: string[], groupBy: string[], filter: Array<{ dimension: string; in?: string[]; min?: string; max?: string }> = []) => {
    const answer = await aggregateCells(checkRequest({ dataset, measures, groupBy, filter }), deps());
    const out: Counts = new Map(answer.cells.map((c) => [c.key.join('|'), [...c.values]]));
    return { out, total: [...answer.total.values], rollup: answer.rollup };
  };
  /** A direct SQL grouping, as `key → […measures]`. */
  const direct = async (source: keyof TestGateway['storage']['sources'], sql: string, params: unknown[] = []): Promise<Counts> => {
    const rows = await gw.storage.sources[source].query<Record<string, unknown>>(sql, params);
    return new Map(rows.map((r) => [String(r.k), Object.keys(r).filter((c) => c !== 'k').map((c) => Number(r[c]))]));
  };
  const sum = (counts: Counts, i = 0) => [...counts.values()].reduce((a, v) => a + (v[i] ?? 0), 0);

  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('results by former district, domain and year: the rollup answers, equal to the rows', async () => {
    const units = await deps().units();
    const mapping = districtMapping(units);
    const { out, total, rollup } = await cells('RESULTS', ['COUNT', 'PAGES', 'FILES'], ['ISSUING_DISTRICT', 'DOMAIN', 'YEAR']);
    expect(rollup).toBe(true);
    const expected = await direct(
      'records',
      `SELECT coalesce(m.district, 'UNKNOWN') || '|' || p.domain || '|' || extract(year FROM r.issued_on)::int AS k,
              count(*) AS n, sum(r.page_count) AS pages, sum((SELECT count(*) FROM records.documents d WHERE d.result_id = r.id)) AS files
         FROM records.results r JOIN records.procedures p ON p.code = r.procedure_code
         LEFT JOIN unnest($1::text[], $2::text[]) AS m(code, district) ON m.code = r.issuing_unit_code
        GROUP BY 1`,
      [mapping.codes, mapping.districts],
    );
    expect(out).toEqual(expected);
    expect(total).toEqual([sum(expected, 0), sum(expected, 1), sum(expected, 2)]);
    expect(out.size).toBeGreaterThan(20);
  });

  it("results by today's unit and month: the rows answer, each split unit shared out by subject", async () => {
    const units = await deps().units();
    const { out, total, rollup } = await cells('RESULTS', ['COUNT'], ['TODAYS_UNIT', 'MONTH'], [{ dimension: 'YEAR', min: '2015', max: '2016' }]);
    expect(rollup).toBe(false);
    // The same allocation computed here, row by row, from the lineage.
    const rows = await gw.storage.sources.records.query<{ unit: string; subject: string; month: string }>(
      `SELECT issuing_unit_code AS unit, subject_personal_id AS subject, to_char(issued_on, 'YYYY-MM') AS month FROM records.results WHERE issued_on BETWEEN '2015-01-01' AND '2016-12-31'`,
    );
    const expected: Counts = new Map();
    for (const row of rows) {
      const bucket = (Number(row.subject.slice(6, 12)) * 7919) % 10_000;
      const today = successorRanges(units, row.unit).find((r) => bucket >= r.from && bucket < r.to)?.today ?? 'UNKNOWN';
      const key = `${today}|${row.month}`;
      expected.set(key, [(expected.get(key)?.[0] ?? 0) + 1]);
    }
    expect(out).toEqual(expected);
    expect(total[0]).toBe(rows.length);
    expect([...out.keys()].every((k) => k.startsWith('HN.'))).toBe(true);
  });

  it('computes the allocation bucket of any personal ID without overflowing (serials up to 999999)', async () => {
    const ids = ['001079000262', '001180271181', '001299999999'];
    const rows = await gw.storage.sources.records.query<{ b: number }>(`SELECT ${bucketOf('x.id')} AS b FROM unnest($1::text[]) WITH ORDINALITY AS x(id, n) ORDER BY n`, [ids]);
    expect(rows.map((r) => Number(r.b))).toEqual(ids.map((id) => (Number(id.slice(6)) * 7919) % 10_000));
  });

  it('runs an analytic statement under its own deadline and planner settings, for that statement only', async () => {
    const records = gw.storage.sources.records;
    if (engine === 'pglite') {
      // One process, no JIT, no deadline inside PGlite: the options are accepted and change nothing.
      expect(await records.query('SELECT 1 AS one', [], { analytic: true, timeoutMs: 50 })).toEqual([{ one: 1 }]);
      return;
    }
    const settings = "SELECT current_setting('statement_timeout') AS timeout, current_setting('jit') AS jit";
    const [before] = await records.query<{ timeout: string; jit: string }>(settings);
    const [inside] = await records.query<{ jit: string; timeout: string }>(settings, [], { analytic: true, timeoutMs: 45_000 });
    expect(inside).toEqual({ jit: 'off', timeout: '45s' });
    const [after] = await records.query<{ timeout: string }>("SELECT current_setting('statement_timeout') AS timeout");
    expect(after!.timeout).toBe('5s');
    await expect(records.query('SELECT pg_sleep(0.5)', [], { analytic: true, timeoutMs: 50 })).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    await expect(records.query('SELECT 1 / (random() < 2)::int - 1 / 0 AS boom', [], { analytic: true, timeoutMs: 45_000 })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    // Every connection of the pool went back clean: no transaction left open, no setting kept.
    const afterFailures = await Promise.all(Array.from({ length: 8 }, () => records.query<{ timeout: string; jit: string }>(settings)));
    expect(afterFailures.map(([row]) => row)).toEqual(Array.from({ length: 8 }, () => before));
  });

  it('citizens by ward, sex and age band', async () => {
    const { out } = await cells('CITIZENS', ['COUNT'], ['WARD', 'SEX', 'AGE_BAND'], [{ dimension: 'VITAL_STATUS', in: ['ALIVE'] }]);
    const age = `date_part('year', age(current_date, date_of_birth))::int`;
    const expected = await direct(
      'population',
      `SELECT current_ward_code || '|' || sex || '|' || CASE WHEN ${age} >= 80 THEN '80+' ELSE lpad((${age} / 10 * 10)::text, 2, '0') || '-' || lpad((${age} / 10 * 10 + 9)::text, 2, '0') END AS k, count(*) AS n
         FROM population.citizens WHERE alive GROUP BY 1`,
    );
    expect(out).toEqual(expected);
  });

  it('civil registrations by kind and decade-filtered year, land by ward and use with area, businesses by status', async () => {
    const civil = await cells('CIVIL_REGISTRATIONS', ['COUNT'], ['KIND', 'YEAR'], [{ dimension: 'YEAR', min: '1990', max: '1999' }]);
    const civilExpected = await direct(
      'civil',
      `SELECT k, count(*) AS n FROM (
         SELECT 'BIRTH|' || to_char(registered_on, 'YYYY') AS k, registered_on FROM civil.births
         UNION ALL SELECT 'MARRIAGE|' || to_char(registered_on, 'YYYY'), registered_on FROM civil.marriages
         UNION ALL SELECT 'DEATH|' || to_char(registered_on, 'YYYY'), registered_on FROM civil.deaths) x
        WHERE registered_on BETWEEN '1990-01-01' AND '1999-12-31' GROUP BY k`,
    );
    expect(civil.out).toEqual(civilExpected);
    const land = await cells('LAND_CERTIFICATES', ['COUNT', 'AREA_M2'], ['WARD', 'LAND_USE']);
    expect(land.out).toEqual(await direct('land', `SELECT ward_code || '|' || land_use AS k, count(*) AS n, sum(area_m2) AS a FROM land.certificates GROUP BY 1`));
    const business = await cells('HOUSEHOLD_BUSINESSES', ['COUNT'], ['STATUS']);
    expect(business.out).toEqual(await direct('business', `SELECT status::text AS k, count(*) AS n FROM business.household_businesses GROUP BY 1`));
  });

  it('as an analyst over HTTP: small cells suppressed, no line left with a single suppressed cell, totals kept when safe', async () => {
    const { body } = await gw.query<{ aggregate: Table }>(
      `{ aggregate(dataset: CITIZENS, measures: [COUNT], groupBy: [WARD, ETHNICITY_GROUP, BIRTH_DECADE]) { minCellCount answeredFrom cells { key labels count values status } total { count status } } }`,
      {},
      ANALYST,
    );
    expect(body.errors).toBeUndefined();
    const table = body.data!.aggregate;
    expect(table.minCellCount).toBe(10);
    const truth = await direct('population', `SELECT current_ward_code || '|' || CASE WHEN ethnicity = 'Kinh' THEN 'KINH' ELSE 'MINORITY' END || '|' || (extract(year FROM date_of_birth)::int / 10 * 10)::text || 's' AS k, count(*) AS n FROM population.citizens GROUP BY 1`);
    for (const cell of table.cells) {
      const count = truth.get(cell.key.join('|'))![0]!;
      if (cell.status === 'SHOWN') expect(cell.count).toBe(count);
      else expect(cell.count).toBeNull();
      if (cell.status === 'PRIMARY') expect(count).toBeLessThan(10);
      if (cell.status !== 'PRIMARY') expect(count).toBeGreaterThanOrEqual(10);
    }
    expect(table.cells.some((c) => c.status === 'PRIMARY')).toBe(true);
    for (const dimension of [0, 1, 2]) {
      const lines = new Map<string, Cell[]>();
      for (const cell of table.cells) {
        const rest = cell.key.filter((_, i) => i !== dimension).join('|');
        lines.set(rest, [...(lines.get(rest) ?? []), cell]);
      }
      for (const line of lines.values()) if (line.length > 1) expect(line.filter((c) => c.status !== 'SHOWN').length).not.toBe(1);
    }
    expect(table.total).toEqual({ count: sum(truth), status: 'SHOWN' });
    expect(table.cells[0]!.labels[0]).toMatch(/^Phường /);
  });

  it('refuses what the dataset does not declare, with a coded error and no query', async () => {
    gw.resetStatements();
    for (const [q, argument] of [
      ['{ aggregate(dataset: CITIZENS, measures: [PAGES]) { total { count } } }', 'measures'],
      ['{ aggregate(dataset: RESULTS, measures: [COUNT], groupBy: [SEX]) { total { count } } }', 'groupBy'],
      ['{ aggregate(dataset: RESULTS, measures: [COUNT], filter: [{ dimension: STATUS, min: "A" }]) { total { count } } }', 'filter'],
      ['{ aggregate(dataset: RESULTS, measures: [COUNT], groupBy: [YEAR, YEAR]) { total { count } } }', 'groupBy'],
      ['{ aggregate(dataset: RESULTS, measures: []) { total { count } } }', 'measures'],
    ] as const) {
      const { body } = await gw.query(q, {}, ANALYST);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    expect(gw.statements.records + gw.statements.population).toBe(0);
  });
});

interface Cell {
  key: string[];
  labels: Array<string | null>;
  count: number | null;
  values: Array<number | null>;
  status: string;
}
interface Table {
  minCellCount: number;
  answeredFrom: string;
  cells: Cell[];
  total: { count: number | null; status: string };
}
