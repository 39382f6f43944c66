/**
 * SQL for the population source. Statements are built per projection and cached, so each
 * distinct field set is one prepared statement.
 */
import { SourceRepository } from '../../db/repository.js';
import { type Projection, type ProjectionSpec, jsonObject, project } from '../../db/projection.js';
import { type CitizenScope, type ScopeShape, andScope, scopeConditions, scopeParams, scopeShape } from './citizen.scope.js';

/** The citizen columns under a table alias (`c` for the row, `m` for nested household members). */
function citizenSpec(alias: string): ProjectionSpec {
  return {
    columns: {
      personalId: `${alias}.personal_id`,
      fullName: `${alias}.full_name`,
      dateOfBirth: `${alias}.date_of_birth`,
      sex: `${alias}.sex::text`,
      ethnicity: `${alias}.ethnicity`,
      nationality: `${alias}.nationality`,
      homeTown: `${alias}.home_town`,
      permanentAddress: `${alias}.permanent_address`,
      permanentWardCode: `${alias}.permanent_ward_code`,
      currentAddress: `${alias}.current_address`,
      currentWardCode: `${alias}.current_ward_code`,
      householdId: `${alias}.household_id`,
      relationToHead: `${alias}.relation_to_head`,
      fatherId: `${alias}.father_id`,
      motherId: `${alias}.mother_id`,
      spouseId: `${alias}.spouse_id`,
      alive: `${alias}.alive`,
      dateOfDeath: `${alias}.date_of_death`,
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
}

export const CITIZEN = citizenSpec('c');
const MEMBER = citizenSpec('m');

export const HOUSEHOLD: ProjectionSpec = {
  columns: { id: 'h.id', address: 'h.address', wardCode: 'h.ward_code', registeredOn: 'h.registered_on', headPersonalId: 'h.head_personal_id' },
  needs: { ward: ['wardCode'], head: ['headPersonalId'] },
  always: ['id'],
};

/**
 * What a query reads of citizens: their own fields and, when asked, their household with its
 * members, which live in the same source and so come in the same statement (JSON built by
 * PostgreSQL): citizen → household → members is one round trip, not three.
 */
export interface CitizenSelection {
  citizen: Iterable<string>;
  household: { fields: Iterable<string>; members: Iterable<string> | null } | null;
  /** Relatives to read speculatively with the citizen (see `RelativeHint`). */
  relatives?: ReadonlyArray<{ column: RelativeColumn; fields: Iterable<string> }>;
}

export type RelativeColumn = 'fatherId' | 'motherId' | 'spouseId';

export interface CitizenPlan extends Projection {
  /** Relatives read in the same statement: row key of their JSON, and the plan they answer. */
  readonly relatives: ReadonlyArray<{ key: string; plan: CitizenPlan }>;
  /** The row scope's shape its nested reads are written for (see citizen.scope.ts). */
  readonly shape: ScopeShape;
}

const RELATIVE_COLUMN: Record<RelativeColumn, string> = { fatherId: 'c.father_id', motherId: 'c.mother_id', spouseId: 'c.spouse_id' };

/** Plans the citizens' statement; nested citizens carry the conditions of a scope of `shape`. */
export function planCitizens(selection: CitizenSelection, shape: ScopeShape = ''): CitizenPlan {
  const own = project(CITIZEN, selection.citizen);
  let { signature, selectList } = own;
  signature += `|s:${shape}`;
  if (selection.household) {
    const members: Record<string, string> = selection.household.members ? { members: membersSql(selection.household.members, shape) } : {};
    const household = jsonObject(HOUSEHOLD, selection.household.fields, members);
    signature += `|h:${household.signature}`;
    selectList += `, (SELECT ${household.sql} FROM population.households h WHERE h.id = c.household_id) AS "household"`;
  }
  const relatives = (selection.relatives ?? []).map(({ column, fields }, i) => {
    const key = `__relative${i}`;
    const alias = `r${i}`;
    const json = jsonObject(citizenSpec(alias), fields);
    signature += `|${key}:${column}:${json.signature}`;
    selectList += `, (SELECT ${json.sql} FROM population.citizens ${alias} WHERE ${alias}.personal_id = ${RELATIVE_COLUMN[column]}${andScope(shape, alias)}) AS "${key}"`;
    return { key, plan: planCitizens({ citizen: fields, household: null }, shape) };
  });
  return { signature, selectList, relatives, shape };
}

/** A household's members as a JSON array, under the scope's conditions. */
function membersSql(fields: Iterable<string>, shape: ScopeShape): string {
  return `(SELECT coalesce(json_agg(${jsonObject(MEMBER, fields).sql} ORDER BY m.personal_id), '[]'::json) FROM population.citizens m WHERE m.household_id = h.id${andScope(shape, 'm')})`;
}

export interface HouseholdPlan extends Projection {
  /** Whether the statement refers to the scope's parameters (it embeds members under a scope). */
  readonly scoped: boolean;
}

/** A household's own columns and, when asked, its members in the same statement. */
export function planHouseholds(fields: Iterable<string>, members: Iterable<string> | null, shape: ScopeShape = ''): HouseholdPlan {
  const own = project(HOUSEHOLD, fields);
  if (!members) return { ...own, scoped: false };
  const nested = jsonObject(MEMBER, members);
  return {
    signature: `${own.signature}|m:${nested.signature}|s:${shape}`,
    selectList: `${own.selectList}, ${membersSql(members, shape)} AS "members"`,
    scoped: shape !== '',
  };
}

export type Row = Record<string, unknown>;

export interface CitizenFilterValues {
  currentWardCode?: string | null;
  householdId?: string | null;
  sex?: string | null;
  bornFrom?: string | null;
  bornTo?: string | null;
  alive?: boolean | null;
}

export class PopulationRepository extends SourceRepository {


  /**
   * Every statement reading citizens takes the scope's values first (see citizen.scope.ts); a
   * plan made for one scope shape is only ever run with a scope of that shape.
   */
  citizensByIds(p: CitizenPlan, ids: readonly string[], scope: CitizenScope | null): Promise<Row[]> {
    const lead = scopeParams(scope);
    return this.run(
      `byId:${p.signature}`,
      () => `SELECT ${p.selectList} FROM population.citizens c WHERE c.personal_id = ANY($${lead.length + 1}::char(12)[])${andScope(p.shape, 'c')}`,
      [...lead, ids],
    );
  }

  /** Members of households, ordered by personal ID, each row tagged with `__key` = household ID. */
  citizensByHouseholds(p: Projection, householdIds: readonly string[], scope: CitizenScope | null): Promise<Row[]> {
    const shape = scopeShape(scope);
    const lead = scopeParams(scope);
    return this.run(
      `byHousehold:${shape}:${p.signature}`,
      () =>
        `SELECT c.household_id AS "__key", ${p.selectList} FROM population.citizens c WHERE c.household_id = ANY($${lead.length + 1}::varchar[])${andScope(shape, 'c')} ORDER BY c.household_id, c.personal_id`,
      [...lead, householdIds],
    );
  }

  /** Children of parents (by father or mother), oldest first, tagged with `__key` = parent ID. */
  childrenOf(p: Projection, parentIds: readonly string[], scope: CitizenScope | null): Promise<Row[]> {
    const shape = scopeShape(scope);
    const lead = scopeParams(scope);
    const ids = `$${lead.length + 1}::char(12)[]`;
    return this.run(
      `children:${shape}:${p.signature}`,
      () =>
        `SELECT * FROM (SELECT c.father_id AS "__key", c.date_of_birth AS "__order", ${p.selectList} FROM population.citizens c WHERE c.father_id = ANY(${ids})${andScope(shape, 'c')}
         UNION ALL SELECT c.mother_id, c.date_of_birth, ${p.selectList} FROM population.citizens c WHERE c.mother_id = ANY(${ids})${andScope(shape, 'c')}) k
         ORDER BY "__key", "__order", "personalId"`,
      [...lead, parentIds],
    );
  }

  householdsByIds(p: HouseholdPlan, ids: readonly string[], scope: CitizenScope | null): Promise<Row[]> {
    // Only a plan that embeds members under a scope refers to the scope's parameters.
    const lead = p.scoped ? scopeParams(scope) : [];
    return this.run(`household:${p.signature}`, () => `SELECT ${p.selectList} FROM population.households h WHERE h.id = ANY($${lead.length + 1}::varchar[])`, [...lead, ids]);
  }

  /** A keyset page of citizens ordered by personal ID; `limit` is the page size + 1. */
  citizensPage(p: CitizenPlan, filter: CitizenFilterValues, after: string | null, limit: number, scope: CitizenScope | null): Promise<Row[]> {
    const { where, params } = citizenWhere(filter, after, scope);
    params.push(limit);
    // With a ward, order by the (current_ward_code, personal_id) index itself (see records' pageOrder;
    // here the generic plan reads that index even with `=`: test/db/page-plans.test.ts).
    const order = filter.currentWardCode ? 'c.current_ward_code, c.personal_id' : 'c.personal_id';
    // Dates of birth, and wards kept by row rules without a ward filter, are planned for their
    // values (QueryOptions.customPlan): a generic plan walked the primary key and filtered.
    const customPlan = Boolean(filter.bornFrom || filter.bornTo || (scope?.wards && !filter.currentWardCode));
    return this.connection.query(`SELECT ${p.selectList} FROM population.citizens c ${where} ORDER BY ${order} LIMIT $${params.length}`, params, { customPlan });
  }

  async countCitizens(filter: CitizenFilterValues, scope: CitizenScope | null): Promise<number> {
    const { where, params } = citizenWhere(filter, null, scope);
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

/** The scope's values lead the parameters (the plan's nested reads refer to them as $1, $2). */
function citizenWhere(filter: CitizenFilterValues, after: string | null, scope: CitizenScope | null): { where: string; params: unknown[] } {
  const conditions: string[] = scopeConditions(scopeShape(scope), 'c');
  const params: unknown[] = scopeParams(scope);
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
