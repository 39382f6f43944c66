/**
 * Civil-status source (hộ tịch): birth, marriage and death registrations since 1956, each in a
 * register book (sổ) of the registering unit, with the personal IDs of the people in it.
 */
import { char, date, index, integer, pgSchema, text, varchar } from 'drizzle-orm/pg-core';

export const civil = pgSchema('civil');

const registration = () => ({
  id: integer('id').primaryKey(),
  /** The registering unit as it was on the day of registration. */
  registeringUnitCode: varchar('registering_unit_code', { length: 32 }).notNull(),
  registeredOn: date('registered_on').notNull(),
  /** Register book, e.g. "01/1985". */
  bookNumber: varchar('book_number', { length: 16 }).notNull(),
  entryNumber: integer('entry_number').notNull(),
});

export const births = civil.table(
  'births',
  {
    ...registration(),
    childPersonalId: char('child_personal_id', { length: 12 }).notNull(),
    childName: text('child_name').notNull(),
    dateOfBirth: date('date_of_birth').notNull(),
    placeOfBirth: text('place_of_birth').notNull(),
    fatherPersonalId: char('father_personal_id', { length: 12 }),
    motherPersonalId: char('mother_personal_id', { length: 12 }),
  },
  (t) => [
    index('births_child_idx').on(t.childPersonalId),
    index('births_father_idx').on(t.fatherPersonalId),
    index('births_mother_idx').on(t.motherPersonalId),
    index('births_unit_idx').on(t.registeringUnitCode, t.id),
  ],
);

export const marriages = civil.table(
  'marriages',
  {
    ...registration(),
    husbandPersonalId: char('husband_personal_id', { length: 12 }).notNull(),
    wifePersonalId: char('wife_personal_id', { length: 12 }).notNull(),
  },
  (t) => [
    index('marriages_husband_idx').on(t.husbandPersonalId),
    index('marriages_wife_idx').on(t.wifePersonalId),
    index('marriages_unit_idx').on(t.registeringUnitCode, t.id),
  ],
);

export const deaths = civil.table(
  'deaths',
  {
    ...registration(),
    deceasedPersonalId: char('deceased_personal_id', { length: 12 }).notNull(),
    dateOfDeath: date('date_of_death').notNull(),
    placeOfDeath: text('place_of_death').notNull(),
  },
  (t) => [index('deaths_deceased_idx').on(t.deceasedPersonalId), index('deaths_unit_idx').on(t.registeringUnitCode, t.id)],
);
