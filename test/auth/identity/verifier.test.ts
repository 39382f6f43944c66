import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, createTokenVerifier } from '../../../src/auth/identity/index.js';
import { NOW, NOW_S, PARTNER_ISSUER, type TestAlgorithm, type TestWorld, bearer, claims, expectRefused, removeTempDirs, sign, testWorld } from './fixtures.js';

let world: TestWorld;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(removeTempDirs);

const at = (offsetSeconds: number) => new Date(NOW.getTime() + offsetSeconds * 1000);

describe('token verifier: accepted tokens', () => {
  it('accepts an ES256 token from the dev key and returns its principal', async () => {
    const token = await world.devKey.sign({ sub: 'officer@CA.HBT', agency: 'CA.HBT', role: 'counter', unit: 'HBT.NGUYENDU.2020', ttlSeconds: 3600 }, NOW);
    const principal = await world.identity.verifier.verify(bearer(token), NOW);
    expect(principal).toEqual({
      sub: 'officer@CA.HBT',
      agency: 'CA.HBT',
      role: 'counter',
      unit: 'HBT.NGUYENDU.2020',
      issuer: DEV_ISSUER,
      expiresAt: NOW_S + 3600,
    });
    expect(Object.isFrozen(principal)).toBe(true);
  });

  it.each(['EdDSA', 'RS256', 'PS256', 'ES256'] as const)('accepts a %s token from the configured issuer (JWKS file)', async (alg: TestAlgorithm) => {
    const token = await sign(world.partner[alg], claims(PARTNER_ISSUER, { unit: undefined }));
    const principal = await world.identity.verifier.verify(bearer(token), NOW);
    expect(principal).toMatchObject({ issuer: PARTNER_ISSUER, agency: 'CA.HBT', role: 'counter', unit: null });
  });

  it('takes the scheme in any case and typ as JWT, at+jwt or with an application/ prefix', async () => {
    const key = world.partner.ES256;
    for (const typ of ['JWT', 'jwt', 'at+jwt', 'application/at+JWT', 'application/jwt']) {
      const token = await sign(key, claims(PARTNER_ISSUER), { typ });
      await expect(world.identity.verifier.verify(`bEaReR ${token}`, NOW)).resolves.toMatchObject({ role: 'counter' });
    }
  });

  it('accepts a citizen whose sub is a 12-digit personal ID', async () => {
    const token = await world.devKey.sign({ sub: '001079000262', agency: 'DVC.HN', role: 'citizen', ttlSeconds: 600 }, NOW);
    await expect(world.identity.verifier.verify(bearer(token), NOW)).resolves.toMatchObject({ sub: '001079000262', role: 'citizen', unit: null });
  });

  it('accepts a token expired within the clock tolerance (30 s by default)', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER, { exp: NOW_S - 20 }));
    await expect(world.identity.verifier.verify(bearer(token), NOW)).resolves.toMatchObject({ expiresAt: NOW_S - 20 });
  });

  it('accepts a token not yet valid by less than the tolerance', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER, { iat: NOW_S + 20, nbf: NOW_S + 20 }));
    await expect(world.identity.verifier.verify(bearer(token), NOW)).resolves.toMatchObject({ role: 'counter' });
  });
});

describe('token verifier: the cache of verified tokens', () => {
  it('re-checks expiry on every use: a token verified once is refused after exp', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER, { exp: NOW_S + 60 }));
    await world.identity.verifier.verify(bearer(token), NOW);
    await expect(world.identity.verifier.verify(bearer(token), at(30))).resolves.toMatchObject({ role: 'counter' });
    await expectRefused(world.identity.verifier.verify(bearer(token), at(120)), /^ERR_JWT_EXPIRED:exp$/);
  });

  it('does not serve a cached token before its nbf', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER, { iat: NOW_S, nbf: NOW_S }));
    await world.identity.verifier.verify(bearer(token), NOW);
    await expectRefused(world.identity.verifier.verify(bearer(token), at(-600)), /^ERR_JWT_CLAIM_VALIDATION_FAILED:nbf$/);
  });

  it('does not serve a cached token past the maximum token age', async () => {
    const verifier = createTokenVerifier({
      issuers: [{ issuer: DEV_ISSUER, keys: { kind: 'local', jwks: { keys: [{ ...world.devKey.publicJwk }] } } }],
      audience: 'lienthong',
      maxTokenAgeSeconds: 600,
    });
    const token = await sign(world.dev, claims(DEV_ISSUER, { iat: NOW_S, nbf: NOW_S, exp: NOW_S + 7200 }));
    await verifier.verify(bearer(token), NOW);
    await expect(verifier.verify(bearer(token), at(300))).resolves.toMatchObject({ role: 'counter' });
    await expectRefused(verifier.verify(bearer(token), at(900)), /^ERR_JWT_EXPIRED:iat$/);
  });

  it('serves the same bytes from the cache, and only those bytes', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER));
    const first = await world.identity.verifier.verify(bearer(token), NOW);
    expect(await world.identity.verifier.verify(bearer(token), at(1))).toBe(first);
    // One flipped character of the signature is a different string: verified afresh, refused.
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    await expectRefused(world.identity.verifier.verify(bearer(tampered), NOW), /^ERR_JWS_SIGNATURE_VERIFICATION_FAILED$/);
  });
});
