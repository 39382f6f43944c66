/**
 * Buffers generated rows as COPY text per table and loads them in rounds of a few megabytes.
 * A round loads each source's tables in dependency order (parents first, each chunk one
 * committed COPY), so foreign keys inside a source always find their parent. While one round loads, the generator
 * fills the next one: on PostgreSQL the server ingests while Node generates. Memory stays at
 * about two rounds whatever the scale.
 */
import { type CopyValue, copyLine } from '../db/copy-format.js';
import type { Storage } from '../db/storage.js';
import { groupBy } from '../lib/group-by.js';
import { SEED_ORDER, SEED_TABLES, type SeedTable, qualifiedName, sqlColumns } from './tables.js';

const ROUND_BYTES = 8 * 1024 * 1024;

export class CopyWriter {
  private buffers = new Map<SeedTable, string[]>();
  private bufferedBytes = 0;
  private loading: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  readonly rows = Object.fromEntries(SEED_ORDER.map((t) => [t, 0])) as Record<SeedTable, number>;

  constructor(
    private readonly storage: Storage,
    private readonly roundBytes = ROUND_BYTES,
  ) {}

  readonly emit = (table: SeedTable, row: CopyValue[]): void => {
    const line = copyLine(row);
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = [];
      this.buffers.set(table, buffer);
    }
    buffer.push(line);
    this.bufferedBytes += line.length;
    this.rows[table]++;
  };

  /** Starts loading the buffered rows once a round's worth has accumulated. */
  async maybeFlush(): Promise<void> {
    if (this.bufferedBytes >= this.roundBytes) await this.startRound();
  }

  /** Loads everything still buffered and waits for it. */
  async finish(): Promise<void> {
    await this.startRound();
    await this.loading;
    this.throwIfFailed();
  }

  private async startRound(): Promise<void> {
    await this.loading;
    this.throwIfFailed();
    const round = this.buffers;
    this.buffers = new Map();
    this.bufferedBytes = 0;
    this.loading = this.load(round).catch((error: unknown) => {
      this.failure = error;
    });
  }

  /** Sources load side by side (each its own connection); tables within a source in order. */
  private async load(round: Map<SeedTable, string[]>): Promise<void> {
    const loaded = SEED_ORDER.filter((table) => (round.get(table)?.length ?? 0) > 0);
    const bySource = groupBy(loaded, (table) => SEED_TABLES[table].source);
    await Promise.all(
      [...bySource].map(async ([source, tables]) => {
        for (const table of tables) {
          const sink = await this.storage.sources[source].copyInto(qualifiedName(table), sqlColumns(table));
          await sink.write((round.get(table) as string[]).join(''));
          await sink.end();
        }
      }),
    );
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}
