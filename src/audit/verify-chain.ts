/**
 * Verifies the access log end to end: every record's hash recomputed over its stored fields,
 * every link to the previous record, the seqs contiguous from 1, every field set a record
 * references re-hashed from its stored lists, and every signed checkpoint against the record at
 * its seq. Reports the first problem by seq, and what it is.
 */
import type { JWK } from 'jose';
import { type AccessLogStore, type Checkpoint, GENESIS_HASH, type StoredAccessRecord, chainHash, fieldSetId } from '../sources/gateway/index.js';
import { CheckpointVerificationError, verifyCheckpoint } from './checkpoint-signer.js';

/**
 * What went wrong at the first faulty seq. The walk goes in seq order; at each record it checks,
 * in this order, and the first failed check decides:
 *
 * - `deleted`: a seq is missing (the next stored seq is further on), or a signed checkpoint
 *   names a seq past the last record (the tail was cut), or the record's hash verifies only
 *   at a higher seq while the record it followed exists nowhere (rows deleted, the rest renumbered).
 * - `reordered`: the record's hash does not verify at its own seq (the seq is hashed) but does at
 *   another seq nearby, and the record it followed still exists: rows were renumbered.
 * - `inserted`: the record's hash verifies at its seq, the seqs are contiguous, yet its
 *   `prev_hash` is not the previous record's hash: forged with a hash computed over the wrong
 *   predecessor. Also a copy of another record (its hash verifies at that record's seq, where
 *   an identical record still stands).
 * - `altered`: the record's hash matches neither its fields at its seq nor any nearby seq: a
 *   field, `prev_hash` or `hash` was changed. Also a rewrite that recomputed the hashes: the
 *   chain is self-consistent but the record at a signed checkpoint's seq differs from what was
 *   signed, or a broken link (above) is followed by a checkpoint vouching for the records after
 *   it, which proves the record before the break was replaced. Then `earliestSeq` < `seq`: the
 *   rewrite began somewhere in `earliestSeq..seq` (after the last checkpoint that verified).
 * - `field-set`: the record's own hash verifies, but the field set it references is missing, or
 *   its stored lists no longer hash to its id: what the record (and every other record that
 *   references it) says was released, masked or denied was changed. Reported at the first record
 *   that references it.
 * - `checkpoint-signature`: a checkpoint's JWS does not verify with the public key (or is not a
 *   checkpoint, or its row's columns differ from what it signs); reported at the checkpoint's seq.
 */
export type ChainProblemKind = 'altered' | 'deleted' | 'inserted' | 'reordered' | 'field-set' | 'checkpoint-signature';

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The seq named: the first at fault, or, when only a range is known, its end. */
  readonly seq: number;
  /** Equal to `seq` when the fault is pinned to it; smaller when it lies somewhere in `earliestSeq..seq`. */
  readonly earliestSeq: number;
  /** One sentence for an operator, naming seqs only (never field values). */
  readonly explanation: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly problem: ChainProblem | null;
  /** Records read (all of them, also after a problem). */
  readonly records: number;
  readonly checkpoints: number;
  /** `unchecked` without a public key: checkpoints were compared with the chain, their signatures not verified. */
  readonly signatures: 'checked' | 'unchecked';
  /** The last record read, or null for an empty log. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
  /** The last checkpoint that matched the chain before any problem; records after it are protected by the chain alone. */
  readonly lastCheckpointSeq: number | null;
}

export interface VerifyOptions {
  /** Records per read (default 5,000). */
  readonly batch?: number;
}

/** How far either side of a broken record the verifier looks for the seq it was written at. */
const REORDER_WINDOW = 5_000;

type CheckedCheckpoint = { readonly seq: number; readonly hash: string | null; readonly fault: string | null };

/**
 * Reads the whole chain in seq order, `batch` records at a time, and the checkpoints, and checks
 * them (see `ChainProblemKind`). With `publicJwk` null the checkpoints are still compared with
 * the chain, their rows taken at their word, and reported `unchecked`. Records after the last checkpoint are only as safe as the
 * chain: cutting them off, or appending a well-formed forgery, cannot be detected.
 * @throws the store's errors (SOURCE_UNAVAILABLE); TypeError on a bad `batch` or key.
 */
export async function verifyChain(store: AccessLogStore, publicJwk: JWK | null, options: VerifyOptions = {}): Promise<ChainReport> {
  const batch = options.batch ?? 5_000;
  if (!Number.isSafeInteger(batch) || batch < 1) throw new TypeError(`verifyChain: batch must be a whole number from 1, got ${batch}`);
  const stored = await store.checkpoints();
  const fieldSets = new FieldSetCheck(store);
  const walk = new ChainWalk(store, await checkCheckpoints(stored, publicJwk), fieldSets);
  for (let after = 0; ; ) {
    const rows = await store.records(after, batch);
    await fieldSets.load(rows);
    for (const row of rows) await walk.visit(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < batch) break;
    after = last.seq;
  }
  const problem = walk.finish();
  return {
    ok: problem === null,
    problem,
    records: walk.count,
    checkpoints: stored.length,
    signatures: publicJwk ? 'checked' : 'unchecked',
    head: walk.head,
    lastCheckpointSeq: walk.lastGood,
  };
}

/** Verifies every signature up front (a few per thousand records), so the walk only compares hashes. */
async function checkCheckpoints(stored: readonly Checkpoint[], publicJwk: JWK | null): Promise<CheckedCheckpoint[]> {
  const checked: CheckedCheckpoint[] = [];
  for (const row of stored) {
    if (publicJwk === null) {
      checked.push({ seq: row.seq, hash: row.hash, fault: null });
      continue;
    }
    try {
      const signed = await verifyCheckpoint(row.jws, publicJwk);
      const same = signed.seq === row.seq && signed.hash === row.hash && signed.at === row.signedAt.toISOString();
      checked.push({ seq: row.seq, hash: signed.hash, fault: same ? null : 'its row says otherwise than its signed payload (seq, hash or time edited)' });
    } catch (error) {
      if (!(error instanceof CheckpointVerificationError)) throw error;
      checked.push({ seq: row.seq, hash: null, fault: error.message });
    }
  }
  return checked.sort((a, b) => a.seq - b.seq);
}

/** Each field set the records reference, checked once: present, and its id recomputed from its stored lists. */
class FieldSetCheck {
  private readonly faults = new Map<string, 'missing' | 'altered' | null>();

  constructor(private readonly store: AccessLogStore) {}

  /** Reads and checks the field sets `rows` reference that were not checked yet (one query). */
  async load(rows: readonly StoredAccessRecord[]): Promise<void> {
    const ids = [...new Set(rows.map((r) => r.fieldSet).filter((id): id is string => id !== null && !this.faults.has(id)))];
    const stored = await this.store.fieldSets(ids);
    for (const id of ids) {
      const lists = stored.get(id);
      this.faults.set(id, lists === undefined ? 'missing' : fieldSetId(lists) === id ? null : 'altered');
    }
  }

  /** What is wrong with a record's field set, if anything; null for a record with its lists inline. */
  problemOf(r: StoredAccessRecord): ChainProblem | null {
    const fault = r.fieldSet === null ? null : this.faults.get(r.fieldSet);
    if (fault === undefined) throw new TypeError(`FieldSetCheck: the field set of seq ${r.seq} was not loaded`);
    if (fault === null) return null;
    const which = `the field set it references (${r.fieldSet?.slice(0, 16)}…)`;
    if (fault === 'missing') return problem('field-set', r.seq, `${which} is missing: what this record says was released, masked or denied is gone`);
    return problem('field-set', r.seq, `${which} was altered: its stored lists no longer hash to its id, so what this record and every other record referencing it say was released, masked or denied was changed`);
  }
}

class ChainWalk {
  count = 0;
  head: { seq: number; hash: string } | null = null;
  lastGood: number | null = null;
  private problem: ChainProblem | null = null;
  /** A broken link with contiguous seqs, held until a checkpoint tells a forgery from a rewrite. */
  private pending: StoredAccessRecord | null = null;
  private next = 0;

  constructor(
    private readonly store: AccessLogStore,
    private readonly checkpoints: readonly CheckedCheckpoint[],
    private readonly fieldSets: FieldSetCheck,
  ) {}

  async visit(r: StoredAccessRecord): Promise<void> {
    const prev = this.head;
    this.count += 1;
    this.head = { seq: r.seq, hash: r.hash };
    if (this.problem) return;
    const expected = (prev?.seq ?? 0) + 1;
    if (r.seq > expected) {
      return this.fail(this.pendingOr(problem('deleted', expected, `${span(expected, r.seq - 1)} missing: the next stored record is seq ${r.seq}`)));
    }
    if (chainHash(r.prevHash, r) !== r.hash) return this.fail(this.pendingOr(await this.classifyBroken(r)));
    const fieldSetProblem = this.fieldSets.problemOf(r);
    if (fieldSetProblem) return this.fail(this.pendingOr(fieldSetProblem));
    if (r.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
      if (this.pending) return this.fail(this.insertedProblem(this.pending));
      this.pending = r;
    }
    this.checkpointsUpTo(r);
  }

  /** The first problem, once every record has been visited. */
  finish(): ChainProblem | null {
    if (this.problem) return this.problem;
    const cp = this.checkpoints[this.next];
    const headSeq = this.head?.seq ?? 0;
    if (cp && cp.fault !== null) return this.pendingOr(checkpointProblem(cp));
    if (cp) {
      const explanation = `${span(headSeq + 1, cp.seq)} missing: the signed checkpoint at seq ${cp.seq} names a record past the last one (seq ${headSeq}); the tail was cut`;
      return this.pendingOr(problem('deleted', headSeq + 1, explanation));
    }
    return this.pending ? this.insertedProblem(this.pending) : null;
  }

  private checkpointsUpTo(r: StoredAccessRecord): void {
    for (let cp = this.checkpoints[this.next]; cp && cp.seq <= r.seq && !this.problem; cp = this.checkpoints[++this.next]) {
      if (cp.fault !== null) return this.fail(this.pendingOr(checkpointProblem(cp)));
      // Only reachable for a seq no record has: the walk stops at the first gap otherwise.
      if (cp.seq < r.seq) return this.fail(this.pendingOr(problem('deleted', cp.seq, `seq ${cp.seq} is missing, though a signed checkpoint names it`)));
      const earliest = (this.lastGood ?? 0) + 1;
      if (cp.hash !== r.hash) {
        const explanation =
          `its hash differs from the one signed in the checkpoint at seq ${r.seq}, though the chain before it is self-consistent: ` +
          `a record ${rangeText(earliest, r.seq)} was altered and the hashes after it recomputed`;
        return this.fail(this.pendingOr(ranged('altered', earliest, r.seq, explanation)));
      }
      if (this.pending) {
        // The checkpoint vouches for the chain from the broken link on, so that record's
        // prev_hash is the original: the record before it is the one that was replaced.
        const replaced = this.pending.seq - 1;
        const explanation =
          `the next record (seq ${this.pending.seq}) links to a different hash, and the signed checkpoint at seq ${cp.seq} vouches for that record: ` +
          `this record was altered and its hash recomputed${earliest < replaced ? ` (the rewrite may begin as early as seq ${earliest})` : ''}`;
        return this.fail(ranged('altered', Math.min(earliest, replaced), replaced, explanation));
      }
      this.lastGood = cp.seq;
    }
  }

  /** A record whose hash does not verify at its own seq: changed, moved, a copy, or the survivor of a deletion. */
  private async classifyBroken(r: StoredAccessRecord): Promise<ChainProblem> {
    const from = Math.max(1, r.seq - REORDER_WINDOW);
    const writtenAs = seqThatVerifies(r, from, r.seq + REORDER_WINDOW);
    if (writtenAs === null) return problem('altered', r.seq, 'its stored hash does not match its fields: a field, prev_hash or hash was changed');
    const window = await this.store.records(from - 1, 2 * REORDER_WINDOW + 1);
    if (window.some((w) => w.seq === writtenAs && w.hash === r.hash)) {
      return problem('inserted', r.seq, `a copy of the record at seq ${writtenAs} (its hash verifies only there)`);
    }
    if (writtenAs > r.seq && !window.some((w) => w.hash === r.prevHash)) {
      const explanation = `the record stored at seq ${r.seq} was written as seq ${writtenAs} and the record it followed is gone: ${writtenAs - r.seq} record(s) deleted and the later ones renumbered`;
      return problem('deleted', r.seq, explanation);
    }
    return problem('reordered', r.seq, `the record stored at seq ${r.seq} was written as seq ${writtenAs} (its hash verifies only there): rows were renumbered`);
  }

  private insertedProblem(r: StoredAccessRecord): ChainProblem {
    const explanation =
      `its prev_hash is not the hash of the record at seq ${r.seq - 1} although the seqs are contiguous: a forged record, hashed over the wrong predecessor ` +
      `(or the record at seq ${r.seq - 1} was rewritten; no signed checkpoint after it can tell which)`;
    return problem('inserted', r.seq, explanation);
  }

  private pendingOr(found: ChainProblem): ChainProblem {
    return this.pending ? this.insertedProblem(this.pending) : found;
  }

  private fail(found: ChainProblem): void {
    this.problem ??= found;
  }
}

/** The seq in `from..to`, other than its own, at which `r`'s stored hash verifies, or null. */
function seqThatVerifies(r: StoredAccessRecord, from: number, to: number): number | null {
  for (let seq = from; seq <= to; seq++) {
    if (seq !== r.seq && chainHash(r.prevHash, { ...r, seq }) === r.hash) return seq;
  }
  return null;
}

function checkpointProblem(cp: CheckedCheckpoint): ChainProblem {
  return problem('checkpoint-signature', cp.seq, `the checkpoint at seq ${cp.seq} does not verify: ${cp.fault ?? 'unknown fault'}`);
}

function problem(kind: ChainProblemKind, seq: number, explanation: string): ChainProblem {
  return { kind, seq, earliestSeq: seq, explanation };
}

function ranged(kind: ChainProblemKind, earliestSeq: number, seq: number, explanation: string): ChainProblem {
  return { kind, seq, earliestSeq, explanation };
}

function span(from: number, to: number): string {
  return from === to ? `seq ${from} is` : `seqs ${from} to ${to} are`;
}

function rangeText(from: number, to: number): string {
  return from === to ? `at seq ${to}` : `somewhere in seqs ${from} to ${to}`;
}
