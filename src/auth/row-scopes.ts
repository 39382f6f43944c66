/**
 * The policy's row rules for one request, in each source's own terms. Jurisdiction is written
 * in today's units; results keep their issuing unit as it was, so the unit lineage decides which
 * historical units a jurisdiction covers:
 * - a unit whose area went wholly to today's units in the jurisdiction is covered wholly;
 * - a unit that was split (an old ward in 2020 or 2025, the abolished district in 2025) is
 *   shared out among its successors by their share of its population: each successor covers
 *   that share of the split unit's subjects, by a stable bucket of the subject's personal ID
 *   (see BUCKET_SQL in the records source's result.scope.ts). Every result of a split unit thus belongs to exactly one of
 *   today's units, and one citizen's results stay together. The real split follows streets,
 *   which the demo data does not model; a deployment with addresses would allocate by the
 *   subject's (or parcel's) address instead, behind the same scope.
 */
import { ALLOCATION_BUCKETS, type ResultScope } from '../sources/records/index.js';
import { type CitizenScope, type UnitIndex, traceToToday } from '../sources/population/index.js';
import type { Principal } from './identity/principal.js';
import type { Grant, Jurisdiction } from './policy/policy.types.js';

export interface RowScopes {
  readonly results: ResultScope | null;
  readonly citizens: CitizenScope | null;
}

/**
 * Row scopes per unit catalogue, grant and caller's unit. A grant's scopes depend on the caller
 * only through `unit` (and `sub` for rules on the caller's own rows, which are not cached), so one
 * agency's officers share them; a request then costs a lookup instead of sorting and joining its
 * jurisdiction's units, which showed in profiles of every request of a scoped grant.
 */
const scopesCache = new WeakMap<UnitIndex, WeakMap<Grant, Map<string, RowScopes>>>();

export function rowScopes(grant: Grant, principal: Principal, units: UnitIndex): RowScopes {
  // Kept only for units the catalogue knows, so tokens cannot grow the cache.
  const ownRows = grant.rows.AdministrativeResult?.subject === 'self' || grant.rows.Citizen?.subject === 'self';
  if (ownRows || (principal.unit !== null && !units.byCode.has(principal.unit))) return computeRowScopes(grant, principal, units);
  let byGrant = scopesCache.get(units);
  if (!byGrant) scopesCache.set(units, (byGrant = new WeakMap()));
  let byUnit = byGrant.get(grant);
  if (!byUnit) byGrant.set(grant, (byUnit = new Map()));
  const key = principal.unit ?? '';
  let scopes = byUnit.get(key);
  if (!scopes) byUnit.set(key, (scopes = computeRowScopes(grant, principal, units)));
  return scopes;
}

function computeRowScopes(grant: Grant, principal: Principal, units: UnitIndex): RowScopes {
  const resultRule = grant.rows.AdministrativeResult;
  const citizenRule = grant.rows.Citizen;
  const results: ResultScope | null = resultRule
    ? {
        ...(resultRule.jurisdiction ? { units: issuingUnitsOf(units, todaysUnits(resultRule.jurisdiction, principal)) } : {}),
        ...(resultRule.domains ? { domains: resultRule.domains } : {}),
        ...(resultRule.statuses ? { statuses: resultRule.statuses } : {}),
        ...(resultRule.subject === 'self' ? { subject: principal.sub } : {}),
      }
    : null;
  const citizens: CitizenScope | null = citizenRule
    ? {
        ...(citizenRule.jurisdiction ? { wards: todaysUnits(citizenRule.jurisdiction, principal) } : {}),
        ...(citizenRule.subject === 'self' ? { personalId: principal.sub } : {}),
      }
    : null;
  return { results, citizens };
}

/** `unit` is the caller's own unit; a caller without one has an empty jurisdiction (sees nothing). */
function todaysUnits(jurisdiction: Jurisdiction, principal: Principal): readonly string[] {
  if (jurisdiction === 'unit') return principal.unit ? [principal.unit] : [];
  return jurisdiction;
}

type IssuingUnits = NonNullable<ResultScope['units']>;

const allocations = new WeakMap<UnitIndex, Map<string, IssuingUnits>>();

/** The historical issuing units (whole, or a bucket range of a split one) that today's `wards` cover. */
export function issuingUnitsOf(index: UnitIndex, wards: readonly string[]): IssuingUnits {
  let byWards = allocations.get(index);
  if (!byWards) {
    byWards = new Map();
    allocations.set(index, byWards);
  }
  const key = [...wards].sort().join(',');
  let allocation = byWards.get(key);
  if (!allocation) {
    allocation = allocate(index, new Set(wards));
    byWards.set(key, allocation);
  }
  return allocation;
}

function allocate(index: UnitIndex, wards: ReadonlySet<string>): IssuingUnits {
  const whole: string[] = [];
  const parts: Array<{ code: string; from: number; to: number }> = [];
  for (const unit of index.all) {
    for (const { today, from, to } of successorRanges(index, unit.code)) {
      if (!wards.has(today)) continue;
      if (from === 0 && to === ALLOCATION_BUCKETS) whole.push(unit.code);
      else {
        const previous = parts.at(-1);
        if (previous && previous.code === unit.code && previous.to === from) previous.to = to;
        else parts.push({ code: unit.code, from, to });
      }
    }
  }
  // A jurisdiction holding every successor of a split unit covers it whole.
  for (const part of parts) if (part.from === 0 && part.to === ALLOCATION_BUCKETS) whole.push(part.code);
  return { whole, parts: parts.filter((p) => p.from !== 0 || p.to !== ALLOCATION_BUCKETS) };
}

/**
 * Today's units that a unit's rows go to, each with its stretch [from, to) of allocation buckets:
 * successors in code order, each taking the next stretch in proportion to its share. A unit in
 * force today maps wholly to itself.
 */
export function successorRanges(index: UnitIndex, code: string): Array<{ today: string; from: number; to: number }> {
  const successors = traceToToday(index, code)
    .filter((edge) => edge.unit !== null)
    .sort((a, b) => (a.unit!.code < b.unit!.code ? -1 : 1));
  const ranges: Array<{ today: string; from: number; to: number }> = [];
  let from = 0;
  let cumulative = 0;
  for (const [i, edge] of successors.entries()) {
    cumulative += edge.share ?? 0;
    // The last successor takes the rest: shares rounded to 4 places may not add up to exactly 1.
    const to = i === successors.length - 1 ? ALLOCATION_BUCKETS : Math.min(ALLOCATION_BUCKETS, Math.round(cumulative * ALLOCATION_BUCKETS));
    if (to > from) ranges.push({ today: edge.unit!.code, from, to });
    from = to;
  }
  return ranges;
}
