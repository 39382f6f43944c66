/**
 * The operations each agency's software may send (trusted documents), by the SHA-256 of the
 * document text. Checked for every request of a role without ad hoc documents, so kept in memory
 * and re-read every few seconds, like the agency registry: a registration takes effect on every
 * replica within `ttlMs`.
 */
import type { SourceConnection } from '../../db/index.js';
import { sha256Hex } from './access-log.chain.js';

export interface TrustedDocument {
  readonly agency: string;
  readonly hash: string;
  readonly name: string;
}

/** The hash a document is registered and checked by: SHA-256 (hex) of its text as sent. */
export function documentHash(text: string): string {
  return sha256Hex(text);
}

export class TrustedDocuments {
  private current: { keys: ReadonlySet<string>; loadedAt: number } | null = null;
  private loading: Promise<ReadonlySet<string>> | null = null;

  constructor(
    private readonly connection: SourceConnection,
    private readonly ttlMs = 5_000,
  ) {}

  async isTrusted(agency: string, hash: string): Promise<boolean> {
    return (await this.snapshot()).has(`${agency}\u0000${hash}`);
  }

  /** Registers documents; returns how many were new (a document registered again is kept as it was). */
  async register(documents: readonly TrustedDocument[]): Promise<number> {
    if (documents.length === 0) return 0;
    const rows = await this.connection.query(
      `INSERT INTO gateway.trusted_documents (agency, hash, name)
         SELECT * FROM unnest($1::varchar[], $2::bpchar[], $3::text[])
       ON CONFLICT (agency, hash) DO NOTHING RETURNING hash`,
      [documents.map((d) => d.agency), documents.map((d) => d.hash), documents.map((d) => d.name)],
    );
    this.current = null;
    return rows.length;
  }

  async list(agency: string | null = null): Promise<TrustedDocument[]> {
    const rows = await this.connection.query<{ agency: string; hash: string; name: string }>(
      `SELECT agency, hash, name FROM gateway.trusted_documents WHERE $1::text IS NULL OR agency = $1 ORDER BY agency, name, hash`,
      [agency],
    );
    return rows.map((r) => ({ agency: r.agency, hash: r.hash.trim(), name: r.name }));
  }

  private async snapshot(): Promise<ReadonlySet<string>> {
    const current = this.current;
    if (current && Date.now() - current.loadedAt < this.ttlMs) return current.keys;
    this.loading ??= (async () => {
      try {
        const keys = new Set((await this.list()).map((d) => `${d.agency}\u0000${d.hash}`));
        this.current = { keys, loadedAt: Date.now() };
        return keys;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
