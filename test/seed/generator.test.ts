import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import { copyLine } from '../../src/db/copy-format.js';
import { Random } from '../../src/lib/random.js';
import { PageAllocator } from '../../src/seed/pages.js';
import { PUBLISHED_HBT, planFor, scaledTotals } from '../../src/seed/plan.js';
import { generate } from '../../src/seed/seed.js';
import { SEED_TABLES } from '../../src/seed/tables.js';
import { HBT_WARDS } from '../../src/seed/catalog/hai-ba-trung.js';

async function digest(seed: number): Promise<{ hash: string; rows: number }> {
  const hash = createHash('sha256');
  let rows = 0;
  await generate(planFor('demo', seed), (table, row) => {
    hash.update(table);
    hash.update(copyLine(row));
    rows++;
  });
  return { hash: hash.digest('hex'), rows };
}

describe('demo data generator', () => {
  it('is deterministic: the same seed gives the same rows byte for byte, another seed others', async () => {
    const [a, b, c] = await Promise.all([digest(1), digest(1), digest(2)]);
    expect(a.rows).toBeGreaterThan(100_000);
    expect(b).toEqual(a);
    expect(c.hash).not.toBe(a.hash);
  });

  it('deals exact page totals over exact file counts', () => {
    const random = new Random(7);
    for (const [files, pages] of [[1, 1], [3, 3], [10, 1_000], [86_257, 88_629], [213_420, 1_036_390]] as const) {
      const allocator = new PageAllocator(files, pages);
      let sum = 0;
      let max = 0;
      for (let i = 0; i < files; i++) {
        const n = allocator.next(random);
        expect(n).toBeGreaterThanOrEqual(1);
        sum += n;
        max = Math.max(max, n);
      }
      expect(sum).toBe(pages);
      expect(max).toBeLessThanOrEqual(400);
      expect(() => allocator.next(random)).toThrow(RangeError);
    }
    expect(() => new PageAllocator(5, 4)).toThrow(/at least one page/);
  });

  it('plans the published figures at district scale and the same arithmetic at demo scale', () => {
    expect(planFor('district').districts[0]!.totals).toEqual({ districtFiles: 213_420, districtPages: 1_036_390, wardFiles: 86_257, wardPages: 88_629 });
    const demo = planFor('demo').districts[0]!;
    const share = demo.wards.reduce((s, w) => s + w.population, 0) / HBT_WARDS.reduce((s, w) => s + w.population, 0);
    expect(demo.wards).toHaveLength(2);
    expect(demo.totals).toEqual(scaledTotals(demo.wards, HBT_WARDS));
    expect(demo.totals.districtFiles).toBe(Math.round(PUBLISHED_HBT.districtFiles * share));
    expect(demo.totals.wardPages).toBe(Math.round(PUBLISHED_HBT.wardPages * share));
    expect(planFor('city').districts).toHaveLength(28);
  });

  it('emits every column of every seeded table', () => {
    for (const [name, def] of Object.entries(SEED_TABLES)) {
      const all = Object.keys(getTableColumns(def.table)).sort();
      expect([...def.columns].sort(), name).toEqual(all);
    }
  });
});
