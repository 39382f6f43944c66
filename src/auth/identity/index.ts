/**
 * Identity: who is calling. `createIdentity` wires the trusted issuers from the configuration
 * into one token verifier: the configured issuer (remote JWKS or JWKS file) and, outside
 * production, the local dev key (created in the data directory on first use).
 */
import type { Config } from '../../config/index.js';
import type { JwksSource } from '../../config/config.js';
import { DEV_ISSUER, type DevKey, ensureDevKey } from './dev-key.js';
import { readJwksFile } from './jwks-file.js';
import { type IssuerKeys, type TokenVerifier, type TrustedIssuer, createTokenVerifier } from './verifier.js';

export { ROLES, type Role, type Principal, isRole } from './principal.js';
export { DEV_ISSUER, MAX_DEV_TOKEN_TTL_SECONDS, ensureDevKey, type DevKey, type DevTokenClaims } from './dev-key.js';
export { CODE_PATTERN, CITIZEN_SUB_PATTERN, isCode, isSubjectFor } from './claims.js';
export {
  ACCEPTED_ALGORITHMS,
  MAX_CLOCK_TOLERANCE_SECONDS,
  MAX_TOKEN_LENGTH,
  createTokenVerifier,
  type IssuerKeys,
  type TokenVerifier,
  type TrustedIssuer,
  type VerifierOptions,
} from './verifier.js';

export interface Identity {
  readonly verifier: TokenVerifier;
  /** The local dev key, or null in production (where it is never created nor trusted). */
  readonly devKey: DevKey | null;
}

/**
 * Builds the verifier for `config.auth`. Outside production this creates (or loads)
 * `<dataDir>/keys/dev-signing-key.json`; it takes no data-directory lock and opens no database.
 * @throws ConfigError if the JWKS file cannot be read or holds a private or symmetric key.
 * @throws LienThongError `KEY_UNAVAILABLE` if the dev key file exists but is unusable.
 */
export async function createIdentity(config: Config): Promise<Identity> {
  const { auth } = config;
  const issuers: TrustedIssuer[] = [];
  const devKey = auth.devKeys ? await ensureDevKey(config.dataDir, { audience: auth.audience }) : null;
  if (devKey !== null) issuers.push({ issuer: DEV_ISSUER, keys: { kind: 'local', jwks: { keys: [{ ...devKey.publicJwk }] } } });
  if (auth.issuer !== null) issuers.push({ issuer: auth.issuer.name, keys: await issuerKeys(auth.issuer.jwks) });
  const verifier = createTokenVerifier({
    issuers,
    audience: auth.audience,
    clockToleranceSeconds: auth.clockToleranceSeconds,
    maxTokenAgeSeconds: auth.maxTokenAgeSeconds,
  });
  return Object.freeze({ verifier, devKey });
}

async function issuerKeys(source: JwksSource): Promise<IssuerKeys> {
  switch (source.kind) {
    case 'remote':
      return { kind: 'remote', url: new URL(source.url) };
    case 'file':
      return { kind: 'local', jwks: await readJwksFile(source.path) };
  }
}
