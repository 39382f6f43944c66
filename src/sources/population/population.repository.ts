/**
 * SQL for the population source. Statements are built per projection and cached, so each
 * distinct field set is one prepared statement.
 */
import type { SourceConnection } from '../../db/index.js';
import { type Projection, type ProjectionSpec, project } from '../../db/projection.js';

export const CITIZEN: ProjectionSpec = {
  columns: {
    personalId: 'c.personal_id',
    fullName: 'c.full_name',
    dateOfBirth: 'c.date_of_birth',
    sex: 'c.sex::text',
    ethnicity: 'c.ethnicity',
    nationality: 'c.nationality',
    homeTown: 'c.home_town',
    permanentAddress: 'c.permanent_address',
    permanentWardCode: 'c.permanent_ward_code',
    currentAddress: 'c.current_address',
    currentWardCode: 'c.current_ward_code',
    householdId: 'c.household_id',
    relationToHead: 'c.relation_to_head',
    fatherId: 'c.father_id',
    motherId: 'c.mother_id',
    spouseId: 'c.spouse_id',
    alive: 'c.alive',
    dateOfDeath: 'c.date_of_death',
  },
  needs: {
    household: ['householdId'],
    father: ['fatherId'],
    mother: ['motherId'],
    spouse: ['spouseId'],
    permanentWard: ['permanentWardCode'],
    currentWard: ['currentWardCode'],
  },
  always: ['personalId'],
};

export const HOUSEHOLD: ProjectionSpec = {
  columns: { id: 'h.id', address: 'h.address', wardCode: 'h.ward_code', registeredOn: 'h.registered_on', headPersonalId: 'h.head_personal_id' },
  needs: { ward: ['wardCode'], head: ['headPersonalId'] },
  always: ['id'],
};

export type Row = Record<string, unknown>;

export interface CitizenFilterValues {
  currentWardCode?: string | null;
  householdId?: string | null;
  sex?: string | null;
  bornFrom?: string | null;
  bornTo?: string | null;
  alive?: boolean | null;
}

export class PopulationRepository {
  private readonly statements = new Map<string, string>();
  constructor(private readonly connection: SourceConnection) {}

  private statement(key: string, build: () => string): string {
    let text = this.statements.get(key);
    if (text === undefined) {
      text = build();
      this.statements.set(key, text);
    }
    return text;
  }

  citizensByIds(p: Projection, ids: readonly string[]): Promise<Row[]> {
    const text = this.statement(`byId:${p.signature}`, () => `SELECT ${p.selectList} FROM population.citizens c WHERE c.personal_id = ANY($1::char(12)[])`);
    return this.connection.query(text, [ids]);
  }

  /** Members of households, ordered by personal ID, each row tagged with `__key` = household ID. */
  citizensByHouseholds(p: Projection, householdIds: readonly string[]): Promise<Row[]> {
    const text = this.statement(
      `byHousehold:${p.signature}`,
      () => `SELECT c.household_id AS "__key", ${p.selectList} FROM population.citizens c WHERE c.household_id = ANY($1::varchar[]) ORDER BY c.household_id, c.personal_id`,
    );
    return this.connection.query(text, [householdIds]);
  }

  /** Children of parents (by father or mother), oldest first, tagged with `__key` = parent ID. */
  childrenOf(p: Projection, parentIds: readonly string[]): Promise<Row[]> {
    const text = this.statement(
      `children:${p.signature}`,
      () =>
        `SELECT * FROM (SELECT c.father_id AS "__key", c.date_of_birth AS "__order", ${p.selectList} FROM population.citizens c WHERE c.father_id = ANY($1::char(12)[])
         UNION ALL SELECT c.mother_id, c.date_of_birth, ${p.selectList} FROM population.citizens c WHERE c.mother_id = ANY($1::char(12)[])) k
         ORDER BY "__key", "__order", "personalId"`,
    );
    return this.connection.query(text, [parentIds]);
  }

  householdsByIds(p: Projection, ids: readonly string[]): Promise<Row[]> {
    const text = this.statement(`household:${p.signature}`, () => `SELECT ${p.selectList} FROM population.households h WHERE h.id = ANY($1::varchar[])`);
    return this.connection.query(text, [ids]);
  }

  /** A keyset page of citizens ordered by personal ID; `limit` is the page size + 1. */
  citizensPage(fields: Iterable<string>, filter: CitizenFilterValues, after: string | null, limit: number): Promise<Row[]> {
    const p = project(CITIZEN, fields);
    const { where, params } = citizenWhere(filter, after);
    params.push(limit);
    return this.connection.query(`SELECT ${p.selectList} FROM population.citizens c ${where} ORDER BY c.personal_id LIMIT $${params.length}`, params);
  }

  async countCitizens(filter: CitizenFilterValues): Promise<number> {
    const { where, params } = citizenWhere(filter, null);
    const [row] = await this.connection.query<{ n: number }>(`SELECT count(*)::int AS n FROM population.citizens c ${where}`, params);
    return Number(row?.n ?? 0);
  }

  allUnits(): Promise<Row[]> {
    return this.connection.query(
      'SELECT code, name, level::text AS level, parent_code AS "parentCode", valid_from AS "validFrom", valid_to AS "validTo" FROM population.units ORDER BY code',
    );
  }

  allLineage(): Promise<Row[]> {
    return this.connection.query(
      `SELECT predecessor_code AS "predecessorCode", successor_code AS "successorCode", effective_on AS "effectiveOn", kind::text AS kind, share::float8 AS share
         FROM population.unit_lineage ORDER BY effective_on, predecessor_code, successor_code`,
    );
  }
}

function citizenWhere(filter: CitizenFilterValues, after: string | null): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  if (filter.currentWardCode) add((n) => `c.current_ward_code = $${n}`, filter.currentWardCode);
  if (filter.householdId) add((n) => `c.household_id = $${n}`, filter.householdId);
  if (filter.sex) add((n) => `c.sex = $${n}::population.sex`, filter.sex);
  if (filter.bornFrom) add((n) => `c.date_of_birth >= $${n}::date`, filter.bornFrom);
  if (filter.bornTo) add((n) => `c.date_of_birth <= $${n}::date`, filter.bornTo);
  if (filter.alive !== null && filter.alive !== undefined) add((n) => `c.alive = $${n}`, filter.alive);
  if (after !== null) add((n) => `c.personal_id > $${n}`, after);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
