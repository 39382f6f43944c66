import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, ensureDevKey } from '../../../src/auth/identity/index.js';
import { LienThongError } from '../../../src/errors/index.js';
import { NOW, NOW_S, removeTempDirs, tempDir } from './fixtures.js';

afterAll(removeTempDirs);

const options = { audience: 'lienthong' };

describe('ensureDevKey', () => {
  it('creates an ES256 private JWK with mode 0600 in <dataDir>/keys, and reuses it', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = await ensureDevKey(dataDir, options);
    const file = path.join(dataDir, 'keys', 'dev-signing-key.json');
    expect(first.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: first.kid });
    expect(typeof stored.d).toBe('string');
    expect(first.publicJwk).not.toHaveProperty('d');
    expect(first.issuer).toBe(DEV_ISSUER);

    const second = await ensureDevKey(dataDir, options);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk).toEqual(first.publicJwk);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['dev-signing-key.json']);
  });

  it('gives racing creators one and the same key, leaving no temporary file', async () => {
    const dataDir = tempDir();
    const keys = await Promise.all(Array.from({ length: 6 }, () => ensureDevKey(dataDir, options)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(fs.readdirSync(path.join(dataDir, 'keys'))).toEqual(['dev-signing-key.json']);
  });

  it('refuses a key file that is not an ES256 private key, naming the file', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'keys'));
    fs.writeFileSync(path.join(dataDir, 'keys', 'dev-signing-key.json'), '{"kty":"oct","k":"c2VjcmV0"}');
    const error = await ensureDevKey(dataDir, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LienThongError);
    expect((error as LienThongError).code).toBe('KEY_UNAVAILABLE');
    expect((error as Error).message).toContain('dev-signing-key.json');
  });

  it('signs tokens with the expected header and claims', async () => {
    const key = await ensureDevKey(tempDir(), { audience: 'lienthong-test' });
    const token = await key.sign({ sub: 'officer@UBND.HBT', agency: 'UBND.HBT', role: 'counter', unit: 'HBT.BACHDANG', ttlSeconds: 1800 }, NOW);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      iss: DEV_ISSUER,
      aud: 'lienthong-test',
      sub: 'officer@UBND.HBT',
      agency: 'UBND.HBT',
      role: 'counter',
      unit: 'HBT.BACHDANG',
      iat: NOW_S,
      nbf: NOW_S,
      exp: NOW_S + 1800,
    });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    const other = decodeJwt(await key.sign({ sub: 'a@B', agency: 'B', role: 'analyst', ttlSeconds: 60 }, NOW));
    expect(other.jti).not.toBe(payload.jti);
    expect(other).not.toHaveProperty('unit');
  });

  it('will not sign claims the verifier would refuse', async () => {
    const key = await ensureDevKey(tempDir(), options);
    const base = { sub: 'officer@CA.HBT', agency: 'CA.HBT', role: 'counter' as const, ttlSeconds: 60 };
    await expect(key.sign({ ...base, agency: 'ca.hbt' })).rejects.toThrow(TypeError);
    await expect(key.sign({ ...base, ttlSeconds: 86_401 })).rejects.toThrow(/ttlSeconds/);
    await expect(key.sign({ ...base, role: 'citizen' })).rejects.toThrow(/12-digit/);
  });
});
