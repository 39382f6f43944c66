/**
 * Writes access records durably before the response they describe is sent. Appends are
 * group-committed: while one transaction is being committed, the records of every request that
 * finishes meanwhile queue up and go in the next one, so under load one commit (one fsync)
 * carries many records, and an idle gateway still writes each record at once. Each caller's
 * promise resolves only when its own record is committed, and rejects if that commit failed.
 */
import type { AccessLogStore, CheckpointWriter, NewAccessRecord, StoredAccessRecord } from '../sources/gateway/index.js';

/** Sign a checkpoint every this many records… */
export const CHECKPOINT_EVERY_RECORDS = 1000;
/** …or when the last one is older than this (if records came since). */
export const CHECKPOINT_EVERY_MS = 60_000;
/** Records per transaction at most: bounds one commit's size and latency. */
const MAX_BATCH = 500;

/** Told of every commit (metrics): how long it took and how many records it carried. */
export interface CommitObserver {
  committed(milliseconds: number, records: number): void;
  failed(milliseconds: number, records: number): void;
}

export interface CheckpointSigning {
  sign(payload: { seq: number; hash: string; at: string }): Promise<string>;
}

interface Pending {
  record: NewAccessRecord;
  resolve(): void;
  reject(error: unknown): void;
}

export class AccessLogWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private lastCheckpoint: { seq: number; at: number } | null | undefined;

  constructor(
    private readonly store: AccessLogStore,
    private readonly signer: CheckpointSigning | null,
    private readonly observer: CommitObserver | null = null,
  ) {}

  /** Resolves once `record` is committed in the chain; rejects (the store's error) if it is not. */
  append(record: NewAccessRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Let the requests finishing in this same tick join the batch.
        queueMicrotask(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const started = performance.now();
      try {
        this.lastCheckpoint ??= await this.readLastCheckpoint();
        await this.store.append(
          batch.map((p) => p.record),
          (head, tx) => this.maybeCheckpoint(head, tx),
        );
        this.observer?.committed(performance.now() - started, batch.length);
        for (const p of batch) p.resolve();
      } catch (error) {
        this.observer?.failed(performance.now() - started, batch.length);
        // The insert failed: no record of this batch is in the chain, so none of their
        // responses may be sent. The checkpoint state is re-read before the next batch.
        this.lastCheckpoint = undefined;
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = false;
  }

  private async readLastCheckpoint(): Promise<{ seq: number; at: number } | null> {
    const last = await this.store.lastCheckpoint();
    return last ? { seq: last.seq, at: last.signedAt.getTime() } : null;
  }

  private async maybeCheckpoint(head: StoredAccessRecord, tx: CheckpointWriter): Promise<void> {
    if (!this.signer) return;
    const last = this.lastCheckpoint ?? { seq: 0, at: 0 };
    const now = Date.now();
    if (head.seq - last.seq < CHECKPOINT_EVERY_RECORDS && now - last.at < CHECKPOINT_EVERY_MS) return;
    const at = new Date(now);
    const jws = await this.signer.sign({ seq: head.seq, hash: head.hash, at: at.toISOString() });
    await tx.write({ seq: head.seq, hash: head.hash, signedAt: at, jws });
    this.lastCheckpoint = { seq: head.seq, at: now };
  }
}
