/** The gateway's own store: the agencies it serves and the access log. */
import { sql } from 'drizzle-orm';
import { bigint, char, check, index, pgSchema, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const gateway = pgSchema('gateway');

export const agencyStatus = gateway.enum('agency_status', ['ACTIVE', 'SUSPENDED']);

export const agencies = gateway.table('agencies', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  status: agencyStatus('status').notNull().default('ACTIVE'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Trusted documents: the operations an agency's software may send, by the SHA-256 (hex) of the
 * document text as sent. In production a role without `adHocDocuments` runs nothing else.
 * Registered with `lienthong documents register`.
 */
export const trustedDocuments = gateway.table(
  'trusted_documents',
  {
    agency: varchar('agency', { length: 32 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
    /** Where it was registered from (a file name), for people reading the list. */
    name: text('name').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.hash] })],
);

/**
 * The field sets of the access log: the four lists a record says of the fields, stored once and
 * referenced by every record that says the same (they depend only on the document and the grant).
 * `id` = SHA-256 over the lists' canonical encoding (access-log.chain.ts), so the chain, which
 * hashes the id, commits to the lists. Append-only like the log (migration 0004).
 */
export const accessLogFieldSets = gateway.table('access_log_field_sets', {
  id: char('id', { length: 64 }).primaryKey(),
  released: text('released').array().notNull(),
  masked: text('masked').array().notNull(),
  denied: text('denied').array().notNull(),
  categories: text('categories').array().notNull(),
});

/**
 * The access log: one record per request that read (or was refused) personal data, in one hash
 * chain. `seq` is assigned by the writer after the head it read (no sequence: a gap is a
 * deletion; the primary key makes two replicas that raced re-read the head), and
 * `hash` = SHA-256 over `prev_hash` and the record's canonical encoding (access-log.chain.ts in the gateway source).
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 0002).
 */
export const accessLog = gateway.table(
  'access_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    requestId: varchar('request_id', { length: 64 }).notNull(),
    agency: varchar('agency', { length: 32 }).notNull(),
    /** The officer (`sub`); for a citizen, their own personal ID. */
    officer: text('officer').notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    purpose: varchar('purpose', { length: 64 }),
    caseRef: text('case_ref'),
    operation: text('operation'),
    /** SHA-256 of the GraphQL document and of the variables (never the variables themselves). */
    documentHash: char('document_hash', { length: 64 }),
    variablesHash: char('variables_hash', { length: 64 }),
    /** Personal IDs whose data was released. */
    subjects: text('subjects').array().notNull(),
    /**
     * `Type.field` coordinates released, masked, and denied, and the policy's categories of what
     * was released (what a citizen is shown): inline in records written before field sets
     * (encoding 1), null in the others, which reference their field set instead (encoding 2).
     */
    released: text('released').array(),
    masked: text('masked').array(),
    denied: text('denied').array(),
    categories: text('categories').array(),
    fieldSet: char('field_set', { length: 64 }).references(() => accessLogFieldSets.id),
    /** RELEASED, PARTIAL (some fields denied), NOTHING_RELEASED, REFUSED, FAILED. */
    outcome: varchar('outcome', { length: 32 }).notNull(),
    /** The refusal's or failure's code, if any. */
    code: varchar('code', { length: 32 }),
    client: text('client'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [
    index('access_log_at_idx').on(t.at),
    index('access_log_agency_idx').on(t.agency, t.at),
    index('access_log_subjects_idx').using('gin', t.subjects),
    // Exactly one form per record: the lists inline, or a field set.
    check(
      'access_log_one_field_form',
      sql`(${t.fieldSet} IS NULL AND ${t.released} IS NOT NULL AND ${t.masked} IS NOT NULL AND ${t.denied} IS NOT NULL AND ${t.categories} IS NOT NULL)
        OR (${t.fieldSet} IS NOT NULL AND ${t.released} IS NULL AND ${t.masked} IS NULL AND ${t.denied} IS NULL AND ${t.categories} IS NULL)`,
    ),
  ],
);

/** Signed checkpoints of the chain: the JWS (ES256, the gateway's key) of `{ seq, hash }`. */
export const accessLogCheckpoints = gateway.table('access_log_checkpoints', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: char('hash', { length: 64 }).notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
  jws: text('jws').notNull(),
});
