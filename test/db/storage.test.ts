import { afterEach, describe, expect, it } from 'vitest';
import { SOURCE_NAMES } from '../../src/config/index.js';
import { type Storage, migrateAll } from '../../src/db/index.js';
import { ENGINES, openTestStorage } from '../support/engines.js';

const EXPECTED_TABLES = {
  population: ['citizens', 'households', 'unit_lineage', 'units'],
  records: ['documents', 'procedures', 'results'],
  civil: ['births', 'deaths', 'marriages'],
  land: ['certificate_owners', 'certificates'],
  business: ['household_businesses'],
  gateway: ['access_log', 'access_log_checkpoints', 'access_log_field_sets', 'agencies', 'trusted_documents'],
};

describe.each(ENGINES)('storage on %s', (engine) => {
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('applies every source migration to an empty database, and again without change', async () => {
    storage = await openTestStorage(engine, { state: 'empty' });
    await migrateAll(storage);
    const tables = async () =>
      Object.fromEntries(
        await Promise.all(
          SOURCE_NAMES.map(async (source) => {
            const rows = await storage!.sources[source].query<{ table_name: string }>(
              'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
              [source],
            );
            return [source, rows.map((r) => r.table_name)];
          }),
        ),
      );
    expect(await tables()).toEqual(EXPECTED_TABLES);
    const applied = await storage.sources.gateway.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.migrations_records');
    await migrateAll(storage);
    expect(await tables()).toEqual(EXPECTED_TABLES);
    expect(await storage.sources.gateway.query('SELECT count(*)::int AS n FROM drizzle.migrations_records')).toEqual(applied);
  });

  it('returns dates as ISO strings and counts as numbers on both drivers', async () => {
    storage = await openTestStorage(engine, { state: 'migrated' });
    const [row] = await storage.sources.records.query<{ d: string; big: number; num: string }>(
      "SELECT DATE '2019-03-15' AS d, 9007199254740::bigint AS big, 12.5::numeric(10,1) AS num",
    );
    expect(row).toEqual({ d: '2019-03-15', big: 9007199254740, num: '12.5' });
  });

  it('rejects a COPY whose rows break a constraint instead of hanging, and loads nothing', async () => {
    storage = await openTestStorage(engine, { state: 'migrated' });
    const procedures = storage.sources.records;
    const row = 'X-1\tTên\tName\tLAND\tWARD\t\\N\n';
    const sink = await procedures.copyInto('"records"."procedures"', ['code', 'name', 'name_en', 'domain', 'level', 'validity_months']);
    const load = (async () => {
      await sink.write(row + row);
      await sink.end();
    })();
    await expect(load).rejects.toThrow(/duplicate key/);
    expect(await procedures.query('SELECT code FROM records.procedures')).toEqual([]);
    // The connection is usable afterwards.
    expect(await procedures.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('storage on PostgreSQL: how statements are planned', () => {
  it('plans a key lookup once per connection, and leaves an analytic statement to PostgreSQL\'s choice', async () => {
    // One connection, so every statement and the look at its plans share one session.
    const storage = await openTestStorage('postgres', { state: 'migrated', poolMax: 1 });
    try {
      const population = storage.sources.population;
      const lookup = 'SELECT personal_id FROM population.citizens WHERE personal_id = ANY($1::char(12)[])';
      const analytic = 'SELECT count(*)::int AS n FROM population.citizens WHERE personal_id = ANY($1::char(12)[])';
      for (let i = 0; i < 8; i++) {
        await population.query(lookup, [['001079000262', `00107900026${i}`]]);
        await population.query(analytic, [['001079000262']], { analytic: true });
      }
      const plans = await population.query<{ statement: string; generic: number; custom: number }>(
        'SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = ANY($1::text[])',
        [[lookup, analytic]],
      );
      expect(plans.find((p) => p.statement === lookup)).toMatchObject({ generic: 8, custom: 0 });
      // PostgreSQL's own rule: planned for its parameters at least the first five times.
      expect(plans.find((p) => p.statement === analytic)?.custom).toBeGreaterThanOrEqual(5);
    } finally {
      await storage.close();
    }
  });
});
