/**
 * Our changes to postgres.js 3.4.9 (patches/postgres+3.4.9.patch, applied by `npm ci`):
 * - Its pool keeps connections and queries in a small queue whose `shift` leaves a hole and whose
 *   `remove` searched through every hole: while the pool's busy queue never drained (sustained
 *   load), the holes stayed and every remove got slower, the whole process with it. The patch
 *   compacts the holes and searches from the head; the queue must still behave as a queue,
 *   checked against a plain array over long runs that never drain it (where it compacts).
 * - A query went to the idle connection idle longest; it now goes to the one used last, whose
 *   backend is still warm (W3 at one connection: 1.08x). So does a reserved connection (an
 *   analyst's aggregate reserves one per request; W5 at one connection: 1.07x). Checked on the
 *   real server.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { Random } from '../../src/lib/random.js';
import { adminUrl } from '../support/postgres-admin.js';

interface Queue<T> {
  readonly length: number;
  push(x: T): T;
  pop(): T | undefined;
  shift(): T | undefined;
  remove(x: T): T | null;
}

// The module the pool itself imports (the package's `import` entry sits beside it).
const entry = createRequire(import.meta.url).resolve('postgres');
const queueModule = path.join(path.dirname(entry), '..', '..', 'src', 'queue.js');
const { default: makeQueue } = (await import(pathToFileURL(queueModule).href)) as { default: <T>(initial?: T[]) => Queue<T> };

describe('the patched postgres.js queue', () => {
  it('is the file the pool loads, with the patch applied', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(queueModule, 'utf8')).toContain('xs.indexOf(x, index)');
  });

  for (const seed of [1, 2, 3]) {
    it(`agrees with a plain array over 50,000 random operations that rarely drain it (seed ${seed})`, () => {
      const random = new Random(seed);
      const queue = makeQueue<number>();
      const model: number[] = [];
      let next = 0;
      let drained = 0;
      for (let step = 0; step < 50_000; step++) {
        const roll = random.float();
        // Pushes slightly outnumber shifts until the queue holds a few, as the busy queue does.
        if (roll < 0.45 || model.length < 3) {
          expect(queue.push(next)).toBe(next);
          model.push(next++);
        } else if (roll < 0.85) {
          expect(queue.shift()).toBe(model.shift());
        } else if (roll < 0.9) {
          expect(queue.pop()).toBe(model.pop());
        } else {
          // Remove one that is queued, or one that never was or has left.
          const candidate = random.chance(0.7) && model.length > 0 ? (model[random.int(0, model.length - 1)] as number) : random.int(-5, next + 5);
          const at = model.indexOf(candidate);
          expect(queue.remove(candidate)).toBe(at === -1 ? null : candidate);
          if (at !== -1) model.splice(at, 1);
        }
        if (model.length === 0) drained++;
        expect(queue.length).toBe(model.length);
        // Bounded like the pool's busy queue: a connection leaves it when it has nothing to do.
        while (model.length > 40) {
          expect(queue.shift()).toBe(model.shift());
        }
      }
      expect(drained).toBeLessThan(50);
      while (model.length > 0) expect(queue.shift()).toBe(model.shift());
      expect(queue.length).toBe(0);
    });
  }

  it('a connection shifted out and pushed back (pipelining onto a busy one) is found and removed', () => {
    const queue = makeQueue<string>();
    for (const c of ['a', 'b', 'c', 'd']) queue.push(c);
    for (let i = 0; i < 10_000; i++) queue.push(queue.shift() as string);
    expect(queue.remove('c')).toBe('c');
    expect(queue.remove('c')).toBeNull();
    expect(queue.length).toBe(3);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual(['a', 'b', 'd', undefined]);
  });
});

describe('the patched postgres.js pool', () => {
  /** A pool of four with all four connections open and idle. */
  async function poolOfFourOpen(): Promise<postgres.Sql> {
    const sql = postgres(adminUrl(), { max: 4, onnotice: () => {} });
    try {
      // Four at once open four connections (each sleeps, so none is free for the next).
      const opened = await Promise.all([0, 1, 2, 3].map(() => sql<{ pid: number }[]>`select pg_backend_pid() as pid, pg_sleep(0.05)`));
      expect(new Set(opened.map(([row]) => row!.pid)).size).toBe(4);
      return sql;
    } catch (error) {
      await sql.end();
      throw error;
    }
  }

  it('sends a query to the idle connection used last, not the one idle longest', async () => {
    const sql = await poolOfFourOpen();
    try {
      // Then one at a time: each goes where the one before it went.
      const pids: number[] = [];
      for (let i = 0; i < 8; i++) pids.push((await sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid);
      expect(new Set(pids).size).toBe(1);
    } finally {
      await sql.end();
    }
  });

  it('reserves the idle connection used last, not the one idle longest', async () => {
    const sql = await poolOfFourOpen();
    try {
      const [last] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      // Reserved one after another, each released before the next: always the one just used.
      const pids: number[] = [];
      for (let i = 0; i < 8; i++) {
        const reserved = await sql.reserve();
        try {
          pids.push((await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid);
        } finally {
          reserved.release();
        }
      }
      expect(pids).toEqual(Array(8).fill(last!.pid));
    } finally {
      await sql.end();
    }
  });
});
