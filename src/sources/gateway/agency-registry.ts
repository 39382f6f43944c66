/**
 * The agencies the gateway serves and whether each is active, from the gateway's own store. A
 * token proves who signed it; only this store says whether the agency may still be served (an
 * agency is suspended when it is dissolved, merged, or under sanction). Read for every request,
 * so kept in memory and refreshed every few seconds: a suspension takes effect within
 * `ttlMs` on every replica, without a query per request.
 */
import type { SourceConnection } from '../../db/index.js';

export type AgencyStatus = 'ACTIVE' | 'SUSPENDED';

export interface AgencyRecord {
  code: string;
  name: string;
  status: AgencyStatus;
}

export class AgencyRegistry {
  private current: { byCode: ReadonlyMap<string, AgencyRecord>; loadedAt: number } | null = null;
  private loading: Promise<ReadonlyMap<string, AgencyRecord>> | null = null;

  constructor(
    private readonly connection: SourceConnection,
    private readonly ttlMs = 5_000,
  ) {}

  /** The agency's status, or null when the store does not know it. */
  async status(code: string): Promise<AgencyStatus | null> {
    return (await this.snapshot()).get(code)?.status ?? null;
  }

  async list(): Promise<AgencyRecord[]> {
    return this.connection.query<AgencyRecord & Record<string, unknown>>('SELECT code, name, status::text AS status FROM gateway.agencies ORDER BY code');
  }

  /** Adds agencies the store does not hold yet (as given); existing ones keep their status. */
  async register(agencies: readonly AgencyRecord[]): Promise<number> {
    if (agencies.length === 0) return 0;
    const rows = await this.connection.query(
      // Statuses travel as text[]: drivers serialize arrays of a custom enum inconsistently.
      `INSERT INTO gateway.agencies (code, name, status)
         SELECT a.code, a.name, a.status::gateway.agency_status FROM unnest($1::varchar[], $2::text[], $3::text[]) AS a(code, name, status)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [agencies.map((a) => a.code), agencies.map((a) => a.name), agencies.map((a) => a.status)],
    );
    this.current = null;
    return rows.length;
  }

  /** Sets an agency's status; false when the store does not know the agency. */
  async setStatus(code: string, status: AgencyStatus): Promise<boolean> {
    const rows = await this.connection.query('UPDATE gateway.agencies SET status = $2::gateway.agency_status WHERE code = $1 RETURNING code', [code, status]);
    this.current = null;
    return rows.length > 0;
  }

  private async snapshot(): Promise<ReadonlyMap<string, AgencyRecord>> {
    const current = this.current;
    if (current && Date.now() - current.loadedAt < this.ttlMs) return current.byCode;
    this.loading ??= (async () => {
      try {
        const byCode = new Map((await this.list()).map((a) => [a.code, a]));
        this.current = { byCode, loadedAt: Date.now() };
        return byCode;
      } finally {
        this.loading = null;
      }
    })();
    // A failed refresh fails the request (SOURCE_UNAVAILABLE): serving from a stale copy could
    // keep a suspended agency in service while the store is down.
    return this.loading;
  }
}
