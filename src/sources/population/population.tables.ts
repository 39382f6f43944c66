/**
 * Population source (cơ sở dữ liệu quốc gia về dân cư): citizens keyed by the 12-digit
 * personal ID, their households, and the administrative units with their lineage.
 */
import { sql } from 'drizzle-orm';
import { boolean, char, check, date, index, numeric, pgSchema, primaryKey, text, varchar } from 'drizzle-orm/pg-core';

export const population = pgSchema('population');

export const unitLevel = population.enum('unit_level', ['CITY', 'DISTRICT', 'WARD']);
export const lineageKind = population.enum('lineage_kind', ['WHOLE', 'PART']);
export const sex = population.enum('sex', ['MALE', 'FEMALE']);

/**
 * An administrative unit as it was during [valid_from, valid_to]. A unit whose boundary changed
 * is a new row (a new code); `unit_lineage` says what became of the old one.
 */
export const units = population.table(
  'units',
  {
    code: varchar('code', { length: 32 }).primaryKey(),
    name: text('name').notNull(),
    level: unitLevel('level').notNull(),
    parentCode: varchar('parent_code', { length: 32 }),
    validFrom: date('valid_from').notNull(),
    /** Last day in force; null while in force today. */
    validTo: date('valid_to'),
  },
  (t) => [index('units_parent_idx').on(t.parentCode), check('units_validity', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`)],
);

/**
 * Predecessor → successor, effective on a date. `share` is the part of the predecessor's
 * population that went to this successor (1 for WHOLE); the shares of one predecessor on one
 * date add up to 1. The demo models a split by street as a population share.
 */
export const unitLineage = population.table(
  'unit_lineage',
  {
    predecessorCode: varchar('predecessor_code', { length: 32 }).notNull(),
    successorCode: varchar('successor_code', { length: 32 }).notNull(),
    effectiveOn: date('effective_on').notNull(),
    kind: lineageKind('kind').notNull(),
    share: numeric('share', { precision: 5, scale: 4 }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorCode, t.successorCode, t.effectiveOn] }),
    index('unit_lineage_successor_idx').on(t.successorCode),
    check('unit_lineage_share', sql`${t.share} > 0 AND ${t.share} <= 1`),
  ],
);

export const households = population.table(
  'households',
  {
    id: varchar('id', { length: 16 }).primaryKey(),
    headPersonalId: char('head_personal_id', { length: 12 }).notNull(),
    address: text('address').notNull(),
    wardCode: varchar('ward_code', { length: 32 }).notNull(),
    registeredOn: date('registered_on').notNull(),
  },
  (t) => [index('households_ward_idx').on(t.wardCode, t.id)],
);

export const citizens = population.table(
  'citizens',
  {
    personalId: char('personal_id', { length: 12 }).primaryKey(),
    fullName: text('full_name').notNull(),
    dateOfBirth: date('date_of_birth').notNull(),
    sex: sex('sex').notNull(),
    ethnicity: text('ethnicity').notNull(),
    nationality: char('nationality', { length: 2 }).notNull(),
    homeTown: text('home_town').notNull(),
    permanentAddress: text('permanent_address').notNull(),
    permanentWardCode: varchar('permanent_ward_code', { length: 32 }).notNull(),
    currentAddress: text('current_address').notNull(),
    /** Always a unit in force today. */
    currentWardCode: varchar('current_ward_code', { length: 32 }).notNull(),
    householdId: varchar('household_id', { length: 16 }),
    /** Relation to the household head (chủ hộ), e.g. HEAD, SPOUSE, CHILD, PARENT. */
    relationToHead: varchar('relation_to_head', { length: 16 }),
    fatherId: char('father_id', { length: 12 }),
    motherId: char('mother_id', { length: 12 }),
    spouseId: char('spouse_id', { length: 12 }),
    alive: boolean('alive').notNull(),
    dateOfDeath: date('date_of_death'),
  },
  (t) => [
    index('citizens_household_idx').on(t.householdId),
    index('citizens_father_idx').on(t.fatherId),
    index('citizens_mother_idx').on(t.motherId),
    index('citizens_spouse_idx').on(t.spouseId),
    index('citizens_ward_idx').on(t.currentWardCode, t.personalId),
    check('citizens_personal_id_digits', sql`${t.personalId} ~ '^[0-9]{12}$'`),
    check('citizens_death', sql`${t.alive} OR ${t.dateOfDeath} IS NOT NULL`),
  ],
);
