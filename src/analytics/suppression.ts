/**
 * Small-cell protection of an aggregate table.
 *
 * Primary: a cell (or the total) counting fewer than k rows is suppressed.
 *
 * Secondary, the line rule: fix every dimension but one and the cells left form a line, whose
 * sum is the margin any coarser question reveals (group by one dimension fewer, or the total
 * of a one-dimensional table). A line holding exactly one suppressed cell would give that cell
 * away by subtraction, so the smallest visible cell of the line is suppressed with it; this
 * repeats until no line, in any direction, holds exactly one. A line of a single cell needs
 * nothing more: its margin is that cell, below k, and suppressed wherever it is asked for. The
 * total is suppressed too when it is below k, or when only one cell is.
 *
 * What this does not claim: that no combination of several tables and their margins could
 * narrow a suppressed cell down (auditing every linear combination is what τ-ARGUS's optimal
 * methods do); and queries with differing filters can still be differenced (see the README).
 */

export type CellStatus = 'SHOWN' | 'PRIMARY' | 'SECONDARY';

export interface RawCell {
  readonly key: readonly string[];
  readonly count: number;
  readonly values: readonly number[];
}

export interface ProtectedCell extends RawCell {
  status: CellStatus;
}

export interface ProtectedTable {
  readonly cells: ProtectedCell[];
  readonly total: ProtectedCell;
}

export function protect(cells: readonly RawCell[], total: RawCell, k: number): ProtectedTable {
  const out: ProtectedCell[] = cells.map((c) => ({ key: c.key, count: c.count, values: c.values, status: c.count < k ? 'PRIMARY' : 'SHOWN' }));
  // The lines never change, only the statuses in them: grouped once, not on every pass.
  const lines = (out[0]?.key ?? []).flatMap((_, d) => linesAlong(out, d));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) if (closeLine(line)) changed = true;
  }
  const suppressedCells = out.filter((c) => c.status !== 'SHOWN').length;
  const totalStatus: CellStatus = total.count < k ? 'PRIMARY' : suppressedCells === 1 ? 'SECONDARY' : 'SHOWN';
  return { cells: out, total: { key: total.key, count: total.count, values: total.values, status: totalStatus } };
}

/**
 * Suppresses the smallest visible cell (the first of equals) of a line holding exactly one
 * suppressed cell; true if it did.
 */
function closeLine(line: readonly ProtectedCell[]): boolean {
  let suppressed = 0;
  let smallest: ProtectedCell | undefined;
  for (const cell of line) {
    if (cell.status !== 'SHOWN') {
      if (++suppressed > 1) return false;
    } else if (!smallest || cell.count < smallest.count) {
      smallest = cell;
    }
  }
  if (suppressed !== 1 || !smallest) return false;
  smallest.status = 'SECONDARY';
  return true;
}

/** The cells grouped by their key without dimension `d`, in first-seen order. */
function linesAlong(cells: readonly ProtectedCell[], d: number): ProtectedCell[][] {
  const lines = new Map<string, ProtectedCell[]>();
  for (const cell of cells) {
    let rest = '';
    for (let i = 0; i < cell.key.length; i++) if (i !== d) rest += `${cell.key[i]}\u0000`;
    let line = lines.get(rest);
    if (!line) lines.set(rest, (line = []));
    line.push(cell);
  }
  return [...lines.values()];
}
