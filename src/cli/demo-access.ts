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

/** Which page to open with which demo token (the agency and role to pick or paste). */
const PAGE_GUIDE: ReadonlyArray<[label: string, path: string, token: string]> = [
  ['counter', '/counter', `a ward counter's token, e.g. UBND.BACHMAI counter (try citizen ${DEMO_CITIZEN}, procedure KD-D-01)`],
  ['dashboard', '/dashboard', 'the statistics office analyst: CTK.HN analyst'],
  ['citizen', '/citizen', `the citizen's token: VNEID citizen (the demo citizen ${DEMO_CITIZEN})`],
  ['GraphiQL', '/graphiql', 'any token; the schema shown follows its role'],
];

/** The pages' URLs, for the start banner; `demo` says the pages offer the demo tokens themselves. */
export function formatPageUrls(url: string, demo: boolean): string {
  const lines = PAGE_GUIDE.map(([label, path, token]) => `  ${`${label}:`.padEnd(11)}${`${url}${path}`.padEnd(34)} ${token}`);
  const how = demo ? "pick the token from the page's \"Token demo\" list, or paste it from demo-tokens.json" : 'paste a token (npx lienthong token …)';
  return `Pages (served by the gateway itself, nothing from the internet); ${how}:\n${lines.join('\n')}\n`;
}
