/**
 * Records source (kho kết quả giải quyết TTHC số hóa): the digitized results of administrative
 * procedures and their scanned files. A result keeps its issuing unit as it was on the day of
 * issue; the unit code refers to the population source's catalogue (no foreign key across
 * sources: they live on different servers).
 */
import { sql } from 'drizzle-orm';
import { bigint, char, check, date, index, integer, pgSchema, smallint, text, varchar } from 'drizzle-orm/pg-core';

export const records = pgSchema('records');

export const procedureLevel = records.enum('procedure_level', ['CITY', 'DISTRICT', 'WARD']);
export const resultStatus = records.enum('result_status', ['VALID', 'EXPIRED', 'REVOKED', 'SUPERSEDED']);

export const procedures = records.table('procedures', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  /** Domain (lĩnh vực): CIVIL_STATUS, LAND, CONSTRUCTION, BUSINESS, SOCIAL_PROTECTION, CERTIFICATION … */
  domain: varchar('domain', { length: 32 }).notNull(),
  level: procedureLevel('level').notNull(),
  /** How long a result stays valid; null when it does not expire. */
  validityMonths: smallint('validity_months'),
});

export const results = records.table(
  'results',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    /** Dossier code (mã hồ sơ). */
    dossierCode: varchar('dossier_code', { length: 40 }).notNull().unique(),
    procedureCode: varchar('procedure_code', { length: 32 })
      .notNull()
      .references(() => procedures.code),
    subjectPersonalId: char('subject_personal_id', { length: 12 }).notNull(),
    /** The issuing unit as it was on `issued_on`. */
    issuingUnitCode: varchar('issuing_unit_code', { length: 32 }).notNull(),
    decisionNumber: varchar('decision_number', { length: 40 }).notNull(),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until'),
    status: resultStatus('status').notNull(),
    digitizedOn: date('digitized_on').notNull(),
    pageCount: integer('page_count').notNull(),
  },
  (t) => [
    index('results_subject_idx').on(t.subjectPersonalId),
    index('results_unit_idx').on(t.issuingUnitCode, t.id),
    index('results_procedure_idx').on(t.procedureCode, t.id),
    index('results_issued_idx').on(t.issuedOn, t.id),
    check('results_pages', sql`${t.pageCount} > 0`),
    check('results_validity', sql`${t.validUntil} IS NULL OR ${t.validUntil} >= ${t.issuedOn}`),
  ],
);

/** A scanned file of a result (tệp số hóa). */
export const documents = records.table(
  'documents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    resultId: bigint('result_id', { mode: 'number' })
      .notNull()
      .references(() => results.id),
    fileName: text('file_name').notNull(),
    mimeType: varchar('mime_type', { length: 64 }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    pageCount: integer('page_count').notNull(),
  },
  (t) => [index('documents_result_idx').on(t.resultId), check('documents_pages', sql`${t.pageCount} > 0`)],
);

/**
 * The results at the grain analysts group by most (issuing unit as it was, procedure, status,
 * year of issue, year of digitization), with their counts, pages and scanned files: a few hundred
 * thousand rows at city scale instead of millions, so a city-wide group-by answers in well under a
 * second. The store is loaded in bulk, not written by the gateway: whoever loads it refreshes this
 * view afterwards (`lienthong seed` does; see refreshRollups). Analysts' queries that need a finer
 * grain (month, today's unit) read the results themselves.
 */
export const resultsRollup = records
  .materializedView('results_rollup', {
    issuingUnitCode: varchar('issuing_unit_code', { length: 32 }).notNull(),
    procedureCode: varchar('procedure_code', { length: 32 }).notNull(),
    status: resultStatus('status').notNull(),
    issuedYear: smallint('issued_year').notNull(),
    digitizedYear: smallint('digitized_year').notNull(),
    results: bigint('results', { mode: 'number' }).notNull(),
    pages: bigint('pages', { mode: 'number' }).notNull(),
    files: bigint('files', { mode: 'number' }).notNull(),
  })
  .as(
    sql`SELECT r.issuing_unit_code, r.procedure_code, r.status, extract(year FROM r.issued_on)::smallint AS issued_year,
      extract(year FROM r.digitized_on)::smallint AS digitized_year, count(*)::bigint AS results, sum(r.page_count)::bigint AS pages,
      coalesce(sum(f.files), 0)::bigint AS files
    FROM records.results r
    LEFT JOIN (SELECT result_id, count(*) AS files FROM records.documents GROUP BY result_id) f ON f.result_id = r.id
    GROUP BY 1, 2, 3, 4, 5`,
  );
