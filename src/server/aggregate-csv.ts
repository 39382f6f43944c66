/**
 * `GET /aggregate.csv`: an analyst's aggregate as a download, with the same identity, the same
 * grant (every field the CSV shows must be granted, as the GraphQL query would need) and the same
 * small-cell protection as `Query.aggregate`.
 *
 *   /aggregate.csv?dataset=RESULTS&measures=COUNT,PAGES&groupBy=DOMAIN,YEAR&filter=YEAR>=2015&filter=DOMAIN=LAND,CIVIL_STATUS
 *
 * `filter` repeats; each is DIMENSION=v1,v2 (one of), DIMENSION>=v or DIMENSION<=v (ordered
 * dimensions). Errors are the gateway's JSON errors with their codes.
 */
import type { AggregateFilter } from '../analytics/aggregate-sql.js';
import { type AggregateRequest, runAggregate } from '../analytics/aggregate.service.js';
import { aggregateCsv } from '../analytics/csv.js';
import { DATASETS } from '../analytics/datasets.js';
import type { Authenticator } from '../auth/authenticate.js';
import { BadUserInputError, ForbiddenError, isLienThongError } from '../errors/index.js';
import type { Logger } from '../log/logger.js';
import type { ContextFactory } from '../schema/context.js';
import { withinRate } from './graphql.js';
import { type RouteHandler, sendJson } from './http.js';
import type { AgencyRateLimiter } from './rate-limit.js';

/** What a CSV shows, as the coordinates a GraphQL query for it would select. */
const SHOWN = ['Query.aggregate', 'AggregateTable.cells', 'AggregateTable.total', 'AggregateCell.key', 'AggregateCell.labels', 'AggregateCell.values', 'AggregateCell.status'];
const PARAMS = new Set(['dataset', 'measures', 'groupBy', 'filter']);
const FILTER = /^([A-Z][A-Z0-9_]*)(=|>=|<=)(.+)$/s;

export function aggregateCsvRoute(options: { authenticator: Authenticator; createContext: ContextFactory; logger: Logger; rateLimiter: AgencyRateLimiter | null }): RouteHandler {
  const { authenticator, createContext } = options;
  return async (req, res, request) => {
    const requestId = request.id;
    // The request's own logger: its lines carry the request id.
    const logger = options.logger.child({ requestId });
    const client = req.socket.remoteAddress ?? null;
    try {
      if (req.method !== 'GET') {
        res.setHeader('allow', 'GET');
        sendJson(res, 405, { errors: [{ message: 'Use GET', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
        return;
      }
      const auth = await authenticator.authenticate(req.headers, { requestId, client });
      if (!(await withinRate(options.rateLimiter, auth.principal.agency, req, res, logger))) return;
      if (!SHOWN.every((c) => auth.grant.fields.has(c))) throw new ForbiddenError('This role may not export aggregates');
      const request = parseRequest(new URL(req.url ?? '/', 'http://localhost').searchParams);
      const context = await createContext(requestId, logger, auth, client);
      const table = await runAggregate(request, context.analytics);
      const dataset = DATASETS.get(table.dataset)!;
      const units = new Set(table.groupBy.filter((d) => dataset.dimensions[d]?.unit));
      const body = aggregateCsv(table, units);
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${[table.dataset, ...table.groupBy].join('-').toLowerCase()}.csv"`,
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch (error) {
      if (!isLienThongError(error) || error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ err: { name: (error as Error | undefined)?.name, code: (error as { code?: unknown } | undefined)?.code } }, 'aggregate export failed');
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
        return;
      }
      if (error.code === 'UNAUTHENTICATED') res.setHeader('www-authenticate', 'Bearer realm="lienthong", error="invalid_token"');
      logger.info({ code: error.code }, 'aggregate export refused');
      sendJson(res, error.httpStatus, { errors: [{ message: error.message, extensions: { code: error.code, ...error.details, ...(error.httpStatus >= 500 ? { requestId } : {}) } }] });
    }
  };
}

function parseRequest(params: URLSearchParams): AggregateRequest {
  for (const name of params.keys()) if (!PARAMS.has(name)) throw new BadUserInputError(`Unknown parameter ${name.slice(0, 32)}; use ${[...PARAMS].join(', ')}`, { details: { argument: 'query' } });
  const one = (name: string) => {
    const values = params.getAll(name);
    if (values.length > 1) throw new BadUserInputError(`${name} is given twice`, { details: { argument: name } });
    return values[0];
  };
  const list = (name: string) => (one(name) ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
  const dataset = one('dataset');
  if (!dataset) throw new BadUserInputError('dataset is required', { details: { argument: 'dataset' } });
  const filter = params.getAll('filter').map((text): AggregateFilter => {
    const match = FILTER.exec(text);
    if (!match) throw new BadUserInputError('filter: DIMENSION=v1,v2, DIMENSION>=v or DIMENSION<=v', { details: { argument: 'filter' } });
    const [, dimension, op, value] = match as unknown as [string, string, string, string];
    if (op === '=') return { dimension, in: value.split(',') };
    return op === '>=' ? { dimension, min: value } : { dimension, max: value };
  });
  const measures = list('measures');
  return { dataset, measures: measures.length > 0 ? measures : ['COUNT'], groupBy: list('groupBy'), filter };
}
