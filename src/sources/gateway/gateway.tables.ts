/** The gateway's own store: the agencies it serves (and, later, the access log). */
import { pgSchema, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const gateway = pgSchema('gateway');

export const agencyStatus = gateway.enum('agency_status', ['ACTIVE', 'SUSPENDED']);

export const agencies = gateway.table('agencies', {
  code: varchar('code', { length: 32 }).primaryKey(),
  name: text('name').notNull(),
  status: agencyStatus('status').notNull().default('ACTIVE'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
