import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompactSign, importJWK } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_KEY_PATH,
  CHECKPOINT_TYP,
  CheckpointVerificationError,
  checkpointPublicKey,
  checkpointSignerFromJwk,
  generateCheckpointKey,
  loadCheckpointSigner,
  readPublicKeyFile,
  verifyCheckpoint,
} from '../../src/audit/checkpoint-signer.js';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors/index.js';

const temp: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-audit-key-'));
  temp.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const PAYLOAD = { seq: 1000, hash: 'ab'.repeat(32), at: '2026-01-31T08:00:00.000Z' };

async function expectCode(pending: Promise<unknown>, code: string): Promise<void> {
  const error = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckpointVerificationError);
  expect((error as CheckpointVerificationError).code).toBe(code);
}

describe('the checkpoint signing key', () => {
  it('outside production, creates a local ES256 key on first use (mode 0600) and reuses it', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const config = loadConfig({ DATA_DIR: dataDir }, '/');
    expect(config.audit.signingKeyFile).toBeNull();
    expect(await checkpointPublicKey(config)).toBeNull();
    // Two processes starting together end up with one key.
    const [first, second] = await Promise.all([loadCheckpointSigner(config), loadCheckpointSigner(config)]);
    const file = path.join(dataDir, AUDIT_KEY_PATH);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit-signing-key.json']);
    expect(first.kid).toBe(second.kid);
    expect(first.algorithm).toBe('ES256');
    expect((await loadCheckpointSigner(config)).kid).toBe(first.kid);
    const publicJwk = await checkpointPublicKey(config);
    expect(publicJwk).toEqual(first.publicJwk);
    expect(publicJwk).not.toHaveProperty('d');
  });

  it('signs { seq, hash, at } as a compact JWS with typ lienthong-checkpoint+jws, verified with the public half', async () => {
    const signer = await checkpointSignerFromJwk(await generateCheckpointKey());
    const jws = await signer.sign(PAYLOAD);
    const header = JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'ES256', kid: signer.kid, typ: CHECKPOINT_TYP });
    await expect(verifyCheckpoint(jws, signer.publicJwk)).resolves.toEqual(PAYLOAD);
  });

  it('signs with an EdDSA key from AUDIT_SIGNING_KEY_FILE, and never creates a local key then', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'audit.jwk'), JSON.stringify(await generateCheckpointKey('EdDSA')));
    const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), AUDIT_SIGNING_KEY_FILE: 'audit.jwk' }, dir);
    expect(config.audit.signingKeyFile).toBe(path.join(dir, 'audit.jwk'));
    const signer = await loadCheckpointSigner(config);
    expect(signer.algorithm).toBe('EdDSA');
    const jws = await signer.sign(PAYLOAD);
    expect(JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
    await expect(verifyCheckpoint(jws, (await checkpointPublicKey(config)) ?? {})).resolves.toEqual(PAYLOAD);
    expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('refuses a tampered payload, another key, another algorithm, and a JWS that is not a checkpoint', async () => {
    const key = await generateCheckpointKey();
    const signer = await checkpointSignerFromJwk(key);
    const jws = await signer.sign(PAYLOAD);
    const [header, , signature] = jws.split('.');
    const forged = Buffer.from(JSON.stringify({ ...PAYLOAD, seq: 999 })).toString('base64url');
    await expectCode(verifyCheckpoint(`${header}.${forged}.${signature}`, signer.publicJwk), 'LT_CHECKPOINT_SIGNATURE');
    const other = await checkpointSignerFromJwk(await generateCheckpointKey());
    await expectCode(verifyCheckpoint(jws, other.publicJwk), 'LT_CHECKPOINT_SIGNATURE');
    // An EdDSA key pins EdDSA: an ES256 JWS is refused before any signature check.
    const ed = await checkpointSignerFromJwk(await generateCheckpointKey('EdDSA'));
    await expectCode(verifyCheckpoint(jws, ed.publicJwk), 'LT_CHECKPOINT_SIGNATURE');
    const privateKey = await importJWK(key, 'ES256');
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(PAYLOAD))).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(privateKey);
    await expectCode(verifyCheckpoint(token, signer.publicJwk), 'LT_CHECKPOINT_TYPE');
    const extra = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ...PAYLOAD, note: 'x' }))).setProtectedHeader({ alg: 'ES256', typ: CHECKPOINT_TYP }).sign(privateKey);
    await expectCode(verifyCheckpoint(extra, signer.publicJwk), 'LT_CHECKPOINT_PAYLOAD');
  });

  it('refuses to sign a malformed payload', async () => {
    const signer = await checkpointSignerFromJwk(await generateCheckpointKey());
    await expect(signer.sign({ ...PAYLOAD, seq: 0 })).rejects.toThrow(TypeError);
    await expect(signer.sign({ ...PAYLOAD, hash: 'ABC' })).rejects.toThrow(/hash must be 64 lower-case hex digits/);
    await expect(signer.sign({ ...PAYLOAD, at: '2026-01-31 08:00' })).rejects.toThrow(/at must be an ISO 8601 UTC time/);
  });

  it('is required in production, listed with the other configuration problems', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env, '/srv/lt');
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
    };
    const auth = { AUTH_ISSUER: 'https://id.hanoi.gov.vn', AUTH_JWKS_URL: 'https://id.hanoi.gov.vn/jwks' };
    expect(problems({ NODE_ENV: 'production', ...auth, PORT: 'x' })).toEqual([
      'PORT: expected a whole number from 1 to 65535, got "x"',
      'AUDIT_SIGNING_KEY_FILE: required with NODE_ENV=production (the private JWK, ES256 or EdDSA, that signs the access log checkpoints)',
    ]);
    expect(loadConfig({ NODE_ENV: 'production', ...auth, AUDIT_SIGNING_KEY_FILE: 'keys/audit.jwk' }, '/srv/lt').audit).toEqual({ signingKeyFile: '/srv/lt/keys/audit.jwk' });
  });

  it('refuses key files that cannot sign or that would give the verifier a private key', async () => {
    const dir = tempDir();
    const key = await generateCheckpointKey();
    const write = (name: string, value: unknown) => {
      fs.writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
      return path.join(dir, name);
    };
    const config = (file: string) => loadConfig({ AUDIT_SIGNING_KEY_FILE: file }, dir);
    const { d: _d, ...publicOnly } = key;
    await expect(loadCheckpointSigner(config(write('public.jwk', publicOnly)))).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE', message: /is not a private key/ });
    await expect(loadCheckpointSigner(config(write('rsa.jwk', { kty: 'RSA', n: 'x', e: 'AQAB', d: 'y' })))).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE', message: /not an ES256/ });
    await expect(loadCheckpointSigner(config(write('garbage.jwk', 'not json')))).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE' });
    await expect(loadCheckpointSigner(config(path.join(dir, 'missing.jwk')))).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE', message: /does not exist/ });
    await expect(readPublicKeyFile(write('private.jwk', key))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: /holds a private key/ });
    const auditor = await readPublicKeyFile(write('auditor.jwk', publicOnly));
    expect(auditor).not.toHaveProperty('d');
    await expect(verifyCheckpoint(await (await checkpointSignerFromJwk(key)).sign(PAYLOAD), auditor)).resolves.toEqual(PAYLOAD);
  });
});
