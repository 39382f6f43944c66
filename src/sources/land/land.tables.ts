/**
 * Land source (giấy chứng nhận quyền sử dụng đất): land-use-right certificates, their parcel
 * and their owners (one row per owner, so an owner finds their certificates by index).
 */
import { sql } from 'drizzle-orm';
import { char, check, date, index, integer, numeric, pgSchema, primaryKey, text, varchar } from 'drizzle-orm/pg-core';

export const land = pgSchema('land');

export const certificates = land.table(
  'certificates',
  {
    id: integer('id').primaryKey(),
    /** Certificate serial, e.g. "CS 012345". */
    certificateNumber: varchar('certificate_number', { length: 24 }).notNull().unique(),
    issuedOn: date('issued_on').notNull(),
    issuingUnitCode: varchar('issuing_unit_code', { length: 32 }).notNull(),
    /** Map sheet (tờ bản đồ số) and parcel (thửa đất số). */
    mapSheet: integer('map_sheet').notNull(),
    parcelNumber: integer('parcel_number').notNull(),
    address: text('address').notNull(),
    wardCode: varchar('ward_code', { length: 32 }).notNull(),
    areaM2: numeric('area_m2', { precision: 10, scale: 1 }).notNull(),
    /** Land use purpose code, e.g. ODT (urban residential). */
    landUse: varchar('land_use', { length: 8 }).notNull(),
  },
  (t) => [index('certificates_ward_idx').on(t.wardCode, t.id), check('certificates_area', sql`${t.areaM2} > 0`)],
);

export const certificateOwners = land.table(
  'certificate_owners',
  {
    certificateId: integer('certificate_id')
      .notNull()
      .references(() => certificates.id),
    ownerPersonalId: char('owner_personal_id', { length: 12 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.ownerPersonalId] }), index('certificate_owners_owner_idx').on(t.ownerPersonalId)],
);
