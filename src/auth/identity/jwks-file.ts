import fs from 'node:fs/promises';
import type { JSONWebKeySet, JWK } from 'jose';
import { ConfigError } from '../../errors/index.js';
import { KID_PATTERN } from './claims.js';

/** Members that only a private (or secret) key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** Key types that can verify the accepted algorithms (ES256, EdDSA, RS256, PS256). */
const PUBLIC_KEY_TYPES = new Set(['EC', 'OKP', 'RSA']);

/**
 * Reads the public keys of the configured issuer from a JWKS file (`AUTH_JWKS_FILE`).
 * A file holding a private or symmetric key is refused: a verifier must never hold signing
 * material, and a symmetric key would let anyone who has it mint tokens.
 * @throws ConfigError naming the file and every problem found (by key index and kid).
 */
export async function readJwksFile(file: string): Promise<JSONWebKeySet> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`AUTH_JWKS_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigError([`AUTH_JWKS_FILE: ${file} is not JSON`]);
  }
  const keys = typeof value === 'object' && value !== null ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigError([`AUTH_JWKS_FILE: ${file} is not a JSON Web Key Set (expected {"keys": [ ... ]} with at least one key)`]);
  }
  const problems = keys.flatMap((key: unknown, index) => keyProblems(key, index).map((p) => `AUTH_JWKS_FILE: ${file}: ${p}`));
  if (problems.length > 0) throw new ConfigError(problems);
  return { keys: keys as JWK[] };
}

function keyProblems(key: unknown, index: number): string[] {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return [`key ${index} is not an object`];
  const jwk = key as Record<string, unknown>;
  const name = typeof jwk.kid === 'string' ? `key ${index} (kid ${JSON.stringify(jwk.kid.slice(0, 128))})` : `key ${index}`;
  const problems: string[] = [];
  if (jwk.kty === 'oct') problems.push(`${name} is a symmetric key: only public keys (EC, OKP, RSA) belong in a verifier's key set`);
  else if (typeof jwk.kty !== 'string' || !PUBLIC_KEY_TYPES.has(jwk.kty)) problems.push(`${name} has an unsupported kty (expected EC, OKP or RSA)`);
  else if (PRIVATE_MEMBERS.some((member) => Object.hasOwn(jwk, member))) problems.push(`${name} is a private key: publish only the public half`);
  if (typeof jwk.kid !== 'string' || !KID_PATTERN.test(jwk.kid)) problems.push(`${name} needs a kid matching ${KID_PATTERN} (tokens must name their key)`);
  if (jwk.use !== undefined && jwk.use !== 'sig') problems.push(`${name} has use ${JSON.stringify(jwk.use)}, expected "sig"`);
  return problems;
}
