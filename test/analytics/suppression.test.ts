/**
 * The small-cell rule on tables built to leak: a suppressed cell must not be recoverable by
 * subtracting the visible cells of its line from the line's margin (the total of a
 * one-dimensional table, or a coarser question's cell).
 */
import { describe, expect, it } from 'vitest';
import { type ProtectedCell, type RawCell, protect } from '../../src/analytics/suppression.js';

const K = 10;
const cell = (key: string[], count: number): RawCell => ({ key, count, values: [count * 3] });
const totalOf = (cells: RawCell[]): RawCell => ({ key: [], count: cells.reduce((a, c) => a + c.count, 0), values: [cells.reduce((a, c) => a + c.count * 3, 0)] });
const statuses = (cells: ProtectedCell[]) => Object.fromEntries(cells.map((c) => [c.key.join('|'), c.status]));

/** Every value an attacker can derive: a line's margin minus its visible cells, when one cell is hidden. */
function recoverable(cells: ProtectedCell[], margins: (line: ProtectedCell[], dimension: number) => number | null): string[] {
  const found: string[] = [];
  const dimensions = cells[0]?.key.length ?? 0;
  for (let d = 0; d < dimensions; d++) {
    const lines = new Map<string, ProtectedCell[]>();
    for (const c of cells) {
      const rest = c.key.filter((_, i) => i !== d).join('|');
      lines.set(rest, [...(lines.get(rest) ?? []), c]);
    }
    for (const line of lines.values()) {
      const hidden = line.filter((c) => c.status !== 'SHOWN');
      const margin = margins(line, d);
      if (hidden.length === 1 && margin !== null) found.push(hidden[0]!.key.join('|'));
    }
  }
  return found;
}

describe('small-cell protection', () => {
  it('suppresses a cell below k and, in a one-dimensional table, a second cell so the total gives neither away', () => {
    const cells = [cell(['A'], 120), cell(['B'], 4), cell(['C'], 37), cell(['D'], 55)];
    const table = protect(cells, totalOf(cells), K);
    expect(statuses(table.cells)).toEqual({ A: 'SHOWN', B: 'PRIMARY', C: 'SECONDARY', D: 'SHOWN' });
    expect(table.total.status).toBe('SHOWN');
    // What the analyst sees: total 216, A 120, D 55; B + C = 41 in some split, neither known.
    const visible = table.cells.filter((c) => c.status === 'SHOWN').reduce((a, c) => a + c.count, 0);
    expect(table.total.count - visible).toBe(4 + 37);
  });

  it('in two dimensions, leaves no row or column with a single suppressed cell, so no margin recovers one', () => {
    // Wards × ethnicity group: ward W2's minority cell is small.
    const cells = [
      cell(['W1', 'KINH'], 900), cell(['W1', 'MINORITY'], 40),
      cell(['W2', 'KINH'], 700), cell(['W2', 'MINORITY'], 3),
      cell(['W3', 'KINH'], 650), cell(['W3', 'MINORITY'], 22),
    ];
    const table = protect(cells, totalOf(cells), K);
    const st = statuses(table.cells);
    expect(st['W2|MINORITY']).toBe('PRIMARY');
    // The ward margin (group by ward) and the ethnicity margin (group by ethnicity) are other questions anyone may ask.
    expect(recoverable(table.cells, () => 1)).toEqual([]);
    // The cheapest protection: W3's minority cell (22) and the W2 and W3 Kinh cells go with it.
    expect(st).toEqual({ 'W1|KINH': 'SHOWN', 'W1|MINORITY': 'SHOWN', 'W2|KINH': 'SECONDARY', 'W2|MINORITY': 'PRIMARY', 'W3|KINH': 'SECONDARY', 'W3|MINORITY': 'SECONDARY' });
  });

  it('holds in three dimensions and repeats until stable', () => {
    const cells: RawCell[] = [];
    let n = 0;
    for (const a of ['a1', 'a2', 'a3']) for (const b of ['b1', 'b2', 'b3']) for (const c of ['c1', 'c2']) cells.push(cell([a, b, c], [2, 150, 31, 12, 9, 80, 44][n++ % 7]!));
    const table = protect(cells, totalOf(cells), K);
    expect(recoverable(table.cells, () => 1)).toEqual([]);
    for (const c of table.cells) if (c.count < K) expect(c.status).toBe('PRIMARY');
  });

  it('suppresses the total when it is below k, or when it alone would reveal the only suppressed cell', () => {
    const small = [cell(['A'], 3), cell(['B'], 4)];
    expect(protect(small, totalOf(small), K).total.status).toBe('PRIMARY');
    // A line of one cell: its own margin is that cell, suppressed wherever asked; here the total.
    const single = [cell(['A', 'x'], 5)];
    const t = protect(single, totalOf(single), K);
    expect(t.cells[0]!.status).toBe('PRIMARY');
    expect(t.total.status).toBe('PRIMARY');
  });

  it('changes nothing when every cell reaches k', () => {
    const cells = [cell(['A'], 10), cell(['B'], 11)];
    const table = protect(cells, totalOf(cells), K);
    expect(table.cells.every((c) => c.status === 'SHOWN')).toBe(true);
    expect(table.total.status).toBe('SHOWN');
  });

  it('on 2,000 random tables of one to three dimensions, leaves no line with exactly one suppressed cell, and marks as primary exactly the cells below k', () => {
    // A seeded generator, so a failure names a table that can be rebuilt.
    let seed = 20261206;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 2000; t++) {
      const dimensions = 1 + Math.floor(random() * 3);
      const sizes = Array.from({ length: dimensions }, () => 1 + Math.floor(random() * 5));
      const cells: RawCell[] = [];
      const fill = (key: string[]) => {
        if (key.length === dimensions) {
          if (random() < 0.85) cells.push(cell(key, Math.floor(random() * 25)));
          return;
        }
        for (let i = 0; i < sizes[key.length]!; i++) fill([...key, `v${i}`]);
      };
      fill([]);
      const table = protect(cells, totalOf(cells), K);
      const label = `table ${t}: ${JSON.stringify(cells.map((c) => [c.key.join('|'), c.count]))}`;
      expect(recoverable(table.cells, (line) => (line.length > 1 ? 1 : null)), label).toEqual([]);
      table.cells.forEach((c, i) => {
        expect(c.key, label).toEqual(cells[i]!.key);
        if (cells[i]!.count < K) expect(c.status, label).toBe('PRIMARY');
        else expect(c.status, label).not.toBe('PRIMARY');
      });
      if (table.cells.every((c) => c.count >= K)) expect(table.cells.every((c) => c.status === 'SHOWN'), label).toBe(true);
    }
  });
});
