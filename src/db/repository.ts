import type { QueryOptions, SourceConnection } from './storage.js';

/**
 * Base of the sources' repositories. Statement texts depend on the projection, so each is
 * built once per shape and kept: the same text each time lets postgres.js prepare it once per
 * connection.
 */
export abstract class SourceRepository {
  private readonly statements = new Map<string, string>();

  constructor(protected readonly connection: SourceConnection) {}

  /** Runs the statement known by `key`, building its text on first use. */
  protected run<T extends Record<string, unknown> = Record<string, unknown>>(key: string, build: () => string, params: readonly unknown[], options?: QueryOptions): Promise<T[]> {
    let text = this.statements.get(key);
    if (text === undefined) {
      text = build();
      this.statements.set(key, text);
    }
    return this.connection.query<T>(text, params, options);
  }
}
