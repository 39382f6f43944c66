/**
 * Exports the access log for a breach report: who accessed whose data in a time window, as JSON
 * lines, one record per line with every stored column (its `prev_hash` and `hash` included, so
 * each line can be re-hashed), in chain order. And the signed checkpoints, to keep elsewhere.
 */
import { once } from 'node:events';
import { type AccessLogStore, type StoredAccessRecord, toColumns } from '../sources/gateway/index.js';

/** Which records to export; `from` inclusive, `to` exclusive, on the record's time (`at`). */
export interface ExportFilter {
  readonly from: Date;
  readonly to: Date;
  readonly agency: string | null;
  /** A 12-digit personal ID among the record's subjects. */
  readonly personalId: string | null;
  readonly purpose: string | null;
}

/** Records per read. */
const PAGE = 5_000;

/**
 * Writes every record matching `filter` to `out`, oldest first, and resolves the count.
 * The store's search pages newest first, so the matches are gathered before the first line is
 * written: memory grows with the size of the answer (about 1 KB a record), not of the log.
 * @throws TypeError if `from` is not before `to`; the store's errors (SOURCE_UNAVAILABLE).
 */
export async function exportAccessLog(store: AccessLogStore, filter: ExportFilter, out: NodeJS.WritableStream): Promise<number> {
  if (!(filter.from.getTime() < filter.to.getTime())) throw new TypeError('exportAccessLog: `from` must be before `to`');
  const pages: StoredAccessRecord[][] = [];
  for (let before: number | null = null; ; ) {
    const page = await store.search({ from: filter.from, to: filter.to, agency: filter.agency, subject: filter.personalId, purpose: filter.purpose }, before, PAGE);
    if (page.length > 0) pages.push(page);
    const oldest = page.at(-1);
    if (oldest === undefined || page.length < PAGE) break;
    before = oldest.seq;
  }
  let count = 0;
  for (const page of pages.reverse()) {
    for (const record of page.reverse()) {
      count += 1;
      // Respect back-pressure: a large export piped into a slow consumer must not pile up in memory twice.
      if (!out.write(`${exportLine(record)}\n`)) await once(out, 'drain');
    }
  }
  return count;
}

/**
 * Writes every signed checkpoint to `out` as `{ seq, hash, signed_at, jws }`, one per line, and
 * resolves the count. Copies kept away from the database let an auditor prove later that the
 * chain still holds a seq and hash, even if someone able to delete rows removed the checkpoints.
 */
export async function exportCheckpoints(store: AccessLogStore, out: NodeJS.WritableStream): Promise<number> {
  const checkpoints = await store.checkpoints();
  for (const c of checkpoints) {
    if (!out.write(`${JSON.stringify({ seq: c.seq, hash: c.hash, signed_at: c.signedAt.toISOString(), jws: c.jws })}\n`)) await once(out, 'drain');
  }
  return checkpoints.length;
}

/** One record as a JSON object keyed by the table's column names; times in ISO 8601 UTC. */
export function exportLine(r: StoredAccessRecord): string {
  return JSON.stringify(toColumns(r));
}
