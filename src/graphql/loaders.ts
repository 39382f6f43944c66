/**
 * DataLoader shapes used by every source. Each batch is one `WHERE key = ANY($1)` statement;
 * the rows are put back in key order (the DataLoader contract: same length and order as keys).
 * Loaders live for one request, so nothing is cached across callers.
 */
import DataLoader from 'dataloader';

type Row = Record<string, unknown>;

/** One row (or null) per key; `keyOf` reads the key column of a row. */
export function rowLoader<R extends Row, K extends string | number = string>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      // Keep the first row per key: queries order rows so the first is the one to show.
      if (!byKey.has(key)) byKey.set(key, row);
    }
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Every row of each key (an empty list when none), in the order the query returned them. */
export function groupLoader<R extends Row>(fetch: (keys: readonly string[]) => Promise<R[]>, keyOf: (row: R) => string): DataLoader<string, R[]> {
  return new DataLoader<string, R[]>(async (keys) => {
    const byKey = new Map<string, R[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * Loaders of one kind that differ by projection: one loader per field set, made on first use.
 * Two parts of a query asking different fields of the same entity get a statement each.
 */
export class LoaderFamily<L> {
  private readonly loaders = new Map<string, L>();
  get(signature: string, make: () => L): L {
    let loader = this.loaders.get(signature);
    if (!loader) {
      loader = make();
      this.loaders.set(signature, loader);
    }
    return loader;
  }
}
