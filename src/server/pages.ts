/**
 * The gateway's own pages (GraphiQL, the counter, the analyst's dashboard, the citizen's access
 * log) and their assets, served from web/dist as built by bin/build-web.mjs. Government networks
 * are often closed, so nothing is loaded from elsewhere, and the Content-Security-Policy says so
 * to the browser: only this origin, no inline script, no framing.
 *
 * Every page and asset is read into memory when the routes are made (about 3 MB): a rebuild of
 * web/dist while the gateway runs cannot serve a page whose assets have gone, and no request for
 * them touches the disk. Source maps are the exception: read when first asked for.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type RouteHandler, sendJson } from './http.js';

/** What every page may load: itself. `data:` for GraphiQL's bundled fonts and the empty icon. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The pages and the paths they answer at; `/` is GraphiQL, where partner developers start. */
export const PAGE_PATHS = { graphiql: ['/', '/graphiql'], counter: ['/counter'], dashboard: ['/dashboard'], citizen: ['/citizen'] } as const;
export type PageName = keyof typeof PAGE_PATHS;

interface StaticFile {
  body: Buffer;
  gzipped: Buffer | null;
  type: string;
  etag: string;
  /** Content-hashed assets never change under their name; HTML is revalidated each time. */
  immutable: boolean;
}

export interface DemoTokenOffer {
  agency: string;
  role: string;
  unit: string | null;
  purpose: string | null;
  token: string;
}

export interface PageRoutesOptions {
  /** The built pages (web/dist). */
  distDir: string;
  /**
   * Demo tokens offered to the pages at `/demo/tokens`, to loopback clients only. Only `npm start`
   * (the demo, never production) passes them; otherwise the endpoint does not exist.
   */
  demoTokens?: readonly DemoTokenOffer[] | null;
}

/**
 * The pages' routes, for `startServer({ routes })`. Throws when `distDir` holds no build
 * (run `node bin/build-web.mjs`, or let `ensureWebBuilt()` do it).
 */
export function pageRoutes(options: PageRoutesOptions): Record<string, RouteHandler> {
  const manifestFile = path.join(options.distDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`The pages are not built: ${manifestFile} is missing (node bin/build-web.mjs)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { pages: Record<PageName, string> };
  const routes: Record<string, RouteHandler> = {};
  for (const [name, paths] of Object.entries(PAGE_PATHS) as Array<[PageName, readonly string[]]>) {
    // In the demo the page's body says so, and only then does it ask for /demo/tokens.
    const file = loadFile(path.join(options.distDir, manifest.pages[name]), false, options.demoTokens ? (html) => html.replace('<body ', '<body data-demo="tokens" ') : undefined);
    for (const route of paths) routes[route] = (req, res) => serveFile(req, res, file);
  }
  const assets = new Map<string, StaticFile | (() => StaticFile)>();
  const assetDir = path.join(options.distDir, 'assets');
  for (const name of fs.readdirSync(assetDir)) {
    const file = path.join(assetDir, name);
    // Source maps are most of the bytes (7 of 10 MB) and only a developer's tools ask for them:
    // read on first request, so every replica does not hold them (the gateway's RSS is measured
    // against PostGraphile's).
    assets.set(`/assets/${name}`, name.endsWith('.map') ? () => loadFile(file, true) : loadFile(file, true));
  }
  routes['/assets/*'] = (req, res) => {
    const key = (req.url ?? '').split('?')[0] ?? '';
    let file = assets.get(key);
    if (!file) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'No such asset' } });
    if (typeof file === 'function') assets.set(key, (file = file()));
    serveFile(req, res, file);
  };
  if (options.demoTokens) routes['/demo/tokens'] = demoTokensRoute(options.demoTokens);
  return routes;
}

function loadFile(file: string, immutable: boolean, transform?: (text: string) => string): StaticFile {
  const body = transform ? Buffer.from(transform(fs.readFileSync(file, 'utf8'))) : fs.readFileSync(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const compressible = type.startsWith('text/') || type.startsWith('application/json') || type === 'image/svg+xml';
  return {
    body,
    gzipped: compressible && body.length > 1024 ? gzipSync(body) : null,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    immutable,
  };
}

function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: StaticFile): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Use GET' } });
  }
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'content-type': file.type,
    etag: file.etag,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = file.gzipped !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip && file.gzipped ? file.gzipped : file.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/**
 * The demo's tokens for the pages' drop-down: on this machine only, never cached. The Host must
 * name the loopback too, so a web page that rebinds its DNS name to 127.0.0.1 cannot read them.
 */
function demoTokensRoute(tokens: readonly DemoTokenOffer[]): RouteHandler {
  const body = JSON.stringify(tokens);
  return (req, res) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '') || !LOOPBACK_HOST.test(req.headers.host ?? '')) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'No such endpoint' } });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}
