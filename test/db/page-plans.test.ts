/**
 * The plans PostgreSQL gives the page statements, as the gateway's connections run them: every
 * statement prepared, planned once per connection (`force_generic_plan`) unless it asks to be
 * planned for its values (QueryOptions.customPlan). A page must never walk the primary key and
 * filter: when the filter matches little (a unit with no results, a recent day, row rules that
 * keep one unit) that walk reads the whole table. The statements are the repositories' own,
 * captured on their way to the database, prepared and explained on the same demo database.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Storage, type SourceConnection, openStorage } from '../../src/db/index.js';
import type { QueryOptions } from '../../src/db/storage.js';
import { RecordsRepository, planResults } from '../../src/sources/records/records.repository.js';
import type { ResultScope } from '../../src/sources/records/result.scope.js';
import { PopulationRepository, planCitizens } from '../../src/sources/population/population.repository.js';
import type { CitizenScope } from '../../src/sources/population/citizen.scope.js';
import { allSources, clonePostgresDatabase } from '../support/engines.js';

interface Sent {
  text: string;
  params: readonly unknown[];
  options: QueryOptions;
}

/** A parameter as a SQL literal for EXECUTE (its type is the prepared statement's). */
function literal(value: unknown): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) return quote(`{${value.map((v) => `"${String(v).replaceAll('"', '\\"')}"`).join(',')}}`);
  return quote(String(value));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

describe('page statements on postgres', () => {
  let database: Awaited<ReturnType<typeof clonePostgresDatabase>>;
  let storage: Storage;
  let admin: postgres.Sql;
  const sent: Sent[] = [];
  let repository: RecordsRepository;
  let population: PopulationRepository;
  const plan = planResults({ result: ['id', 'dossierCode', 'subjectPersonalId', 'issuedOn'], procedure: null, documents: ['fileName'] });

  beforeAll(async () => {
    database = await clonePostgresDatabase('seeded');
    storage = await openStorage(allSources({ kind: 'postgres', url: database.url }), {});
    const capturing = (real: SourceConnection): SourceConnection => ({
      ...real,
      query: (text, params = [], options = {}) => {
        sent.push({ text, params, options });
        return real.query(text, params, options);
      },
    });
    repository = new RecordsRepository(capturing(storage.sources.records));
    population = new PopulationRepository(capturing(storage.sources.population));
    admin = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await storage?.close();
    await database?.drop();
  });

  /** The plan of the page statement last sent, as the gateway's connection would run it. */
  async function planOfLastPage(table: string): Promise<{ scans: PlanNode[]; custom: boolean }> {
    const last = sent.at(-1) as Sent;
    const custom = last.options.customPlan === true;
    await admin.unsafe(`SET plan_cache_mode = ${custom ? 'force_custom_plan' : 'force_generic_plan'}`);
    await admin.unsafe(`PREPARE page AS ${last.text}`);
    try {
      const [row] = await admin.unsafe(`EXPLAIN (FORMAT JSON) EXECUTE page(${last.params.map(literal).join(', ')})`);
      const root = (row as unknown as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
      return { scans: [...nodes(root)].filter((n) => n['Relation Name'] === table), custom };
    } finally {
      await admin.unsafe('DEALLOCATE page');
    }
  }

  const cases: ReadonlyArray<{ name: string; filter: Parameters<RecordsRepository['resultsPage']>[1]; scope?: ResultScope; custom: boolean }> = [
    { name: 'a unit with no results', filter: { issuingUnitCode: 'HN.NOWHERE' }, custom: false },
    { name: 'a busy unit', filter: { issuingUnitCode: 'HBT.BACHMAI' }, custom: false },
    { name: 'a procedure', filter: { procedureCode: 'KD-D-01' }, custom: false },
    { name: 'results issued since a day no result was issued after', filter: { issuedFrom: '2099-01-01' }, custom: true },
    { name: 'row rules keeping one unit, no filter', filter: {}, scope: { units: { whole: ['HN.NOWHERE'], parts: [] } }, custom: true },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('reads %s without walking the primary key', async (_, c) => {
    const rows = await repository.resultsPage(plan, c.filter, null, 51, c.scope ?? null);
    expect(rows.length).toBeLessThanOrEqual(51);
    await expectNoKeyWalk('results', 'results_pkey', c.custom);
  });

  const citizenCases: ReadonlyArray<{ name: string; filter: Parameters<PopulationRepository['citizensPage']>[1]; scope?: CitizenScope; custom: boolean }> = [
    { name: 'a ward nobody lives in', filter: { currentWardCode: 'HN.NOWHERE' }, custom: false },
    // (Dates of birth have no index: planned for their values, a page of them reads the table or
    // walks the key, whichever the values make cheaper; nothing to check here.)
    { name: 'row rules keeping one ward, no filter', filter: {}, scope: { wards: ['HN.NOWHERE'] }, custom: true },
  ];

  it.each(citizenCases.map((c) => [c.name, c] as const))('reads citizens of %s without walking the primary key', async (_, c) => {
    const scope = c.scope ?? null;
    const rows = await population.citizensPage(planCitizens({ citizen: ['personalId', 'fullName'], household: null }, scope?.wards ? 'W' : ''), c.filter, null, 51, scope);
    expect(rows.length).toBeLessThanOrEqual(51);
    await expectNoKeyWalk('citizens', 'citizens_pkey', c.custom);
  });

  async function expectNoKeyWalk(table: string, primaryKey: string, expectCustom: boolean): Promise<void> {
    const { scans, custom } = await planOfLastPage(table);
    expect(custom).toBe(expectCustom);
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan['Node Type']).not.toBe('Seq Scan');
      // The primary key in key order, filtering as it goes: the walk this guards against.
      expect(scan['Index Name'] === primaryKey && scan.Filter !== undefined).toBe(false);
    }
  }
});
