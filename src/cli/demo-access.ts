/**
 * What `npm start` sets up so the embedded demo can be tried at once: the policy's agencies
 * registered in the gateway's store, and a ready-made token for each agency's roles, signed
 * with the local dev key.
 */
import type { DevKey } from '../auth/identity/index.js';
import type { Policy } from '../auth/policy/policy.types.js';
import type { AgencyRecord, AgencyRegistry } from '../sources/gateway/index.js';

/** The district people's committee: the district level was abolished on 1 July 2025. */
const SUSPENDED_IN_DEMO = new Set(['UBND.HBT']);

/** The demo citizen with results, a birth registration and land (see README). */
export const DEMO_CITIZEN = '001079000262';

/** Registers the policy's agencies the store does not know yet; existing ones keep their status. */
export function registerPolicyAgencies(registry: AgencyRegistry, policy: Policy): Promise<number> {
  const agencies: AgencyRecord[] = [...policy.agencies].map(([code, agency]) => ({ code, name: agency.name, status: SUSPENDED_IN_DEMO.has(code) ? 'SUSPENDED' : 'ACTIVE' }));
  return registry.register(agencies);
}

export interface DemoToken {
  agency: string;
  role: string;
  unit: string | null;
  purpose: string | null;
  token: string;
}

/** One token per agency and role of the policy (ward agencies get their ward as `unit`). */
export async function demoTokens(policy: Policy, devKey: DevKey): Promise<DemoToken[]> {
  const tokens: DemoToken[] = [];
  for (const [agency, { grants }] of policy.agencies) {
    for (const [role, grant] of grants) {
      const unit = agency.startsWith('UBND.') && agency !== 'UBND.HBT' ? `HN.${agency.slice(5)}` : null;
      const sub = role === 'citizen' ? DEMO_CITIZEN : `officer@${agency}`;
      const token = await devKey.sign({ sub, agency, role, ...(unit ? { unit } : {}), ttlSeconds: 8 * 3600 });
      tokens.push({ agency, role, unit, purpose: [...grant.purposes][0] ?? null, token });
    }
  }
  return tokens;
}

export function formatDemoTokens(tokens: readonly DemoToken[], file: string): string {
  const lines = tokens.map((t) => `  ${`${t.agency} ${t.role}`.padEnd(26)} x-purpose: ${(t.purpose ?? '(none needed)').padEnd(26)} ${t.token.slice(0, 24)}…`);
  return `Demo tokens (valid 8 hours, signed with the local dev key), written in full to ${file}:\n${lines.join('\n')}\n`;
}
