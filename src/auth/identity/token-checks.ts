/**
 * The checks made around jose: on the raw header and token before a key is looked up, and on
 * the custom claims after the signature and the registered claims have been verified.
 * Each refusal throws `UnauthenticatedError` with a generic message and a short reason code as
 * `cause` (for the log); nothing from the token is echoed.
 */
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '../../errors/index.js';
import { KID_PATTERN, isCode, isSubjectFor } from './claims.js';
import { type Principal, isRole } from './principal.js';

/** The only signature algorithms accepted: asymmetric ones, so no shared secret can forge a token. */
export const ACCEPTED_ALGORITHMS: readonly string[] = Object.freeze(['ES256', 'EdDSA', 'RS256', 'PS256']);

/** Longest token accepted (8 KiB): bounds the work a client can make the gateway do. */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * Header parameters refused outright. `jku`/`x5u` would make the verifier fetch a key from a
 * URL the client chose, `jwk`/`x5c` would let the token carry its own key, and `crit` demands
 * extensions we do not implement (RFC 7515 §4.1.11, RFC 8725 §3.10).
 */
const FORBIDDEN_HEADERS = ['jku', 'x5u', 'jwk', 'x5c', 'crit'] as const;

/** `typ` values accepted, after lower-casing and removing an `application/` prefix (RFC 9068 §2.1). */
const ACCEPTED_TYPES = new Set(['jwt', 'at+jwt']);

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BEARER = /^bearer +(\S+)$/i;

/** Throws the generic refusal with `cause` as the reason for the log. */
export function refuse(cause: string, message?: string): never {
  throw new UnauthenticatedError(message, { cause });
}

/** The compact JWS of an `Authorization: Bearer <jwt>` header (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') refuse('LT_NO_TOKEN');
  if (authorization.length > MAX_TOKEN_LENGTH + 16) refuse('LT_TOKEN_TOO_LONG');
  const token = BEARER.exec(authorization.trim())?.[1];
  if (token === undefined) refuse('LT_NOT_BEARER');
  if (token.length > MAX_TOKEN_LENGTH) refuse('LT_TOKEN_TOO_LONG');
  if (!COMPACT_JWS.test(token)) refuse('LT_MALFORMED_TOKEN');
  return token;
}

/**
 * Checks the protected header before any key is resolved, so a hostile header never reaches a
 * key set (which, for a remote JWKS, could otherwise be made to refetch).
 */
export function checkProtectedHeader(token: string): void {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    refuse('LT_MALFORMED_HEADER');
  }
  for (const name of FORBIDDEN_HEADERS) {
    if (Object.hasOwn(header, name)) refuse(`LT_FORBIDDEN_HEADER:${name}`);
  }
  // jose refuses these too (the `algorithms` option); refusing here keeps `none` and HMAC
  // tokens away from key resolution altogether.
  if (typeof header.alg !== 'string' || !ACCEPTED_ALGORITHMS.includes(header.alg)) refuse('ERR_JOSE_ALG_NOT_ALLOWED');
  if (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid)) refuse('LT_BAD_KID');
  if (typeof header.typ !== 'string' || !ACCEPTED_TYPES.has(header.typ.toLowerCase().replace(/^application\//, ''))) refuse('LT_BAD_TYP');
}

/** The `iss` the token claims, unverified: it only chooses which issuer's keys to verify with. */
export function unverifiedIssuer(token: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch {
    refuse('LT_MALFORMED_PAYLOAD');
  }
  if (typeof payload.iss !== 'string') refuse('ERR_JWT_CLAIM_VALIDATION_FAILED:iss');
  return payload.iss;
}

/** The principal a verified payload describes, or a refusal if a custom claim is malformed. */
export function principalFrom(payload: JWTPayload, issuer: string): Principal {
  const { role, agency, unit, sub, exp } = payload;
  if (!isRole(role)) refuse('LT_BAD_CLAIM:role');
  if (!isCode(agency)) refuse('LT_BAD_CLAIM:agency');
  const unitCode = unit === undefined ? null : isCode(unit) ? unit : refuse('LT_BAD_CLAIM:unit');
  if (!isSubjectFor(role, sub)) refuse('LT_BAD_CLAIM:sub');
  if (typeof exp !== 'number') refuse('ERR_JWT_CLAIM_VALIDATION_FAILED:exp');
  return Object.freeze({ sub, agency, role, unit: unitCode, issuer, expiresAt: exp });
}
