/**
 * The gateway's HTTP server: a plain node:http server with a small route table. GraphQL is
 * mounted at /graphql (see the schema module); health endpoints are here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Storage } from '../db/index.js';
import type { Logger } from '../log/logger.js';
import { checkReadiness } from './health.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface GatewayServer {
  readonly url: string;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
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
}

export async function startServer(options: ServerOptions): Promise<GatewayServer> {
  const { storage, logger } = options;
  const routes: Record<string, RouteHandler> = {
    '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    '/readyz': async (_req, res) => {
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
    const route = Object.hasOwn(routes, path) ? path : prefixes.find(([prefix]) => path.startsWith(prefix))?.[2];
    const handler = route === undefined ? undefined : routes[route];
    if (!handler) {
      sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No such endpoint: ${path.slice(0, 100)}` } });
      return;
    }
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      logger.error({ err: { name: (error as Error)?.name }, path }, 'request handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
