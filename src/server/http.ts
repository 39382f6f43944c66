/**
 * The gateway's HTTP server: a plain node:http server with a small route table. GraphQL is
 * mounted at /graphql (see the schema module); health endpoints are here. Every request gets a
 * request id (the x-request-id header both ways), is counted by route and status, and a
 * draining server (shutdown) reports not ready and closes each kept-alive connection once its
 * request is answered.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Storage } from '../db/index.js';
import type { Logger } from '../log/logger.js';
import { checkReadiness } from './health.js';

/** What the server settled about a request before its handler runs. */
export interface RequestInfo {
  /** The request id, also in the response's x-request-id header: every log line of the request carries it. */
  readonly id: string;
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, request: RequestInfo) => Promise<void> | void;

export interface GatewayServer {
  readonly url: string;
  /**
   * Starts draining without closing: /readyz answers 503 so the load balancer stops sending,
   * and each response asks its client to close the connection. New connections are still accepted.
   */
  drain(): void;
  /**
   * Drains, stops accepting connections, closes kept-alive connections as soon as they are idle,
   * and resolves once every in-flight request has been answered.
   */
  close(): Promise<void>;
  /** Cuts every connection, answered or not (a shutdown past its deadline). */
  destroy(): void;
}

/**
 * An x-request-id from a load balancer is kept if it looks like one (UUIDs, hex and similar
 * tokens) and has no run of nine or more digits: a caller could otherwise put a personal ID (12
 * digits) or an old ID card number (9) into every log line of its request. Anything else is
 * replaced by a fresh UUID.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const DIGIT_RUN = /\d{9}/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) && !DIGIT_RUN.test(header) ? header : randomUUID();
}

export interface ServerOptions {
  host: string;
  port: number;
  storage: Storage;
  logger: Logger;
  /**
   * Extra routes by exact path, e.g. { '/graphql': handler }; a key ending in `/*` takes every
   * path under it (`'/assets/*'`), after the exact paths.
   */
  routes?: Record<string, RouteHandler>;
  /**
   * Time a client has to send a whole request (headers and body; default 30 s), and at most 10 s of
   * it for the headers: a client trickling bytes (slowloris) is cut off with 408.
   */
  requestTimeoutMs?: number;
  /** Counts every answered request by route (a path of the table, or `unmatched`) and status. */
  metrics?: { httpRequest(route: string, status: number): void };
}

export async function startServer(options: ServerOptions): Promise<GatewayServer> {
  const { storage, logger, metrics } = options;
  let draining = false;
  const routes: Record<string, RouteHandler> = {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
      if (draining) {
        sendJson(res, 503, { ready: false, draining: true });
        return;
      }
      const readiness = await checkReadiness(storage);
      sendJson(res, readiness.ready ? 200 : 503, readiness);
    },
    ...options.routes,
  };
  const prefixes = Object.entries(routes)
    .filter(([key]) => key.endsWith('/*'))
    .map(([key, handler]) => [key.slice(0, -1), handler, key] as const);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  // Node checks the timeouts on this interval (30 s by default), so it follows the timeout.
  const server = http.createServer({ requestTimeout, headersTimeout: Math.min(10_000, requestTimeout), connectionsCheckingInterval: Math.min(1_000, Math.max(50, requestTimeout / 2)) }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const id = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', id);
    if (draining) res.setHeader('connection', 'close');
    // A prefix route is counted under its pattern (`/assets/*`), not each path: bounded labels.
    const route = Object.hasOwn(routes, path) ? path : prefixes.find(([prefix]) => path.startsWith(prefix))?.[2];
    const handler = route === undefined ? undefined : routes[route];
    if (!handler) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No such endpoint: ${path.slice(0, 100)}` } });
      metrics?.httpRequest('unmatched', 404);
      return;
    }
    Promise.resolve(handler(req, res, { id })).then(
      () => metrics?.httpRequest(route ?? path, res.statusCode),
      (error: unknown) => {
        logger.error({ requestId: id, err: { name: (error as Error)?.name }, path }, 'request handler failed');
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId: id } });
        else res.destroy();
        metrics?.httpRequest(route ?? path, res.statusCode);
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    drain: () => {
      draining = true;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        draining = true;
        // A kept-alive connection whose request was in flight turns idle once it is answered; it
        // is closed at the next sweep instead of waiting out keepAliveTimeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      })),
    destroy: () => server.closeAllConnections(),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
