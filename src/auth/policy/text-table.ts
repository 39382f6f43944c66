/**
 * A plain-text table for terminals and logs: cells wrap within their column, and the headers of
 * narrow columns alternate between two lines so that a long name may run over its neighbour.
 * No colours, no box drawing: the output is meant to be diffed and pasted into reviews.
 */

export interface TextColumn {
  readonly header: string;
  /** Narrow columns (the category grid) get staggered headers. */
  readonly narrow: boolean;
  /** Wider cells wrap; a column is at least as wide as its longest unbreakable word. */
  readonly maxWidth: number;
  /** Takes what `totalWidth` leaves after the other columns (at most one column should). */
  readonly fill?: boolean;
}

const GAP = 2;
const NARROW_GAP = 1;

/**
 * Renders `rows` (one string per column, possibly empty) under `columns`, aiming at
 * `totalWidth` characters a line (exceeded only by words that cannot be broken at a space);
 * lines are right-trimmed.
 */
export function renderTextTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], totalWidth = 160): string {
  const longestWord = columns.map((_, c) => Math.max(1, ...rows.flatMap((row) => pieces(row[c] ?? '')).map((p) => p.text.length)));
  const longestCell = columns.map((_, c) => Math.max(0, ...rows.map((row) => (row[c] ?? '').length)));
  const widths = columns.map((column, c) =>
    Math.max(longestWord[c] ?? 1, column.fill ? 0 : Math.min(longestCell[c] ?? 0, column.maxWidth), column.narrow ? 0 : column.header.length),
  );
  const gaps = columns.map((column, c) => (column.narrow && columns[c + 1]?.narrow ? NARROW_GAP : GAP));
  widenForStaggeredHeaders(columns, widths, gaps);
  const fill = columns.findIndex((column) => column.fill === true);
  const fillColumn = columns[fill];
  if (fillColumn) {
    const others = widths.reduce((sum, w, c) => sum + (c === fill ? 0 : w) + (c === columns.length - 1 ? 0 : (gaps[c] ?? GAP)), 0);
    const wanted = Math.min(longestCell[fill] ?? 0, fillColumn.maxWidth, totalWidth - others);
    widths[fill] = Math.max(widths[fill] ?? 1, wanted);
  }
  const starts = widths.map((_, c) => widths.slice(0, c).reduce((sum, w, i) => sum + w + (gaps[i] ?? GAP), 0));

  const lines = [...headerLines(columns, starts)];
  lines.push('-'.repeat((starts.at(-1) ?? 0) + (widths.at(-1) ?? 0)));
  for (const row of rows) {
    const wrapped = columns.map((_, c) => wrap(row[c] ?? '', widths[c] ?? 1));
    const height = Math.max(...wrapped.map((cell) => cell.length));
    for (let i = 0; i < height; i++) {
      lines.push(wrapped.map((cell, c) => (cell[i] ?? '').padEnd((widths[c] ?? 0) + (gaps[c] ?? GAP))).join('').trimEnd());
    }
  }
  return lines.join('\n');
}

/**
 * Narrow headers go on two lines, alternately; a header may then run until the start of the
 * column two to its right (the next one on its line), so the column between is widened if not.
 */
function widenForStaggeredHeaders(columns: readonly TextColumn[], widths: number[], gaps: readonly number[]): void {
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c];
    if (!column?.narrow) continue;
    const room = (widths[c] ?? 0) + (gaps[c] ?? GAP) + (widths[c + 1] ?? 0) + (gaps[c + 1] ?? GAP) - 1;
    if (column.header.length > room && c + 1 < widths.length) widths[c + 1] = (widths[c + 1] ?? 0) + column.header.length - room;
  }
}

function headerLines(columns: readonly TextColumn[], starts: readonly number[]): [string, string] {
  const lines: [string[], string[]] = [[], []];
  let narrowIndex = 0;
  let lastNarrowLine = 1;
  columns.forEach((column, c) => {
    let line: 0 | 1 = 1;
    if (column.narrow) {
      line = narrowIndex % 2 === 0 ? 0 : 1;
      lastNarrowLine = line;
      narrowIndex++;
    } else if (c > 0 && columns[c - 1]?.narrow) {
      // After the grid: the line the last narrow header is not on, so the two cannot overlap.
      line = lastNarrowLine === 0 ? 1 : 0;
    }
    place(lines[line], starts[c] ?? 0, column.header);
  });
  return [lines[0].join('').trimEnd(), lines[1].join('').trimEnd()];
}

function place(line: string[], at: number, text: string): void {
  while (line.length < at + text.length) line.push(' ');
  for (let i = 0; i < text.length; i++) line[at + i] = text[i] ?? ' ';
}

/**
 * The unbreakable pieces of a cell: words split at spaces, and after a "/" inside a word (so
 * that `UBND.HAIBATRUNG/partner` may wrap between agency and role); `space` says whether a
 * space separates a piece from the one before.
 */
function pieces(text: string, breakAfterSlash = true): { readonly text: string; readonly space: boolean }[] {
  return text
    .split(' ')
    .filter((word) => word !== '')
    .flatMap((word) => (breakAfterSlash ? word.split(/(?<=\/)/) : [word]).map((piece, i) => ({ text: piece, space: i === 0 })));
}

/** Greedy wrap to `width`, at spaces (and after "/" unless told not to); a longer piece is cut. */
export function wrap(text: string, width: number, breakAfterSlash = true): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces(text, breakAfterSlash)) {
    const joined = line === '' ? piece.text : `${line}${piece.space ? ' ' : ''}${piece.text}`;
    if (joined.length <= width) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = piece.text;
    for (; rest.length > width; rest = rest.slice(width)) lines.push(rest.slice(0, width));
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
