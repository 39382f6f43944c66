/**
 * The per-request context: a request id, and each source's loaders, made fresh for every
 * request so nothing loaded for one caller is ever served to another.
 */
import type { AnalyticsContext } from '../analytics/analytics.resolver.js';
import type { AccessLogContext } from '../audit/access-log.resolver.js';
import type { AuditFacts } from '../audit/release-tracking.js';
import type { RequestAuth } from '../auth/request-auth.js';
import { rowScopes } from '../auth/row-scopes.js';
import type { Storage } from '../db/index.js';
import type { PrefetchContext } from '../graphql/prefetch.js';
import type { Logger } from '../log/logger.js';
import { type BusinessContext, createBusinessSource } from '../sources/business/index.js';
import { type CivilContext, createCivilSource } from '../sources/civil/index.js';
import { type LandContext, createLandSource } from '../sources/land/index.js';
import { type PopulationContext, createPopulationSource } from '../sources/population/index.js';
import { type RecordsContext, createRecordsSource } from '../sources/records/index.js';
import { RELATIVE_HINTS, createPrefetcher } from './links/prefetch.js';

export interface GatewayContext extends PopulationContext, RecordsContext, CivilContext, LandContext, BusinessContext, PrefetchContext, AccessLogContext, AnalyticsContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly auth: RequestAuth;
  /** What the access log records of this request (filled during execution). */
  readonly audit: AuditFacts;
  /** The client's address, as the HTTP server saw it. */
  readonly client: string | null;
}

export type ContextFactory = (requestId: string, logger: Logger, auth: RequestAuth, client: string | null) => Promise<GatewayContext>;

/** Process-wide parts of every source (catalogue caches), and the per-request factory. */
export function createContextFactory(storage: Storage, accessLog: AccessLogContext['accessLog'], options: { minCellCount: number; analyticsTimeoutMs: number }): ContextFactory {
  const population = createPopulationSource(storage.sources.population, { relativeHints: RELATIVE_HINTS });
  const records = createRecordsSource(storage.sources.records);
  const civil = createCivilSource(storage.sources.civil);
  const land = createLandSource(storage.sources.land);
  const business = createBusinessSource(storage.sources.business);
  const analytics: AnalyticsContext['analytics'] = {
    connection: (source) => storage.sources[source],
    units: () => population.units.get(),
    minCellCount: options.minCellCount,
    timeoutMs: options.analyticsTimeoutMs,
  };
  return async (requestId, logger, auth, client) => {
    // Row rules become each source's scope; a grant without them reads no unit catalogue.
    const scopes = auth.grant.rows.AdministrativeResult || auth.grant.rows.Citizen ? rowScopes(auth.grant, auth.principal, await population.units.get()) : null;
    const context: GatewayContext = {
      requestId,
      logger,
      auth,
      audit: { subjects: new Set(), caseRef: null },
      accessLog,
      analytics,
      client,
      population: population.createLoaders(scopes?.citizens ?? null),
      records: records.createLoaders(scopes?.results ?? null),
      civil: civil.createLoaders(),
      land: land.createLoaders(),
      business: business.createLoaders(),
    };
    context.prefetch = createPrefetcher(context, auth.grant.fields);
    return context;
  };
}
