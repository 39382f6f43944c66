/**
 * The access log's storage: appending records to one hash chain, signed checkpoints, and reads.
 *
 * One chain across replicas, optimistically: a store remembers the head it last wrote or read,
 * chains the new records after it, and inserts them in one statement (one round trip, one
 * commit). `seq` is the primary key, so if another replica has extended the chain meanwhile the
 * insert fails on the first taken seq, nothing is written, and the store re-reads the head and
 * chains again. Every record therefore links to the record that really precedes it.
 *
 * The same statement inserts the batch's field sets that the store has not yet stored (the
 * lists a record says of the fields, stored once per distinct set; ON CONFLICT DO NOTHING, since
 * another replica may have stored one first), and the records reference them by id.
 */
import type { LienThongError } from '../../errors/index.js';
import type { SourceConnection } from '../../db/index.js';
import { type AccessRecord, type FieldLists, type FieldSet, GENESIS_HASH, type StoredAccessRecord, chainHash } from './access-log.chain.js';
import { COLUMNS, FROM, INSERT_COLUMNS, asDate, insertRow, strings, toRecord } from './access-log.rows.js';

/** Re-reads of the head after a lost race, before giving up. */
const MAX_ATTEMPTS = 20;
/** Field-set ids remembered as stored; past this the oldest is forgotten (it is then sent again, harmlessly). */
const MAX_KNOWN_FIELD_SETS = 10_000;

type Query = SourceConnection['query'];

/** A record to append: what it says of the fields as a field set, made once per distinct set by the caller (`fieldSet`). */
export type NewAccessRecord = Omit<AccessRecord, 'seq' | 'fieldSet' | keyof FieldLists> & { readonly fields: FieldSet };

export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly signedAt: Date;
  readonly jws: string;
}

export class AccessLogStore {
  /** The chain's head as this store last knew it; null: read it before the next append. */
  private head: { seq: number; hash: string } | null = null;
  /** Ids of field sets known to be stored (the table is append-only, so they stay stored). */
  private readonly storedFieldSets = new Set<string>();

  constructor(private readonly connection: SourceConnection) {}

  /**
   * Appends `records` in order after the chain's last record, committed in one statement, and
   * returns them as stored. Not re-entrant: a store's appends must not overlap (the writer
   * queues them). `checkpoint`, if given, may then sign the new head.
   */
  async append(records: readonly NewAccessRecord[], checkpoint?: (head: StoredAccessRecord, writer: CheckpointWriter) => Promise<void>): Promise<StoredAccessRecord[]> {
    if (records.length === 0) return [];
    for (let attempt = 1; ; attempt++) {
      const head = this.head ?? (await this.readHead());
      const stored = chainAfter(head, records);
      const fieldSets = this.unstoredFieldSets(records);
      try {
        await insert(this.query, stored, fieldSets);
      } catch (error) {
        this.head = null;
        if (isTakenSeq(error) && attempt < MAX_ATTEMPTS) continue;
        // Whatever failed, the next batch sends every field set again rather than trust memory.
        this.storedFieldSets.clear();
        throw error;
      }
      this.rememberStored(fieldSets);
      const last = stored.at(-1) as StoredAccessRecord;
      this.head = { seq: last.seq, hash: last.hash };
      if (checkpoint) await checkpoint(last, new CheckpointWriter(this.query));
      return stored;
    }
  }

  private readonly query: Query = (text, params) => this.connection.query(text, params);

  /** The batch's field sets not known to be stored, each once, sorted by id: replicas inserting the same new sets lock them in one order. */
  private unstoredFieldSets(records: readonly NewAccessRecord[]): FieldSet[] {
    const unstored = new Map<string, FieldSet>();
    for (const { fields } of records) if (!this.storedFieldSets.has(fields.id)) unstored.set(fields.id, fields);
    return [...unstored.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  private rememberStored(fieldSets: readonly FieldSet[]): void {
    for (const { id } of fieldSets) {
      if (this.storedFieldSets.size >= MAX_KNOWN_FIELD_SETS) this.storedFieldSets.delete(this.storedFieldSets.values().next().value as string);
      this.storedFieldSets.add(id);
    }
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const [last] = await this.connection.query<{ seq: number; hash: string }>('SELECT seq, hash FROM gateway.access_log ORDER BY seq DESC LIMIT 1');
    return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Records in chain order from `afterSeq`, at most `limit`. */
  async records(afterSeq: number, limit: number): Promise<StoredAccessRecord[]> {
    const rows = await this.connection.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM ${FROM} WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    return rows.map(toRecord);
  }

  /** The stored field sets among `ids`, by id, their lists as stored (for the verifier to re-hash). */
  async fieldSets(ids: readonly string[]): Promise<Map<string, FieldLists>> {
    if (ids.length === 0) return new Map();
    const rows = await this.connection.query<Record<string, unknown>>(
      'SELECT id, released, masked, denied, categories FROM gateway.access_log_field_sets WHERE id = ANY($1::bpchar[])',
      [ids],
    );
    return new Map(rows.map((r) => [String(r.id), { released: strings(r.released), masked: strings(r.masked), denied: strings(r.denied), categories: strings(r.categories) }]));
  }

  async checkpoints(): Promise<Checkpoint[]> {
    const rows = await this.connection.query<Record<string, unknown>>('SELECT seq, hash, signed_at AS "signedAt", jws FROM gateway.access_log_checkpoints ORDER BY seq');
    return rows.map((r) => ({ seq: Number(r.seq), hash: String(r.hash), signedAt: asDate(r.signedAt), jws: String(r.jws) }));
  }

  /** The last checkpoint's seq and time, or null. */
  async lastCheckpoint(): Promise<{ seq: number; signedAt: Date } | null> {
    const [row] = await this.connection.query<Record<string, unknown>>('SELECT seq, signed_at AS "signedAt" FROM gateway.access_log_checkpoints ORDER BY seq DESC LIMIT 1');
    return row ? { seq: Number(row.seq), signedAt: asDate(row.signedAt) } : null;
  }

  /**
   * Records matching a filter, newest first (keyset on seq). `subject` filters on the GIN-indexed
   * subjects; `visibleBefore` hides an agency's records newer than its own cut-off (deferral).
   */
  async search(filter: AccessLogFilter, beforeSeq: number | null, limit: number): Promise<StoredAccessRecord[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    if (filter.subject) add((n) => `subjects @> ARRAY[$${n}::text]`, filter.subject);
    if (filter.agency) add((n) => `agency = $${n}`, filter.agency);
    if (filter.purpose) add((n) => `purpose = $${n}`, filter.purpose);
    if (filter.from) add((n) => `at >= $${n}::timestamptz`, filter.from.toISOString());
    if (filter.to) add((n) => `at < $${n}::timestamptz`, filter.to.toISOString());
    if (filter.outcomes) add((n) => `outcome = ANY($${n}::text[])`, filter.outcomes);
    if (filter.deferred && filter.deferred.length > 0) {
      params.push(filter.deferred.map((d) => d.agency), filter.deferred.map((d) => d.visibleBefore.toISOString()));
      const [agencies, cutoffs] = [params.length - 1, params.length];
      // Cut-offs travel as text[]: postgres.js cannot serialize a timestamptz[] parameter.
      conditions.push(`NOT EXISTS (SELECT 1 FROM unnest($${agencies}::text[], $${cutoffs}::text[]) AS d(agency, cutoff) WHERE d.agency = access_log.agency AND access_log.at >= d.cutoff::timestamptz)`);
    }
    if (beforeSeq !== null) add((n) => `seq < $${n}`, beforeSeq);
    params.push(limit);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.connection.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM ${FROM} ${where} ORDER BY seq DESC LIMIT $${params.length}`, params);
    return rows.map(toRecord);
  }
}

export interface AccessLogFilter {
  readonly subject?: string | null;
  readonly agency?: string | null;
  readonly purpose?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly outcomes?: readonly string[];
  /** Agencies whose records are shown only once older than their cut-off. */
  readonly deferred?: ReadonlyArray<{ agency: string; visibleBefore: Date }>;
}

/** Inserts a checkpoint of a head just appended. */
export class CheckpointWriter {
  constructor(private readonly query: Query) {}

  async write(checkpoint: Checkpoint): Promise<void> {
    await this.query('INSERT INTO gateway.access_log_checkpoints (seq, hash, signed_at, jws) VALUES ($1, $2, $3::timestamptz, $4)', [
      checkpoint.seq,
      checkpoint.hash,
      checkpoint.signedAt.toISOString(),
      checkpoint.jws,
    ]);
  }
}

/**
 * `records` chained after `head`. Each stored record is spelled out field by field: spreading
 * the new record into it cost more than hashing it, and this runs for every record written.
 */
function chainAfter(head: { seq: number; hash: string }, records: readonly NewAccessRecord[]): StoredAccessRecord[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return records.map((r) => {
    const f = r.fields;
    const stored: Mutable<StoredAccessRecord> = {
      seq: ++seq,
      at: r.at,
      requestId: r.requestId,
      agency: r.agency,
      officer: r.officer,
      role: r.role,
      purpose: r.purpose,
      caseRef: r.caseRef,
      operation: r.operation,
      documentHash: r.documentHash,
      variablesHash: r.variablesHash,
      subjects: r.subjects,
      released: f.released,
      masked: f.masked,
      denied: f.denied,
      categories: f.categories,
      fieldSet: f.id,
      outcome: r.outcome,
      code: r.code,
      client: r.client,
      prevHash,
      hash: '',
    };
    stored.hash = chainHash(prevHash, stored);
    prevHash = stored.hash;
    return stored;
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A unique violation on the primary key: another replica took the seq first. */
function isTakenSeq(error: unknown): boolean {
  const cause = (error as LienThongError | undefined)?.cause as { code?: unknown; constraint?: unknown; constraint_name?: unknown } | undefined;
  return cause?.code === '23505';
}

/** The record columns selected from `r`, one positional JSON array per record (see `insertRow`). */
const RECORD_VALUES = INSERT_COLUMNS.map(([, type], i) =>
  type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(r.v->${i}))` : type === 'text' ? `r.v->>${i}` : `(r.v->>${i})::${type}`,
).join(', ');
const INSERT_RECORDS = `INSERT INTO gateway.access_log (${INSERT_COLUMNS.map(([name]) => name).join(', ')})
  SELECT ${RECORD_VALUES} FROM jsonb_array_elements($1::jsonb) AS r(v)`;

/**
 * One statement for the batch: its records and, when it has any, the field sets not yet stored
 * (the foreign key is checked at the statement's end, so a record may reference a field set
 * inserted beside it). Lists travel as JSON (drivers disagree on text[][]). Most batches bring
 * no new field set, and their statement is the plain insert.
 */
async function insert(query: Query, rows: readonly StoredAccessRecord[], fieldSets: readonly FieldSet[]): Promise<void> {
  const records = JSON.stringify(rows.map(insertRow));
  if (fieldSets.length === 0) {
    await query(INSERT_RECORDS, [records]);
    return;
  }
  await query(
    `WITH new_field_sets AS (
       INSERT INTO gateway.access_log_field_sets (id, released, masked, denied, categories)
       SELECT f.id, ARRAY(SELECT jsonb_array_elements_text(f.released)), ARRAY(SELECT jsonb_array_elements_text(f.masked)),
         ARRAY(SELECT jsonb_array_elements_text(f.denied)), ARRAY(SELECT jsonb_array_elements_text(f.categories))
       FROM jsonb_to_recordset($2::jsonb) AS f(id text, released jsonb, masked jsonb, denied jsonb, categories jsonb)
       ON CONFLICT (id) DO NOTHING
     )
     ${INSERT_RECORDS}`,
    [records, JSON.stringify(fieldSets)],
  );
}
