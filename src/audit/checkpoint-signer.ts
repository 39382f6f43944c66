/**
 * The key that signs the access log's checkpoints. A checkpoint is a compact JWS over
 * `{ seq, hash, at }` of the chain's head: whoever holds only the public key can later prove that
 * the chain up to `seq` is the one the gateway wrote. In production the private key is a file the
 * operator provides (`AUDIT_SIGNING_KEY_FILE`); elsewhere a local ES256 key is created in
 * `DATA_DIR/keys/audit-signing-key.json` on first use, beside the dev token key.
 */
import path from 'node:path';
import { CompactSign, type JWK, calculateJwkThumbprint, compactVerify, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { Config } from '../config/index.js';
import { BadUserInputError, LienThongError } from '../errors/index.js';
import { createFileOnce, readFileIfPresent } from './key-file.js';

/** The `typ` of every checkpoint JWS, so no other JWS signed by the same key passes as one. */
export const CHECKPOINT_TYP = 'lienthong-checkpoint+jws';

/** The local key, relative to the data directory (not in production). */
export const AUDIT_KEY_PATH = path.join('keys', 'audit-signing-key.json');

/** ES256 (P-256) or EdDSA (Ed25519): compact signatures, and no RSA key sizes to get wrong. */
export type CheckpointAlgorithm = 'ES256' | 'EdDSA';

/** What a checkpoint signs: the head record's seq and hash, and when it was signed (ISO 8601 UTC). */
export interface CheckpointPayload {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

export interface CheckpointSigner {
  readonly kid: string;
  readonly algorithm: CheckpointAlgorithm;
  /** The public half, for verifiers and auditors. */
  readonly publicJwk: Readonly<JWK>;
  /**
   * A compact JWS of `payload`, header `{ alg, kid, typ: 'lienthong-checkpoint+jws' }`.
   * @throws TypeError on a payload a verifier would refuse (see `verifyCheckpoint`).
   */
  sign(payload: CheckpointPayload): Promise<string>;
}

export type CheckpointErrorCode = 'LT_CHECKPOINT_SIGNATURE' | 'LT_CHECKPOINT_TYPE' | 'LT_CHECKPOINT_PAYLOAD';

/** A checkpoint that does not verify; `code` says why, the jose error (if any) is the `cause`. */
export class CheckpointVerificationError extends Error {
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CheckpointVerificationError';
  }
}

type SignerConfig = Pick<Config, 'nodeEnv' | 'dataDir' | 'audit'>;

/**
 * The signer the writer uses. Production: the private JWK in `config.audit.signingKeyFile`
 * (required there). Elsewhere: that file if configured, else the local key, created atomically
 * on first use (ES256, mode 0600; two processes starting together end up with the same key).
 * @throws LienThongError `KEY_UNAVAILABLE` if the file cannot be read (a configured file is
 *   never created) or is not an ES256 or EdDSA private JWK.
 */
export async function loadCheckpointSigner(config: SignerConfig): Promise<CheckpointSigner> {
  const file = keyFile(config);
  let text = await readKey(file);
  if (text === null && config.audit.signingKeyFile !== null) throw new LienThongError('KEY_UNAVAILABLE', `The audit signing key ${file} (AUDIT_SIGNING_KEY_FILE) does not exist`);
  // Only the local default is created: a configured key that vanished must stop the gateway, not be replaced.
  text ??= await createLocalKey(file);
  return checkpointSignerFromJwk(parseKey(text, file));
}

/**
 * The public key the verifier checks checkpoints with: the public half of the key
 * `loadCheckpointSigner` would use, or null when the local key (no AUDIT_SIGNING_KEY_FILE) does
 * not exist yet: then nothing was ever signed with it. Never creates a key.
 * @throws LienThongError `KEY_UNAVAILABLE` as `loadCheckpointSigner`.
 */
export async function checkpointPublicKey(config: SignerConfig): Promise<JWK | null> {
  const file = keyFile(config);
  const text = await readKey(file);
  if (text === null && config.audit.signingKeyFile !== null) throw new LienThongError('KEY_UNAVAILABLE', `The audit signing key ${file} (AUDIT_SIGNING_KEY_FILE) does not exist`);
  return text === null ? null : publicHalfWithKid(parseKey(text, file));
}

/**
 * Reads a public JWK (ES256 or EdDSA) from `file`, for `audit verify --public-key`: an auditor
 * verifies without the private key. A file holding a private key is refused.
 * @throws BadUserInputError naming the file and the fault.
 */
export async function readPublicKeyFile(file: string): Promise<JWK> {
  let text: string | null;
  try {
    text = await readFileIfPresent(file);
  } catch (error) {
    throw new BadUserInputError(`--public-key: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  if (text === null) throw new BadUserInputError(`--public-key: ${file} does not exist`);
  const jwk = jsonObject(text) as JWK | null;
  const problem = jwk === null ? 'is not a JSON object' : 'd' in jwk ? 'holds a private key: give the auditor the public half only' : keyProblem(jwk);
  if (problem !== null || jwk === null) throw new BadUserInputError(`--public-key: ${file} ${problem ?? ''}`);
  return publicHalfWithKid(jwk);
}

/** A signer over a private JWK already in hand (tests, tools). Throws `TypeError` on an unusable key. */
export async function checkpointSignerFromJwk(jwk: JWK): Promise<CheckpointSigner> {
  const problem = 'd' in jwk ? keyProblem(jwk) : 'is not a private key (no "d")';
  if (problem !== null) throw new TypeError(`checkpointSignerFromJwk: the key ${problem}`);
  const publicJwk = Object.freeze(await publicHalfWithKid(jwk));
  const algorithm = algorithmOf(jwk) as CheckpointAlgorithm;
  const kid = publicJwk.kid as string;
  const privateKey = await importJWK({ ...jwk, alg: algorithm }, algorithm, { extractable: false });
  return Object.freeze({
    kid,
    algorithm,
    publicJwk,
    async sign(payload: CheckpointPayload): Promise<string> {
      const problem = payloadProblem(payload);
      if (problem !== null) throw new TypeError(`sign: ${problem}`);
      const body = JSON.stringify({ seq: payload.seq, hash: payload.hash, at: payload.at });
      return new CompactSign(new TextEncoder().encode(body)).setProtectedHeader({ alg: algorithm, kid, typ: CHECKPOINT_TYP }).sign(privateKey);
    },
  });
}

/** A new private JWK with a kid (`audit-<thumbprint>`), for the local key, tests and operators. */
export async function generateCheckpointKey(algorithm: CheckpointAlgorithm = 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(algorithm === 'EdDSA' ? 'Ed25519' : 'ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, ...(await publicHalfWithKid(jwk)), d: jwk.d, alg: algorithm };
}

/**
 * Verifies one checkpoint against `publicJwk`: the signature with the algorithm pinned to the
 * key's (a JWS naming another `alg` is refused), `typ` must be `lienthong-checkpoint+jws`, and
 * the payload exactly `{ seq, hash, at }` well-formed.
 * @throws CheckpointVerificationError with code `LT_CHECKPOINT_SIGNATURE`, `LT_CHECKPOINT_TYPE`
 *   or `LT_CHECKPOINT_PAYLOAD`; TypeError if `publicJwk` is not an ES256 or EdDSA key.
 */
export async function verifyCheckpoint(jws: string, publicJwk: JWK): Promise<CheckpointPayload> {
  const problem = keyProblem(publicJwk);
  if (problem !== null) throw new TypeError(`verifyCheckpoint: the key ${problem}`);
  const algorithm = algorithmOf(publicJwk) as CheckpointAlgorithm;
  const key = await importJWK({ ...publicHalf(publicJwk), alg: algorithm }, algorithm);
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws, key, { algorithms: [algorithm] });
  } catch (error) {
    throw new CheckpointVerificationError('LT_CHECKPOINT_SIGNATURE', `the signature does not verify with key ${String(publicJwk.kid ?? '(no kid)')}`, { cause: error });
  }
  if (verified.protectedHeader.typ !== CHECKPOINT_TYP) {
    throw new CheckpointVerificationError('LT_CHECKPOINT_TYPE', `the JWS is not a checkpoint (typ ${JSON.stringify(verified.protectedHeader.typ ?? null)})`);
  }
  const payload = jsonObject(new TextDecoder().decode(verified.payload));
  const payloadFault = payload === null || Object.keys(payload).sort().join() !== 'at,hash,seq' ? 'expected exactly { seq, hash, at }' : payloadProblem(payload);
  if (payloadFault !== null) throw new CheckpointVerificationError('LT_CHECKPOINT_PAYLOAD', `the signed payload is malformed: ${payloadFault}`);
  const { seq, hash, at } = payload as unknown as CheckpointPayload;
  return { seq, hash, at };
}

function keyFile(config: SignerConfig): string {
  if (config.audit.signingKeyFile !== null) return config.audit.signingKeyFile;
  // The config refuses this already; a second check costs nothing and keeps a local key out of production.
  if (config.nodeEnv === 'production') throw new LienThongError('KEY_UNAVAILABLE', 'AUDIT_SIGNING_KEY_FILE is required in production');
  return path.resolve(config.dataDir, AUDIT_KEY_PATH);
}

async function readKey(file: string): Promise<string | null> {
  try {
    return await readFileIfPresent(file);
  } catch (error) {
    throw new LienThongError('KEY_UNAVAILABLE', `Cannot read the audit signing key ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`, { cause: error });
  }
}

async function createLocalKey(file: string): Promise<string> {
  await createFileOnce(file, `${JSON.stringify(await generateCheckpointKey('ES256'), null, 2)}\n`);
  // Read back what is in place: ours, or the key of a process that won the race.
  const text = await readKey(file);
  if (text === null) throw new LienThongError('KEY_UNAVAILABLE', `The audit signing key ${file} vanished while it was being created`);
  return text;
}

function parseKey(text: string, file: string): JWK {
  const jwk = jsonObject(text) as JWK | null;
  const problem = jwk === null ? 'is not a JSON object' : !('d' in jwk) ? 'is not a private key (no "d")' : keyProblem(jwk);
  if (problem !== null || jwk === null) throw new LienThongError('KEY_UNAVAILABLE', `The audit signing key ${file} ${problem ?? ''}`);
  return jwk;
}

const KID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

function algorithmOf(jwk: JWK): CheckpointAlgorithm | null {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && (jwk.alg === undefined || jwk.alg === 'ES256')) return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && (jwk.alg === undefined || jwk.alg === 'EdDSA' || jwk.alg === 'Ed25519')) return 'EdDSA';
  return null;
}

/** Why `jwk` cannot sign or verify checkpoints, or null. Names members, never key material. */
function keyProblem(jwk: JWK): string | null {
  if (algorithmOf(jwk) === null) return 'is not an ES256 (EC P-256) or EdDSA (OKP Ed25519) key';
  if (typeof jwk.x !== 'string' || (jwk.kty === 'EC' && typeof jwk.y !== 'string')) return 'lacks its public coordinates';
  if (jwk.kid !== undefined && (typeof jwk.kid !== 'string' || !KID_PATTERN.test(jwk.kid))) return `has a kid not matching ${KID_PATTERN}`;
  if (jwk.use !== undefined && jwk.use !== 'sig') return `has use ${JSON.stringify(jwk.use)}, expected "sig"`;
  return null;
}

function payloadProblem(payload: Record<string, unknown> | CheckpointPayload): string | null {
  const { seq, hash, at } = payload as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq must be a whole number from 1';
  if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) return 'hash must be 64 lower-case hex digits';
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at) return 'at must be an ISO 8601 UTC time such as 2026-01-31T08:00:00.000Z';
  return null;
}

/** The public members only: a verifier never needs, and must never hold, `d`. */
function publicHalf(jwk: JWK): JWK {
  const { kty, crv, x, y, kid } = jwk;
  const algorithm = algorithmOf(jwk);
  return { kty, crv, x, ...(y === undefined ? {} : { y }), ...(kid === undefined ? {} : { kid }), ...(algorithm ? { alg: algorithm } : {}), use: 'sig' };
}

async function publicHalfWithKid(jwk: JWK): Promise<JWK> {
  const half = publicHalf(jwk);
  // The thumbprint (RFC 7638) covers the public members only, so the kid says nothing secret.
  return { ...half, kid: half.kid ?? `audit-${(await calculateJwkThumbprint(half)).slice(0, 22)}` };
}

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
