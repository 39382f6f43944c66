/** Household-business source (hộ kinh doanh): registrations with their owner. */
import { char, date, index, integer, pgSchema, text, varchar } from 'drizzle-orm/pg-core';

export const business = pgSchema('business');

export const businessStatus = business.enum('business_status', ['ACTIVE', 'SUSPENDED', 'CLOSED']);

export const householdBusinesses = business.table(
  'household_businesses',
  {
    id: integer('id').primaryKey(),
    /** Registration number, e.g. "01A8012345". */
    registrationNumber: varchar('registration_number', { length: 16 }).notNull().unique(),
    name: text('name').notNull(),
    ownerPersonalId: char('owner_personal_id', { length: 12 }).notNull(),
    address: text('address').notNull(),
    wardCode: varchar('ward_code', { length: 32 }).notNull(),
    lineOfBusiness: text('line_of_business').notNull(),
    registeredOn: date('registered_on').notNull(),
    issuingUnitCode: varchar('issuing_unit_code', { length: 32 }).notNull(),
    status: businessStatus('status').notNull(),
  },
  (t) => [index('household_businesses_owner_idx').on(t.ownerPersonalId), index('household_businesses_ward_idx').on(t.wardCode, t.id)],
);
