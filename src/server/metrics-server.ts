/**
 * `/metrics` on a listener of its own (METRICS_PORT), not on the gateway's port. The gateway's
 * port faces partner agencies through the load balancer; the metrics name every agency that was
 * refused and how busy each role is, which is none of a partner's business, and a scraper wants
 * each replica's own figures, not whichever replica the balancer picks. So the listener binds to
 * 127.0.0.1 by default, and when it binds anywhere else a bearer token (METRICS_TOKEN) is
 * required (config.ts enforces it), compared in constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import type { GatewayMetrics } from './metrics.js';

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** Required as `Authorization: Bearer <token>` when set. */
  token: string | null;
  metrics: GatewayMetrics;
  logger: Logger;
}

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { metrics, logger } = options;
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const expected = options.token === null ? null : digest(options.token);
  const server = http.createServer({ requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') return text(res, 404, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'use GET\n');
    if (expected !== null) {
      const header = req.headers.authorization ?? '';
      const sent = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!timingSafeEqual(digest(sent), expected)) {
        res.setHeader('www-authenticate', 'Bearer realm="lienthong-metrics"');
        return text(res, 401, 'unauthorized\n');
      }
    }
    metrics.scrape().then(
      ({ contentType, text: body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        logger.error({ err: { name: (error as Error | undefined)?.name } }, 'metrics: scrape failed');
        text(res, 500, 'scrape failed\n');
      },
    );
  });
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
        server.closeAllConnections();
      }),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
