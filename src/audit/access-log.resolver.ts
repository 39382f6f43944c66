/**
 * Reading the access log: citizens see who read their data (`myAccessLog`), auditors search
 * everything (`accessLog`). Who may call which is the policy's decision like any other field;
 * nobody else is granted either.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireCode, requirePersonalId } from '../graphql/arguments.js';
import { PAGE_ARGS_DESCRIPTION, decodeCursor, pageSize, parseIdKey, toConnection } from '../graphql/pagination.js';
import type { AccessLogStore, StoredAccessRecord } from '../sources/gateway/index.js';
import type { AuthorizedContext } from '../auth/request-auth.js';
import type { Policy } from '../auth/policy/policy.types.js';
import { AccessLogConnection, AccessLogFilter, MyAccessLogConnection, type MyAccessLogEntry } from './access-log.types.js';

/** What these resolvers need from the request context. */
export interface AccessLogContext extends AuthorizedContext {
  readonly accessLog: { readonly store: AccessLogStore; readonly policy: Policy };
}

const DAY_MS = 86_400_000;

@Resolver()
export class AccessLogQueries {
  @Query(() => MyAccessLogConnection, { nullable: true, description: "Who accessed the signed-in citizen's data, when, why and what kinds of data, newest first (role citizen)." })
  async myAccessLog(
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS_DESCRIPTION.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS_DESCRIPTION.after }) after: string | null,
    @Ctx() ctx: AccessLogContext,
  ): Promise<MyAccessLogConnection> {
    const size = pageSize(first);
    const { principal } = ctx.auth;
    if (principal.role !== 'citizen') return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const { store, policy } = ctx.accessLog;
    const now = Date.now();
    const deferred = [...policy.agencies]
      .filter(([, agency]) => agency.accessLogDeferralDays > 0)
      .map(([agency, { accessLogDeferralDays }]) => ({ agency, visibleBefore: new Date(now - accessLogDeferralDays * DAY_MS) }));
    const rows = await store.search({ subject: principal.sub, outcomes: ['RELEASED', 'PARTIAL'], deferred }, decodeCursor(after, parseIdKey), size + 1);
    const entries = rows.map((r): MyAccessLogEntry & { seq: number } => ({
      seq: r.seq,
      at: r.at,
      agencyCode: r.agency,
      agencyName: policy.agencies.get(r.agency)?.name ?? null,
      purpose: r.purpose,
      purposeDescription: r.purpose ? (policy.purposes.get(r.purpose) ?? null) : null,
      categories: r.categories,
    }));
    return toConnection(entries, size, (e) => e.seq);
  }

  @Query(() => AccessLogConnection, { nullable: true, description: 'The access log, newest first, for auditors.' })
  async accessLog(
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter: AccessLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS_DESCRIPTION.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS_DESCRIPTION.after }) after: string | null,
    @Ctx() ctx: AccessLogContext,
  ): Promise<AccessLogConnection> {
    const size = pageSize(first);
    const f = filter ?? {};
    if (f.personalId) requirePersonalId(f.personalId, 'filter.personalId');
    if (f.agency) requireCode(f.agency, 'filter.agency');
    if (f.purpose) requireCode(f.purpose, 'filter.purpose', 64);
    const rows: StoredAccessRecord[] = await ctx.accessLog.store.search(
      { subject: f.personalId ?? null, agency: f.agency ?? null, purpose: f.purpose ?? null, from: f.from ?? null, to: f.to ?? null },
      decodeCursor(after, parseIdKey),
      size + 1,
    );
    return toConnection(rows, size, (r) => r.seq);
  }
}
