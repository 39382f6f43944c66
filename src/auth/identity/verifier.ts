/**
 * Who is calling: verifies the bearer token of a request with jose and turns it into a
 * `Principal`. Every refusal is an `UnauthenticatedError` (401) with a generic message; the
 * reason (a jose error code such as `ERR_JWT_EXPIRED`, or one of ours prefixed `LT_`) is its
 * `cause`, for the log only.
 */
import {
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
} from 'jose';
import { LienThongError, UnauthenticatedError } from '../../errors/index.js';
import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';
import { ACCEPTED_ALGORITHMS, bearerToken, checkProtectedHeader, principalFrom, refuse, unverifiedIssuer } from './token-checks.js';

export { ACCEPTED_ALGORITHMS, MAX_TOKEN_LENGTH } from './token-checks.js';

/** Clock skew forgiven on `exp`, `nbf` and `iat`; more than a minute would hide a broken clock. */
export const MAX_CLOCK_TOLERANCE_SECONDS = 60;

/** Claims every token must carry (jose checks presence; `agency` and `role` are ours). */
const REQUIRED_CLAIMS = ['exp', 'iat', 'sub', 'iss', 'aud', 'agency', 'role'];

/** Where an issuer's public keys come from. */
export type IssuerKeys =
  /** A JWKS endpoint: jose caches it and refetches on an unknown `kid` (key rotation). */
  | { readonly kind: 'remote'; readonly url: URL }
  /** Keys held in memory: a JWKS file, or the local dev key. */
  | { readonly kind: 'local'; readonly jwks: JSONWebKeySet };

/** One issuer the gateway trusts, and its keys. */
export interface TrustedIssuer {
  /** The exact `iss` value its tokens carry. */
  readonly issuer: string;
  readonly keys: IssuerKeys;
}

export interface VerifierOptions {
  /** The trusted issuers; a token is verified with the keys of the issuer its `iss` names. */
  readonly issuers: readonly TrustedIssuer[];
  /** The `aud` every token must name. */
  readonly audience: string;
  /** Forgiven clock skew in seconds, 0 to 60 (default 30). */
  readonly clockToleranceSeconds?: number;
  /** Oldest accepted token, in seconds since its `iat` (default 43200, 12 hours). */
  readonly maxTokenAgeSeconds?: number;
  /** Verified tokens remembered (default 1000; 0 turns the cache off). */
  readonly cacheSize?: number;
  /** Remote JWKS timings in milliseconds (defaults: cache 10 min, cooldown 30 s, timeout 5 s). */
  readonly remote?: { readonly cacheMaxAgeMs?: number; readonly cooldownMs?: number; readonly timeoutMs?: number };
}

export interface TokenVerifier {
  /**
   * The principal of an `Authorization` header value.
   * @param now the current time (tests freeze it); defaults to the system clock.
   * @throws UnauthenticatedError for every refusal: no header, not `Bearer`, malformed,
   *   forbidden header, algorithm not accepted, unknown issuer or key, bad signature, expired,
   *   not yet valid, wrong audience, missing or malformed claim.
   * @throws LienThongError `KEY_UNAVAILABLE` when a remote JWKS cannot be fetched: the token
   *   may well be valid, so the client should retry rather than sign in again.
   * @example
   * const principal = await verifier.verify(request.headers.authorization);
   */
  verify(authorization: string | undefined, now?: Date): Promise<Principal>;
}

/** jose codes meaning "the issuer's keys could not be fetched", not "the token is bad". */
const KEY_FETCH_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/** How long a verified token is reused without re-verification at most (see PrincipalCache). */
const CACHE_MAX_AGE_SECONDS = 300;

interface IssuerVerifier {
  readonly issuer: string;
  readonly keySet: JWTVerifyGetKey;
  readonly remote: boolean;
}

/**
 * Builds a verifier for the given issuers. Throws `TypeError` on options out of range (a
 * tolerance above 60 s, no issuer, a duplicate issuer).
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const maxTokenAge = options.maxTokenAgeSeconds ?? 43_200;
  checkOptions(options, clockTolerance, maxTokenAge);
  const issuers = new Map<string, IssuerVerifier>(
    options.issuers.map((trusted) => [trusted.issuer, { issuer: trusted.issuer, keySet: keySetFor(trusted.keys, options.remote), remote: trusted.keys.kind === 'remote' }]),
  );
  const cache = new PrincipalCache(options.cacheSize ?? 1000, CACHE_MAX_AGE_SECONDS);

  return {
    async verify(authorization, now = new Date()) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      if (!Number.isFinite(nowSeconds)) throw new TypeError('verify: `now` is an invalid Date');
      const token = bearerToken(authorization);
      const cached = cache.get(token, nowSeconds);
      if (cached !== undefined) return cached;

      checkProtectedHeader(token);
      const issuer = issuers.get(unverifiedIssuer(token)) ?? refuse('LT_UNKNOWN_ISSUER');
      const payload = await verifySignedClaims(token, issuer, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: issuer.issuer,
        audience: options.audience,
        requiredClaims: REQUIRED_CLAIMS,
        clockTolerance,
        maxTokenAge,
        currentDate: now,
      });
      const principal = principalFrom(payload, issuer.issuer);
      // requiredClaims guarantees presence and jose guarantees numbers for iat/nbf/exp.
      cache.set(token, principal, { iat: payload.iat as number, exp: principal.expiresAt, nbf: payload.nbf }, nowSeconds, maxTokenAge);
      return principal;
    },
  };
}

function checkOptions(options: VerifierOptions, clockTolerance: number, maxTokenAge: number): void {
  if (!Number.isInteger(clockTolerance) || clockTolerance < 0 || clockTolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new TypeError(`createTokenVerifier: clockToleranceSeconds must be a whole number from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, got ${clockTolerance}`);
  }
  if (!Number.isInteger(maxTokenAge) || maxTokenAge <= 0) {
    throw new TypeError(`createTokenVerifier: maxTokenAgeSeconds must be a positive whole number, got ${maxTokenAge}`);
  }
  if (options.issuers.length === 0) throw new TypeError('createTokenVerifier: at least one trusted issuer is required');
  if (new Set(options.issuers.map((i) => i.issuer)).size !== options.issuers.length) {
    throw new TypeError('createTokenVerifier: each issuer may be listed once');
  }
  if (options.audience === '') throw new TypeError('createTokenVerifier: audience must not be empty');
  const cacheSize = options.cacheSize ?? 0;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) throw new TypeError(`createTokenVerifier: cacheSize must be a whole number, got ${cacheSize}`);
}

function keySetFor(keys: IssuerKeys, remote: VerifierOptions['remote']): JWTVerifyGetKey {
  switch (keys.kind) {
    case 'local':
      return createLocalJWKSet(keys.jwks);
    case 'remote':
      return createRemoteJWKSet(keys.url, {
        cacheMaxAge: remote?.cacheMaxAgeMs ?? 600_000,
        cooldownDuration: remote?.cooldownMs ?? 30_000,
        timeoutDuration: remote?.timeoutMs ?? 5_000,
      });
  }
}

/** jwtVerify, with jose's errors turned into our refusals. */
async function verifySignedClaims(token: string, issuer: IssuerVerifier, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return await verifyWithAnyMatchingKey(token, issuer.keySet, options);
  } catch (error) {
    throw refusalFor(error, issuer);
  }
}

/**
 * jose 6's jwtVerify stops at "several keys match this kid and alg" (possible mid-rotation on a
 * remote JWKS); as jose's documentation suggests, try each candidate key in turn.
 */
async function verifyWithAnyMatchingKey(token: string, keySet: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, keySet, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function refusalFor(error: unknown, issuer: IssuerVerifier): LienThongError {
  if (error instanceof LienThongError) return error;
  if (error instanceof errors.JOSEError) {
    if (issuer.remote && KEY_FETCH_CODES.has(error.code)) return keyUnavailable(issuer, error.code);
    // The claim name (never its value) helps an operator see which check failed.
    const claim = 'claim' in error && typeof error.claim === 'string' ? `:${error.claim}` : '';
    const message = error instanceof errors.JWTExpired ? 'The bearer token has expired' : undefined;
    return new UnauthenticatedError(message, { cause: `${error.code}${claim}` });
  }
  // fetch() rejects with a TypeError when the JWKS host cannot be reached.
  if (issuer.remote) return keyUnavailable(issuer, error instanceof Error ? `${error.name}: ${error.message}` : 'unknown');
  throw error;
}

function keyUnavailable(issuer: IssuerVerifier, cause: string): LienThongError {
  return new LienThongError('KEY_UNAVAILABLE', "The identity provider's keys could not be fetched; try again shortly", {
    cause: `${cause} (issuer ${issuer.issuer})`,
  });
}
