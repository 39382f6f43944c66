import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../../src/auth/identity/index.js';
import { LienThongError } from '../../../src/errors/index.js';
import { NOW, PARTNER_ISSUER, type TestKey, bearer, claims, expectRefused, sign, testKey } from './fixtures.js';

/** A JWKS endpoint on 127.0.0.1 whose key list the test can rotate, counting fetches. */
let published: JWK[] = [];
let fetches = 0;
const server = http.createServer((_request, response) => {
  fetches += 1;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
});
let url: URL;
let current: TestKey;
let next: TestKey;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  current = await testKey('ES256', 'key-2026-03');
  next = await testKey('ES256', 'key-2026-04');
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const verifier = (cooldownMs = 0) =>
  createTokenVerifier({ issuers: [{ issuer: PARTNER_ISSUER, keys: { kind: 'remote', url } }], audience: 'lienthong', remote: { cooldownMs, timeoutMs: 2000 } });

describe('token verifier with a remote JWKS', () => {
  it('fetches the key set once, and again when a token names a new kid (rotation)', async () => {
    published = [current.publicJwk];
    fetches = 0;
    const remote = verifier();
    await expect(remote.verify(bearer(await sign(current, claims(PARTNER_ISSUER, { jti: 'a' }))), NOW)).resolves.toMatchObject({ issuer: PARTNER_ISSUER });
    await expect(remote.verify(bearer(await sign(current, claims(PARTNER_ISSUER, { jti: 'b' }))), NOW)).resolves.toMatchObject({ issuer: PARTNER_ISSUER });
    expect(fetches).toBe(1);
    published = [current.publicJwk, next.publicJwk];
    await expect(remote.verify(bearer(await sign(next, claims(PARTNER_ISSUER))), NOW)).resolves.toMatchObject({ issuer: PARTNER_ISSUER });
    expect(fetches).toBe(2);
  });

  it('refuses an unknown kid after refetching', async () => {
    published = [current.publicJwk];
    const remote = verifier();
    await expectRefused(remote.verify(bearer(await sign(next, claims(PARTNER_ISSUER))), NOW), /^ERR_JWKS_NO_MATCHING_KEY$/);
  });

  it('refuses a hostile header without fetching anything', async () => {
    fetches = 0;
    const remote = verifier();
    await expectRefused(remote.verify(bearer(await sign(current, claims(PARTNER_ISSUER), { jku: url.href })), NOW), /^LT_FORBIDDEN_HEADER:jku$/);
    expect(fetches).toBe(0);
  });

  it('reports KEY_UNAVAILABLE, not a bad token, when the JWKS cannot be fetched', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = createTokenVerifier({ issuers: [{ issuer: PARTNER_ISSUER, keys: { kind: 'remote', url: new URL(`http://127.0.0.1:${port}/jwks.json`) } }], audience: 'lienthong' });
    const error = await down.verify(bearer(await sign(current, claims(PARTNER_ISSUER))), NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LienThongError);
    expect((error as LienThongError).code).toBe('KEY_UNAVAILABLE');
  });
});
