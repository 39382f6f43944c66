/**
 * The local development key: for the embedded default, the gateway creates an ES256 signing key
 * in its data directory on first start, trusts it (issuer `lienthong-dev`), and the
 * `lienthong token` command signs tokens with it. Never used in production (see config.auth).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type JWK, SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { LienThongError } from '../../errors/index.js';
import { CODE_PATTERN, KID_PATTERN, isCode, isSubjectFor } from './claims.js';
import { type Role, isRole } from './principal.js';

/** The `iss` of tokens signed with the local dev key. */
export const DEV_ISSUER = 'lienthong-dev';

/** Longest lifetime of a dev token: a working day and then some, never a standing credential. */
export const MAX_DEV_TOKEN_TTL_SECONDS = 86_400;

/** Where the key lives, relative to the data directory. */
export const DEV_KEY_PATH = path.join('keys', 'dev-signing-key.json');

/** What a dev token says about its holder. */
export interface DevTokenClaims {
  readonly sub: string;
  readonly agency: string;
  readonly role: Role;
  readonly unit?: string | undefined;
  /** Lifetime in seconds, 1 to 86400. */
  readonly ttlSeconds: number;
}

export interface DevKey {
  readonly issuer: typeof DEV_ISSUER;
  readonly kid: string;
  /** The public half, for the verifier's local key set. */
  readonly publicJwk: Readonly<JWK>;
  /** Absolute path of the key file. */
  readonly file: string;
  /**
   * Signs a token: header `{ alg: 'ES256', kid, typ: 'JWT' }`, claims `iss`, `aud`, `sub`,
   * `agency`, `role`, `unit` (when given), `iat` = `nbf` = now, `exp` = now + ttl, random `jti`.
   * Throws `TypeError` on claims the verifier would refuse anyway.
   */
  sign(claims: DevTokenClaims, now?: Date): Promise<string>;
}

export interface DevKeyOptions {
  /** The `aud` of the tokens it signs: the gateway's configured audience. */
  readonly audience: string;
}

/**
 * Loads `<dataDir>/keys/dev-signing-key.json`, creating it first if absent (mode 0600, its
 * directory 0700). Creation is atomic and never replaces an existing key: the key is written
 * to a temporary file, then hard-linked into place, which fails if another process got there
 * first; both then use the same key. Needs no database and no data-directory lock.
 * @throws LienThongError `KEY_UNAVAILABLE` if the file exists but is not an ES256 private key.
 */
export async function ensureDevKey(dataDir: string, options: DevKeyOptions): Promise<DevKey> {
  const file = path.resolve(dataDir, DEV_KEY_PATH);
  const jwk = (await readKeyFile(file)) ?? (await createKeyFile(file));
  return devKeyFrom(file, jwk, options.audience);
}

interface StoredKey extends JWK {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

async function readKeyFile(file: string): Promise<StoredKey | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LienThongError('KEY_UNAVAILABLE', `Cannot read the dev signing key ${file}: ${(error as Error).message}`, { cause: error });
  }
  const stored = parseStoredKey(text);
  if (stored === null) {
    throw new LienThongError(
      'KEY_UNAVAILABLE',
      `The dev signing key ${file} is not an ES256 private JWK with a kid; delete it and a new one is created on the next start`,
    );
  }
  return stored;
}

function parseStoredKey(text: string): StoredKey | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const jwk = value as Record<string, unknown>;
  const strings = ['x', 'y', 'd', 'kid'].every((name) => typeof jwk[name] === 'string' && jwk[name] !== '');
  if (!strings || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.alg !== 'ES256' || !KID_PATTERN.test(jwk.kid as string)) return null;
  return { ...(jwk as object), use: 'sig' } as StoredKey;
}

async function createKeyFile(file: string): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  // The thumbprint (RFC 7638) covers the public members only, so the kid says nothing secret.
  const kid = `dev-${(await calculateJwkThumbprint(jwk)).slice(0, 22)}`;
  const stored = { ...jwk, kid, alg: 'ES256', use: 'sig' };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(stored, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await publish(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
  // Read back what is in place: ours, or the key of a process that won the race.
  const inPlace = await readKeyFile(file);
  if (inPlace === null) throw new LienThongError('KEY_UNAVAILABLE', `The dev signing key ${file} vanished while it was being created`);
  return inPlace;
}

/** Puts the complete temp file in place without ever replacing an existing key. */
async function publish(temp: string, file: string): Promise<void> {
  try {
    await fs.link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    // A file system without hard links: rename is still atomic for readers, but the last of two
    // racing creators wins; check first to keep that window small.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      const exists = await fs.stat(file).then(() => true, () => false);
      if (!exists) await fs.rename(temp, file);
      return;
    }
    throw error;
  }
}

async function devKeyFrom(file: string, stored: StoredKey, audience: string): Promise<DevKey> {
  const privateKey = await importJWK(stored, 'ES256', { extractable: false });
  const { kty, crv, x, y, kid, alg, use } = stored;
  const publicJwk: JWK = Object.freeze({ kty, crv, x, y, kid, alg, use });
  return Object.freeze({
    issuer: DEV_ISSUER,
    kid,
    publicJwk,
    file,
    async sign(claims: DevTokenClaims, now = new Date()): Promise<string> {
      assertClaims(claims);
      const issuedAt = Math.floor(now.getTime() / 1000);
      return new SignJWT({ agency: claims.agency, role: claims.role, ...(claims.unit === undefined ? {} : { unit: claims.unit }) })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(audience)
        .setSubject(claims.sub)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(issuedAt + claims.ttlSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  });
}

function assertClaims(claims: DevTokenClaims): void {
  if (!isRole(claims.role)) throw new TypeError(`sign: unknown role ${JSON.stringify(claims.role)}`);
  if (!isCode(claims.agency)) throw new TypeError(`sign: agency must match ${CODE_PATTERN}`);
  if (claims.unit !== undefined && !isCode(claims.unit)) throw new TypeError(`sign: unit must match ${CODE_PATTERN}`);
  if (!isSubjectFor(claims.role, claims.sub)) {
    throw new TypeError(claims.role === 'citizen' ? 'sign: a citizen sub is a 12-digit personal ID' : 'sign: sub must be 1-256 characters without spaces');
  }
  if (!Number.isInteger(claims.ttlSeconds) || claims.ttlSeconds < 1 || claims.ttlSeconds > MAX_DEV_TOKEN_TTL_SECONDS) {
    throw new TypeError(`sign: ttlSeconds must be a whole number from 1 to ${MAX_DEV_TOKEN_TTL_SECONDS}`);
  }
}
