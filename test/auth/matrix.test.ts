/**
 * The authorization matrix: every demo role of the default policy, every sensitive citizen
 * field, on every path that reaches a citizen (directly, as a result's subject, as a
 * certificate's owner, as a household member, as a prior result's subject). For each cell the
 * expectation comes from the policy's grant: a field reached through any coordinate the role
 * is not granted never carries a value and is refused with FORBIDDEN at its path (or at a
 * denied step before it); a masked field only ever carries the masked form; a granted field is
 * never refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/identity/index.js';
import type { Grant } from '../../src/auth/policy/policy.types.js';
import { DEMO_CITIZEN } from '../../src/cli/demo-access.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const FIELDS = ['personalId', 'fullName', 'dateOfBirth', 'ethnicity', 'homeTown', 'currentAddress', 'relationToHead'] as const;

interface Path {
  name: string;
  /** The coordinates passed on the way to the citizen. */
  steps: string[];
  query: (field: string) => string;
}

const PATHS: Path[] = [
  { name: 'citizen', steps: ['Query.citizen'], query: (f) => `{ citizen(personalId: "${DEMO_CITIZEN}") { ${f} } }` },
  { name: 'me', steps: ['Query.me'], query: (f) => `{ me { ${f} } }` },
  {
    name: 'result.subject',
    steps: ['Query.results', 'ResultConnection.edges', 'ResultEdge.node', 'AdministrativeResult.subject'],
    query: (f) => `{ results(first: 3, filter: { subjectPersonalId: "${DEMO_CITIZEN}" }) { edges { node { subject { ${f} } } } } }`,
  },
  {
    name: 'landCertificate.owners',
    steps: ['Query.landCertificate', 'LandCertificate.owners'],
    query: (f) => `{ landCertificate(certificateNumber: "AD 0001135") { owners { ${f} } } }`,
  },
  {
    name: 'household.members (via a fragment and an alias)',
    steps: ['Query.citizen', 'Citizen.household', 'Household.members'],
    query: (f) => `fragment M on Household { people: members { ${f} } } { citizen(personalId: "${DEMO_CITIZEN}") { household { ...M } } }`,
  },
  {
    name: 'priorResults.subject',
    steps: ['Query.priorResults', 'AdministrativeResult.subject'],
    query: (f) => `{ priorResults(personalId: "${DEMO_CITIZEN}", procedureCode: "KD-D-01", caseRef: "HS-1") { subject { ${f} } } }`,
  },
];

const MASKED: Record<string, RegExp> = { partial: /^\d{3}\*+\d{3}$/, yearOnly: /^\d{4}$/, hash: /^p_[\w-]{20}$/ };

/** Every value found at `field` anywhere under `data`. */
function valuesOf(data: unknown, field: string): unknown[] {
  if (Array.isArray(data)) return data.flatMap((d) => valuesOf(d, field));
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([key, value]) => (key === field ? [value] : valuesOf(value, field)));
}

function callerFor(agency: string, role: Role, grant: Grant): Caller {
  const unit = agency.startsWith('UBND.') ? `HN.${agency.slice(5)}` : undefined;
  return { agency, role, ...(unit ? { unit } : {}), ...(role === 'citizen' ? { sub: DEMO_CITIZEN } : {}), purpose: [...grant.purposes][0] ?? null };
}

describe('authorization matrix of the default policy', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('releases, masks or refuses every sensitive field on every path exactly as each grant says', async () => {
    const tally = { released: 0, masked: 0, refused: 0 };
    for (const [agency, { grants }] of gw.policy.agencies) {
      if (agency === 'TEST.ALL' || agency === 'UBND.HBT') continue; // the test agency; the suspended one is refused outright
      for (const [role, grant] of grants) {
        const caller = callerFor(agency, role, grant);
        for (const path of PATHS) {
          for (const field of FIELDS) {
            const coordinates = [...path.steps, `Citizen.${field}`];
            const { status, body } = await gw.query(path.query(field), {}, caller);
            const cell = `${agency}/${role} ${path.name}.${field}`;
            const values = valuesOf(body.data, field).filter((v) => v !== null);
            const forbidden = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
            if (coordinates.every((c) => grant.fields.has(c))) {
              expect(forbidden, cell).toEqual([]);
              expect(status, cell).toBe(200);
              const mask = grant.masks.get(`Citizen.${field}`);
              if (mask === 'null') expect(values, cell).toEqual([]);
              else if (mask) for (const v of values) expect(String(v), cell).toMatch(MASKED[mask]!);
              if (values.length > 0) tally[mask ? 'masked' : 'released']++;
            } else {
              expect(values, cell).toEqual([]);
              // Refused at the first denied step: each step is one named segment of the error's path
              // (list indexes aside). Below the root, no error means no row above it to refuse.
              const firstDenied = coordinates.findIndex((c) => !grant.fields.has(c));
              for (const error of forbidden) expect(error.path?.filter((p) => typeof p === 'string').length, cell).toBe(firstDenied + 1);
              if (firstDenied === 0) expect(forbidden.length, cell).toBe(1);
              tally.refused++;
            }
          }
        }
      }
    }
    // The matrix must exercise all three outcomes, or it proves nothing.
    expect(tally.released).toBeGreaterThan(20);
    expect(tally.masked).toBeGreaterThan(5);
    expect(tally.refused).toBeGreaterThan(100);
  });
});
