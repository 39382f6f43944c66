/**
 * A client that trickles its request (slowloris) is cut off after the request timeout with 408,
 * and holds nothing open.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/index.js';
import { createLogger } from '../../src/log/logger.js';
import { type GatewayServer, startServer } from '../../src/server/http.js';
import { openTestStorage } from '../support/engines.js';

describe('request timeout', () => {
  let storage: Storage;
  let server: GatewayServer;
  beforeAll(async () => {
    storage = await openTestStorage('pglite');
    server = await startServer({ host: '127.0.0.1', port: 0, storage, logger: createLogger('silent'), requestTimeoutMs: 400 });
  });
  afterAll(async () => {
    await server?.close();
    await storage?.close();
  });

  it('answers 408 and closes the connection of a client that never finishes its headers', async () => {
    const { port, hostname } = new URL(server.url);
    const socket = net.connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    const started = performance.now();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    // One more header line now and then, never the blank line that ends them.
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    clearInterval(trickle);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers a request that arrives in time', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
