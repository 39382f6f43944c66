/** The gateway's own store: the agencies it serves and the access log. */
import { bigint, char, index, pgSchema, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const gateway = pgSchema('gateway');

export const agencyStatus = gateway.enum('agency_status', ['ACTIVE', 'SUSPENDED']);

export const agencies = gateway.table('agencies', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  status: agencyStatus('status').notNull().default('ACTIVE'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
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
    /** `Type.field` coordinates released, masked, and denied. */
    released: text('released').array().notNull(),
    masked: text('masked').array().notNull(),
    denied: text('denied').array().notNull(),
    /** The policy's field categories of what was released (what a citizen is shown). */
    categories: text('categories').array().notNull(),
    /** RELEASED, PARTIAL (some fields denied), NOTHING_RELEASED, REFUSED, FAILED. */
    outcome: varchar('outcome', { length: 32 }).notNull(),
    /** The refusal's or failure's code, if any. */
    code: varchar('code', { length: 32 }),
    client: text('client'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [index('access_log_at_idx').on(t.at), index('access_log_agency_idx').on(t.agency, t.at), index('access_log_subjects_idx').using('gin', t.subjects)],
);

/** Signed checkpoints of the chain: the JWS (ES256, the gateway's key) of `{ seq, hash }`. */
export const accessLogCheckpoints = gateway.table('access_log_checkpoints', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: char('hash', { length: 64 }).notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
  jws: text('jws').notNull(),
});
