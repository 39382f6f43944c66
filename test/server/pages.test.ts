/**
 * The pages' HTTP side, without a browser: each page at its path under a strict CSP, hashed assets
 * cached for good and revalidated by ETag, gzip when asked, no other method, and the demo's token
 * list only where `npm start` asked for it and only for this machine.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../../bin/build-web.mjs';
import type { Storage } from '../../src/db/index.js';
import { createLogger } from '../../src/log/logger.js';
import { type GatewayServer, startServer } from '../../src/server/http.js';
import { pageRoutes } from '../../src/server/pages.js';

const TOKENS = [{ agency: 'CTK.HN', role: 'analyst', unit: null, purpose: null, token: 'eyJ.demo' }];

/** A raw request, so the test sets the Host header as a rebinding page would. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the pages over HTTP', () => {
  let plain: GatewayServer;
  let demo: GatewayServer;
  // Pages touch no storage; readiness is not asked here.
  const storage = {} as Storage;
  const logger = createLogger('silent');

  beforeAll(async () => {
    plain = await startServer({ host: '127.0.0.1', port: 0, storage, logger, routes: pageRoutes({ distDir: DIST }) });
    demo = await startServer({ host: '127.0.0.1', port: 0, storage, logger, routes: pageRoutes({ distDir: DIST, demoTokens: TOKENS }) });
  });
  afterAll(async () => {
    await plain?.close();
    await demo?.close();
  });

  it('serves each page under a CSP that allows only this origin and no framing', async () => {
    for (const path of ['/', '/graphiql', '/counter', '/dashboard', '/citizen']) {
      const page = await get(`${plain.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = page.headers['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['cache-control']).toBe('no-cache');
      const html = page.body.toString('utf8');
      expect(html).not.toMatch(/<script>|<style>| style=|https?:\/\//); // nothing inline, nothing remote
      expect(html).not.toContain('data-demo');
    }
  });

  it('caches hashed assets for good, answers 304 to their ETag and gzips when asked', async () => {
    const html = (await get(`${plain.url}/counter`)).body.toString('utf8');
    const script = /src="(\/assets\/counter-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const first = await get(`${plain.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers['content-encoding']).toBe('gzip');
    const again = await get(`${plain.url}${script}`, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Source maps are read on first request, then served like the rest.
    for (let i = 0; i < 2; i++) {
      const map = await get(`${plain.url}${script}.map`);
      expect(map.status).toBe(200);
      expect(JSON.parse(map.body.toString('utf8'))).toHaveProperty('sources');
    }
    expect((await get(`${plain.url}/assets/../manifest.json`)).status).toBe(404);
    expect((await get(`${plain.url}/assets/nothing.js`)).status).toBe(404);
    expect((await get(`${plain.url}/counter`, {}, 'POST')).status).toBe(405);
  });

  it('offers the demo tokens only in the demo, only to this machine by its own name', async () => {
    expect((await get(`${plain.url}/demo/tokens`)).status).toBe(404);
    const offered = await get(`${demo.url}/demo/tokens`);
    expect(offered.status).toBe(200);
    expect(offered.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(offered.body.toString('utf8'))).toEqual(TOKENS);
    // A page whose DNS name was rebound to 127.0.0.1 sends its own name as Host.
    expect((await get(`${demo.url}/demo/tokens`, { host: 'attacker.example:80' })).status).toBe(404);
    expect((await get(`${demo.url}/counter`)).body.toString('utf8')).toContain('data-demo="tokens"');
  });
});
