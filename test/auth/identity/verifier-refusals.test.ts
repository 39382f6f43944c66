import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, createTokenVerifier } from '../../../src/auth/identity/index.js';
import { NOW, NOW_S, PARTNER_ISSUER, type TestWorld, bearer, claims, expectRefused, removeTempDirs, sign, testKey, testWorld, unsignedToken } from './fixtures.js';

let world: TestWorld;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(removeTempDirs);

const verify = (authorization: string | undefined) => world.identity.verifier.verify(authorization, NOW);
const devToken = (overrides: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => sign(world.dev, claims(DEV_ISSUER, overrides), header);

describe('token verifier: the Authorization header', () => {
  it('refuses a missing or empty header', async () => {
    await expectRefused(verify(undefined), /^LT_NO_TOKEN$/);
    await expectRefused(verify('   '), /^LT_NO_TOKEN$/);
  });

  it('refuses a scheme other than Bearer', async () => {
    const token = await devToken();
    await expectRefused(verify(`Basic ${Buffer.from('officer:secret').toString('base64')}`), /^LT_NOT_BEARER$/, 'secret');
    await expectRefused(verify(`Token ${token}`), /^LT_NOT_BEARER$/);
    await expectRefused(verify(token), /^LT_NOT_BEARER$/);
  });

  it('refuses garbage without echoing it', async () => {
    await expectRefused(verify('Bearer not-a-jwt'), /^LT_MALFORMED_TOKEN$/, 'not-a-jwt');
    await expectRefused(verify('Bearer a.b.c'), /^LT_MALFORMED_HEADER$/);
    const payloadGarbage = `${Buffer.from('{"alg":"ES256","kid":"k","typ":"JWT"}').toString('base64url')}.e30x.AAAA`;
    await expectRefused(verify(bearer(payloadGarbage)), /^LT_MALFORMED_PAYLOAD$/);
  });

  it('refuses a token longer than 8 KiB before decoding it', async () => {
    const token = await devToken({ padding: 'x'.repeat(9000) });
    await expectRefused(verify(bearer(token)), /^LT_TOKEN_TOO_LONG$/);
  });
});

describe('token verifier: the protected header', () => {
  it('refuses alg none', async () => {
    const token = unsignedToken({ alg: 'none', kid: world.devKey.kid, typ: 'JWT' }, claims(DEV_ISSUER));
    await expectRefused(verify(bearer(token)), /^ERR_JOSE_ALG_NOT_ALLOWED$/);
  });

  it('refuses HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(world.devKey.publicJwk));
    const token = await new SignJWT(claims(DEV_ISSUER)).setProtectedHeader({ alg: 'HS256', kid: world.devKey.kid, typ: 'JWT' }).sign(secret);
    await expectRefused(verify(bearer(token)), /^ERR_JOSE_ALG_NOT_ALLOWED$/);
  });

  it('refuses an unknown kid (the key set has no such key)', async () => {
    await expectRefused(verify(bearer(await devToken({}, { kid: 'rotated-away' }))), /^ERR_JWKS_NO_MATCHING_KEY$/);
  });

  it('refuses a malformed or missing kid', async () => {
    await expectRefused(verify(bearer(await devToken({}, { kid: 'has space' }))), /^LT_BAD_KID$/);
    await expectRefused(verify(bearer(await devToken({}, { kid: 'k'.repeat(129) }))), /^LT_BAD_KID$/);
    await expectRefused(verify(bearer(await devToken({}, { kid: 42 }))), /^LT_BAD_KID$/);
    await expectRefused(verify(bearer(await devToken({}, { kid: undefined }))), /^LT_BAD_KID$/);
  });

  it.each([
    ['jku', 'https://attacker.example/jwks.json'],
    ['x5u', 'https://attacker.example/cert.pem'],
    ['x5c', ['MIIB']],
  ])('refuses a %s header', async (name, value) => {
    await expectRefused(verify(bearer(await devToken({}, { [name]: value }))), new RegExp(`^LT_FORBIDDEN_HEADER:${name}$`));
  });

  it('refuses a token carrying its own key in an embedded jwk header', async () => {
    const attacker = await testKey('ES256', world.devKey.kid);
    const token = await sign(attacker, claims(DEV_ISSUER), { jwk: attacker.publicJwk });
    await expectRefused(verify(bearer(token)), /^LT_FORBIDDEN_HEADER:jwk$/);
  });

  it('refuses a crit header', async () => {
    const token = await sign(world.dev, claims(DEV_ISSUER), { crit: ['lt-ext'], 'lt-ext': true }, { 'lt-ext': true });
    await expectRefused(verify(bearer(token)), /^LT_FORBIDDEN_HEADER:crit$/);
  });

  it('refuses a typ other than JWT or at+jwt, and a missing typ', async () => {
    await expectRefused(verify(bearer(await devToken({}, { typ: 'JOSE' }))), /^LT_BAD_TYP$/);
    await expectRefused(verify(bearer(await devToken({}, { typ: 'application/secevent+jwt' }))), /^LT_BAD_TYP$/);
    await expectRefused(verify(bearer(await devToken({}, { typ: undefined }))), /^LT_BAD_TYP$/);
  });

  it('refuses a token signed by a different key under the same kid', async () => {
    const impostor = await testKey('ES256', world.devKey.kid);
    await expectRefused(verify(bearer(await sign(impostor, claims(DEV_ISSUER)))), /^ERR_JWS_SIGNATURE_VERIFICATION_FAILED$/);
  });
});

describe('token verifier: registered claims', () => {
  it('refuses an expired token (beyond the tolerance) with its own message', async () => {
    const refusal = await expectRefused(verify(bearer(await devToken({ exp: NOW_S - 31 }))), /^ERR_JWT_EXPIRED:exp$/);
    expect(refusal.message).toBe('The bearer token has expired');
  });

  it('refuses a token whose nbf is in the future', async () => {
    await expectRefused(verify(bearer(await devToken({ nbf: NOW_S + 120 }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:nbf$/);
  });

  it('refuses a token issued in the future', async () => {
    await expectRefused(verify(bearer(await devToken({ iat: NOW_S + 120, nbf: undefined }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:iat$/);
  });

  it('refuses a token older than the maximum token age (12 h by default)', async () => {
    await expectRefused(verify(bearer(await devToken({ iat: NOW_S - 13 * 3600, nbf: undefined }))), /^ERR_JWT_EXPIRED:iat$/);
  });

  it.each(['exp', 'iat', 'sub', 'aud'])('refuses a token without %s', async (claim) => {
    await expectRefused(verify(bearer(await devToken({ [claim]: undefined }))), new RegExp(`^ERR_JWT_CLAIM_VALIDATION_FAILED:${claim}$`));
  });

  it('refuses a token whose iss does not match the key that signed it', async () => {
    // Signed with the dev key but claiming the configured issuer: that issuer's keys are used.
    await expectRefused(verify(bearer(await sign(world.dev, claims(PARTNER_ISSUER)))), /^ERR_JWKS_NO_MATCHING_KEY$/);
  });

  it('refuses an issuer that is not trusted, and a token without iss', async () => {
    await expectRefused(verify(bearer(await devToken({ iss: 'https://attacker.example' }))), /^LT_UNKNOWN_ISSUER$/);
    await expectRefused(verify(bearer(await devToken({ iss: undefined }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:iss$/);
  });

  it('refuses a token for another audience', async () => {
    await expectRefused(verify(bearer(await devToken({ aud: 'another-gateway' }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:aud$/);
  });
});

describe('token verifier: the gateway claims', () => {
  it('refuses a missing or unknown role', async () => {
    await expectRefused(verify(bearer(await devToken({ role: undefined }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:role$/);
    await expectRefused(verify(bearer(await devToken({ role: 'superuser' }))), /^LT_BAD_CLAIM:role$/);
  });

  it('refuses a missing or malformed agency', async () => {
    await expectRefused(verify(bearer(await devToken({ agency: undefined }))), /^ERR_JWT_CLAIM_VALIDATION_FAILED:agency$/);
    await expectRefused(verify(bearer(await devToken({ agency: 'ca.hbt' }))), /^LT_BAD_CLAIM:agency$/);
  });

  it('refuses a malformed unit', async () => {
    await expectRefused(verify(bearer(await devToken({ unit: 'HBT NGUYENDU' }))), /^LT_BAD_CLAIM:unit$/);
    await expectRefused(verify(bearer(await devToken({ unit: null }))), /^LT_BAD_CLAIM:unit$/);
  });

  it('refuses a citizen whose sub is not a 12-digit personal ID', async () => {
    await expectRefused(verify(bearer(await devToken({ role: 'citizen', sub: 'citizen@DVC' }))), /^LT_BAD_CLAIM:sub$/);
    await expectRefused(verify(bearer(await devToken({ role: 'citizen', sub: '00107900026' }))), /^LT_BAD_CLAIM:sub$/);
  });
});

describe('createTokenVerifier options', () => {
  const issuers = () => [{ issuer: DEV_ISSUER, keys: { kind: 'local' as const, jwks: { keys: [{ ...world.devKey.publicJwk }] } } }];

  it('caps the clock tolerance at 60 seconds', () => {
    expect(() => createTokenVerifier({ issuers: issuers(), audience: 'lienthong', clockToleranceSeconds: 61 })).toThrow(/clockToleranceSeconds must be a whole number from 0 to 60/);
    expect(() => createTokenVerifier({ issuers: issuers(), audience: 'lienthong', clockToleranceSeconds: 60 })).not.toThrow();
  });

  it('uses the configured tolerance: with 0, a token expired a second ago is refused', async () => {
    const strict = createTokenVerifier({ issuers: issuers(), audience: 'lienthong', clockToleranceSeconds: 0 });
    await expectRefused(strict.verify(bearer(await devToken({ exp: NOW_S - 1 })), NOW), /^ERR_JWT_EXPIRED:exp$/);
  });

  it('needs at least one issuer, each once', () => {
    expect(() => createTokenVerifier({ issuers: [], audience: 'lienthong' })).toThrow(TypeError);
    expect(() => createTokenVerifier({ issuers: [...issuers(), ...issuers()], audience: 'lienthong' })).toThrow(/once/);
  });
});
