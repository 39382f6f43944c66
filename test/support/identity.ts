/**
 * Test identities: a dev key in a temporary directory, the verifier that trusts it, and the
 * policy under test (the shipped default plus one all-seeing test agency for the tests of
 * other features). Real jose, real policy loader.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { DEV_ISSUER, type DevKey, type Role, type TokenVerifier, createTokenVerifier, ensureDevKey } from '../../src/auth/identity/index.js';
import { type CheckpointSigner, checkpointSignerFromJwk, generateCheckpointKey } from '../../src/audit/checkpoint-signer.js';
import { parsePolicy } from '../../src/auth/policy/load-policy.js';
import type { Policy } from '../../src/auth/policy/policy.types.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';

export const AUDIENCE = 'lienthong';
export const DEFAULT_POLICY_FILE = path.resolve(import.meta.dirname, '../../policy/default.yaml');

/** The agency every pre-authorization test reads as: every category, no row rules, purpose TEST. */
export const ALL_ACCESS = { agency: 'TEST.ALL', role: 'partner' as Role, purpose: 'TEST' };

export interface Caller {
  agency: string;
  role: Role;
  unit?: string;
  sub?: string;
  /** The x-purpose header; null sends none. */
  purpose?: string | null;
}

let shared: Promise<{ devKey: DevKey; verifier: TokenVerifier }> | undefined;

/** One dev key per test process (key generation is the slow part), and its verifier. */
export function testIdentity(): Promise<{ devKey: DevKey; verifier: TokenVerifier }> {
  shared ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-keys-'));
    const devKey = await ensureDevKey(dir, { audience: AUDIENCE });
    const verifier = createTokenVerifier({
      issuers: [{ issuer: DEV_ISSUER, keys: { kind: 'local', jwks: { keys: [{ ...devKey.publicJwk }] } } }],
      audience: AUDIENCE,
      clockToleranceSeconds: 30,
      maxTokenAgeSeconds: 43_200,
    });
    return { devKey, verifier };
  })();
  return shared;
}

export async function tokenFor(caller: Caller): Promise<string> {
  const { devKey } = await testIdentity();
  return devKey.sign({ sub: caller.sub ?? `officer@${caller.agency}`, agency: caller.agency, role: caller.role, unit: caller.unit, ttlSeconds: 600 });
}

let signer: Promise<CheckpointSigner> | undefined;

/** One checkpoint key per test process; `testCheckpointSigner().publicJwk` verifies what it signed. */
export function testCheckpointSigner(): Promise<CheckpointSigner> {
  signer ??= generateCheckpointKey().then(checkpointSignerFromJwk);
  return signer;
}

let policy: Policy | undefined;

/** The default policy plus TEST.ALL (partner, every category, purpose TEST). */
export function testPolicy(): Policy {
  if (policy) return policy;
  const document = parseDocument(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
  const categories = Object.keys((document.toJS() as { categories: Record<string, unknown> }).categories);
  document.setIn(['purposes', 'TEST'], 'Automated tests of the gateway');
  document.setIn(['agencies', ALL_ACCESS.agency], { name: 'Test agency reading everything', roles: { partner: { purposes: ['TEST'], read: categories, introspection: true } } });
  policy = parsePolicy(document.toString(), 'test-policy.yaml', gatewaySchema());
  return policy;
}
