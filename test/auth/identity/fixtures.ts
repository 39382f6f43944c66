/**
 * Shared pieces of the identity suites: a frozen clock, real keys made with jose, a JWKS file,
 * and a helper that signs whatever header and claims a test needs (including bad ones).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import { expect } from 'vitest';
import { type DevKey, createIdentity, type Identity } from '../../../src/auth/identity/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { UnauthenticatedError } from '../../../src/errors/index.js';

/** The frozen "now" of every identity test. */
export const NOW = new Date('2026-03-02T08:00:00Z');
export const NOW_S = NOW.getTime() / 1000;
export const AUDIENCE = 'lienthong';
export const PARTNER_ISSUER = 'https://id.partner.example.gov.vn';

export type TestAlgorithm = 'ES256' | 'EdDSA' | 'RS256' | 'PS256';

export interface TestKey {
  readonly alg: string;
  readonly kid: string;
  readonly privateKey: CryptoKey | Uint8Array;
  readonly publicJwk: JWK;
}

const temp: string[] = [];

/** A temporary directory, removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-identity-'));
  temp.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh key pair for `alg`, its public half as a JWK with kid, alg and use. */
export async function testKey(alg: TestAlgorithm, kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The dev key's private half, read from its file, to sign tokens `DevKey.sign` would never make. */
export async function devSigningKey(devKey: DevKey): Promise<TestKey> {
  const jwk = JSON.parse(fs.readFileSync(devKey.file, 'utf8')) as JWK;
  return { alg: 'ES256', kid: devKey.kid, privateKey: await importJWK(jwk, 'ES256'), publicJwk: devKey.publicJwk };
}

/** Valid claims for `issuer` at NOW; an override of `undefined` removes the claim. */
export function claims(issuer: string, overrides: Record<string, unknown> = {}): JWTPayload {
  const base: Record<string, unknown> = {
    iss: issuer,
    aud: AUDIENCE,
    sub: 'officer@CA.HBT',
    agency: 'CA.HBT',
    role: 'counter',
    unit: 'HBT.NGUYENDU.2020',
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 3600,
    jti: 'test-token',
  };
  return withoutUndefined({ ...base, ...overrides });
}

/** Signs `payload` with `key`; header defaults to { alg, kid, typ: 'JWT' }, `undefined` removes one. */
export async function sign(key: TestKey, payload: JWTPayload, header: Record<string, unknown> = {}, crit?: Record<string, boolean>): Promise<string> {
  const protectedHeader = withoutUndefined({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header });
  return new SignJWT(payload).setProtectedHeader(protectedHeader as { alg: string }).sign(key.privateKey, crit ? { crit } : undefined);
}

/** An unsigned token assembled by hand (jose will not produce `alg: none`). */
export function unsignedToken(header: Record<string, unknown>, payload: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.`;
}

export const bearer = (token: string) => `Bearer ${token}`;

/** Asserts an UNAUTHENTICATED refusal whose cause (the log reason) matches, echoing nothing. */
export async function expectRefused(attempt: Promise<unknown>, cause: RegExp, secret?: string): Promise<UnauthenticatedError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  const refusal = error as UnauthenticatedError;
  expect(refusal.code).toBe('UNAUTHENTICATED');
  expect(refusal.httpStatus).toBe(401);
  expect(String(refusal.cause)).toMatch(cause);
  expect(refusal.message).toMatch(/^(A valid bearer token is required|The bearer token has expired)$/);
  if (secret !== undefined) expect(refusal.message).not.toContain(secret);
  return refusal;
}

export interface TestWorld {
  readonly identity: Identity;
  readonly devKey: DevKey;
  readonly dev: TestKey;
  readonly partner: Readonly<Record<TestAlgorithm, TestKey>>;
  readonly dataDir: string;
  readonly jwksFile: string;
}

/**
 * A gateway identity as `createIdentity` builds it from the environment: the dev key in a
 * temporary DATA_DIR plus a configured issuer whose JWKS file holds one key per algorithm.
 */
export async function testWorld(env: Record<string, string> = {}): Promise<TestWorld> {
  const dir = tempDir();
  const partner = {
    ES256: await testKey('ES256', 'partner-es256'),
    EdDSA: await testKey('EdDSA', 'partner-eddsa'),
    RS256: await testKey('RS256', 'partner-rs256'),
    PS256: await testKey('PS256', 'partner-ps256'),
  };
  const jwksFile = path.join(dir, 'partner.jwks.json');
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: Object.values(partner).map((k) => k.publicJwk) }));
  const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), AUTH_ISSUER: PARTNER_ISSUER, AUTH_JWKS_FILE: 'partner.jwks.json', ...env }, dir);
  const identity = await createIdentity(config);
  if (identity.devKey === null) throw new Error('expected a dev key outside production');
  return { identity, devKey: identity.devKey, dev: await devSigningKey(identity.devKey), partner, dataDir: config.dataDir, jwksFile };
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
