/**
 * The problems found in one policy file, each pinned to a line and column so that an operator can
 * fix every one in a single pass (a loader that stops at the first fault makes them do it N times).
 */
import type { LineCounter } from 'yaml';

/** Path slot used for faults of the YAML text itself, which belong to no key. */
export const SYNTAX_PATH = '(syntax)';
/** Path slot used for faults of the document as a whole. */
export const ROOT_PATH = '(document)';

export class Problems {
  private readonly found: { readonly offset: number; readonly order: number; readonly text: string }[] = [];

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  /** Records a problem at a character offset of the source text. */
  add(offset: number, path: string, message: string): void {
    const { line, col } = this.lines.linePos(offset);
    this.found.push({ offset, order: this.found.length, text: `${this.file}:${line}:${col}: ${path || ROOT_PATH}: ${message}` });
  }

  /** 1-based line of an offset, for messages that point back at an earlier occurrence. */
  lineOf(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  get size(): number {
    return this.found.length;
  }

  /** Every problem, in the order they appear in the file (then in the order found). */
  list(): string[] {
    return [...this.found].sort((a, b) => a.offset - b.offset || a.order - b.order).map((p) => p.text);
  }
}
