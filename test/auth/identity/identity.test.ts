import fs from 'node:fs';
import path from 'node:path';
import { type CryptoKey, exportJWK } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, createIdentity } from '../../../src/auth/identity/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors/index.js';
import { NOW, PARTNER_ISSUER, bearer, claims, expectRefused, removeTempDirs, sign, tempDir, testKey, testWorld } from './fixtures.js';

afterAll(removeTempDirs);

async function identityWithJwks(jwks: unknown, env: Record<string, string> = {}) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(jwks));
  const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), AUTH_ISSUER: PARTNER_ISSUER, AUTH_JWKS_FILE: 'keys.json', ...env }, dir);
  return createIdentity(config);
}

async function configProblems(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems.join('\n');
}

describe('createIdentity', () => {
  it('outside production, trusts the dev key and the configured issuer side by side', async () => {
    const world = await testWorld();
    const devToken = await world.devKey.sign({ sub: 'a@CA.HBT', agency: 'CA.HBT', role: 'auditor', ttlSeconds: 60 }, NOW);
    await expect(world.identity.verifier.verify(bearer(devToken), NOW)).resolves.toMatchObject({ issuer: DEV_ISSUER });
    const partnerToken = await sign(world.partner.EdDSA, claims(PARTNER_ISSUER));
    await expect(world.identity.verifier.verify(bearer(partnerToken), NOW)).resolves.toMatchObject({ issuer: PARTNER_ISSUER });
  });

  it('in production, creates no dev key and refuses dev-key tokens: only the configured issuer counts', async () => {
    const world = await testWorld();
    const devToken = await world.devKey.sign({ sub: 'a@CA.HBT', agency: 'CA.HBT', role: 'admin', ttlSeconds: 60 }, NOW);
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, AUTH_ISSUER: PARTNER_ISSUER, AUTH_JWKS_FILE: world.jwksFile, AUDIT_SIGNING_KEY_FILE: 'audit.jwk' }, dir);
    const production = await createIdentity(config);
    expect(production.devKey).toBeNull();
    expect(fs.existsSync(dataDir)).toBe(false);
    await expectRefused(production.verifier.verify(bearer(devToken), NOW), /^LT_UNKNOWN_ISSUER$/);
    const partnerToken = await sign(world.partner.RS256, claims(PARTNER_ISSUER));
    await expect(production.verifier.verify(bearer(partnerToken), NOW)).resolves.toMatchObject({ issuer: PARTNER_ISSUER });
  });

  it('refuses a JWKS file holding a private key, naming the file', async () => {
    const key = await testKey('ES256', 'signing');
    const privateJwk = { ...(await exportJWK(key.privateKey as CryptoKey)), kid: 'signing' };
    const found = await configProblems(identityWithJwks({ keys: [privateJwk] }));
    expect(found).toMatch(/^AUTH_JWKS_FILE: .*keys\.json: key 0 \(kid "signing"\) is a private key/);
    expect(found).not.toContain(String(privateJwk.d));
  });

  it('refuses a JWKS file holding a symmetric key', async () => {
    const found = await configProblems(identityWithJwks({ keys: [{ kty: 'oct', k: 'c2VjcmV0LXNlY3JldA', kid: 'hmac' }] }));
    expect(found).toMatch(/keys\.json: key 0 \(kid "hmac"\) is a symmetric key/);
    expect(found).not.toContain('c2VjcmV0LXNlY3JldA');
  });

  it('refuses a JWKS file that is missing, not JSON, empty, or has keys without kid', async () => {
    const dir = tempDir();
    const missing = loadConfig({ DATA_DIR: dir, AUTH_ISSUER: PARTNER_ISSUER, AUTH_JWKS_FILE: 'nowhere.json' }, dir);
    expect(await configProblems(createIdentity(missing))).toMatch(/AUTH_JWKS_FILE: cannot read .*nowhere\.json \(ENOENT\)/);
    expect(await configProblems(identityWithJwks('not a key set'))).toMatch(/is not a JSON Web Key Set/);
    expect(await configProblems(identityWithJwks({ keys: [] }))).toMatch(/is not a JSON Web Key Set/);
    const key = await testKey('ES256', 'x');
    const { kid: _kid, ...withoutKid } = key.publicJwk;
    expect(await configProblems(identityWithJwks({ keys: [withoutKid] }))).toMatch(/key 0 needs a kid/);
  });
});
