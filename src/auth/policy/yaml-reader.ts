/**
 * Reads a YAML document node by node, so that every value keeps its place in the file. Each
 * helper reports what it expected and what it found, and returns `undefined` for a value it
 * could not use: the caller carries on and the file's other problems are still found.
 */
import { type Document, type Node, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Problems } from './policy-problems.js';

/** A value of the file: its node (null when absent), its dotted path, where to point at it. */
export interface At {
  readonly node: Node | null;
  readonly path: string;
  readonly offset: number;
}

/** One key of a mapping, with where the key and its value are. */
export interface Entry {
  readonly key: string;
  readonly keyAt: At;
  readonly value: At;
}

/** A text item of a list (or a key), with where it is. */
export interface Item {
  readonly value: string;
  readonly at: At;
}

/** `a.b` for keys; keys are joined verbatim, so `agencies.CA.HBT` names agency `CA.HBT`. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export class Reader {
  constructor(
    private readonly doc: Document,
    readonly problems: Problems,
  ) {}

  /** The document's top-level value. */
  root(): At {
    const node = this.resolve(this.doc.contents);
    return { node, path: '', offset: node?.range?.[0] ?? 0 };
  }

  report(at: At, message: string): void {
    this.problems.add(at.offset, at.path, message);
  }

  /**
   * The entries of a mapping, in file order, keeping the first of duplicated keys (the parser
   * is run without its own duplicate check so that we can say where the first one was).
   */
  map(at: At, expected: string): Entry[] | undefined {
    const node = at.node;
    if (!isMap(node)) {
      this.report(at, `expected ${expected}, got ${describe(node)}`);
      return undefined;
    }
    const firstAt = new Map<string, number>();
    const entries: Entry[] = [];
    for (const pair of node.items) {
      const key = this.resolve(pair.key);
      const keyOffset = key?.range?.[0] ?? at.offset;
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
        this.report({ node: key, path: at.path, offset: keyOffset }, `expected a text key, got ${describe(key)}`);
        continue;
      }
      const name = String(key.value);
      const keyAt: At = { node: key, path: join(at.path, name), offset: keyOffset };
      const first = firstAt.get(name);
      if (first !== undefined) {
        this.report(keyAt, `duplicate key (first at line ${this.problems.lineOf(first)})`);
        continue;
      }
      firstAt.set(name, keyOffset);
      const value = this.resolve(pair.value);
      // An empty value (`key:`) has no text of its own to point at: point at its key.
      const empty = isScalar(value) && value.value === null && !value.source;
      entries.push({ key: name, keyAt, value: { node: value, path: keyAt.path, offset: (empty ? undefined : value?.range?.[0]) ?? keyOffset } });
    }
    return entries;
  }

  /** Reports every key that is not allowed here, naming those that are. */
  onlyKeys(entries: readonly Entry[], allowed: readonly string[]): void {
    for (const entry of entries) {
      if (!allowed.includes(entry.key)) this.report(entry.keyAt, `unknown key (expected one of: ${allowed.join(', ')})`);
    }
  }

  /** The entry named `key`; when `required`, its absence is reported at `owner`. */
  entry(entries: readonly Entry[], key: string, owner: At, required: string | false = false): Entry | undefined {
    const found = entries.find((e) => e.key === key);
    if (!found && required !== false) this.report(owner, `missing "${key}" (${required})`);
    return found;
  }

  /** A non-empty text value. */
  text(at: At, expected: string): string | undefined {
    const node = at.node;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    this.report(at, `expected ${expected}, got ${describe(node)}`);
    return undefined;
  }

  boolean(at: At, expected: string): boolean | undefined {
    const node = at.node;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.report(at, `expected ${expected}, got ${describe(node)}`);
    return undefined;
  }

  /** A whole number from `min` to `max`. */
  integer(at: At, min: number, max: number, expected: string): number | undefined {
    const node = at.node;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= min && node.value <= max) return node.value;
    this.report(at, `expected ${expected}, got ${describe(node)}`);
    return undefined;
  }

  /** The items of a list, each with its path (`read[2]`). */
  list(at: At, expected: string): At[] | undefined {
    const node = at.node;
    if (!isSeq(node)) {
      this.report(at, `expected ${expected}, got ${describe(node)}`);
      return undefined;
    }
    return node.items.map((raw, index) => {
      const item = this.resolve(raw);
      return { node: item, path: `${at.path}[${index}]`, offset: item?.range?.[0] ?? at.offset };
    });
  }

  /** A list of text items; a repeated item is reported (it is a copy-paste slip, not a grant). */
  texts(at: At, expected: string, itemExpected: string): Item[] | undefined {
    const items = this.list(at, expected);
    if (!items) return undefined;
    const firstAt = new Map<string, number>();
    const out: Item[] = [];
    for (const itemAt of items) {
      const value = this.text(itemAt, itemExpected);
      if (value === undefined) continue;
      const first = firstAt.get(value);
      if (first !== undefined) {
        this.report(itemAt, `"${value}" is listed twice (first at line ${this.problems.lineOf(first)})`);
        continue;
      }
      firstAt.set(value, itemAt.offset);
      out.push({ value, at: itemAt });
    }
    return out;
  }

  /** Follows an alias to its anchored node; anything that is not a node becomes null. */
  private resolve(value: unknown): Node | null {
    if (isAlias(value)) return value.resolve(this.doc) ?? null;
    return isMap(value) || isSeq(value) || isScalar(value) ? value : null;
  }
}

/** What a value is, for "expected X, got Y" (scalars are quoted: a policy holds no secrets). */
export function describe(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node)) return 'an alias';
  const value = node.value;
  if (value === null) return node.source === '' || node.source === undefined ? 'nothing' : 'null';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  return 'a value of another kind';
}
