/**
 * What each agency/role sees under a policy, as a table for people who review policies (the
 * data-protection officer, the agencies themselves): one row per grant, its purposes, one
 * column per category, and its row rules.
 */
import { needsUnitClaim } from './load-policy.js';
import type { FieldCategory, Grant, Jurisdiction, Policy, RowRules } from './policy.types.js';
import { renderTextTable, wrap } from './text-table.js';

/** The cell's legend, printed under the table. */
export const CELL_LEGEND =
  'read: every field of the category; k/n: k of its n fields; masked (m): granted with m fields masked; —: nothing';

/**
 * Renders the grants of `policy` (in file order) as plain text about `width` columns wide,
 * followed by the legend and the notes a reviewer needs: roles allowed to introspect in
 * production, roles whose tokens must carry a unit claim, and unclassified coordinates.
 */
export function renderCheckTable(policy: Policy, width = 160): string {
  const categories = [...policy.categories.values()];
  const grants = [...policy.agencies.values()].flatMap((agency) => [...agency.grants.values()]);
  const columns = [
    { header: 'agency/role', narrow: false, maxWidth: 16 },
    { header: 'purposes', narrow: false, maxWidth: 26 },
    ...categories.map((c) => ({ header: c.name, narrow: true, maxWidth: 6 })),
    { header: 'rows', narrow: false, maxWidth: width, fill: true },
  ];
  const rows = grants.map((g) => [
    g.key,
    [...g.purposes].join(', ') || '—',
    ...categories.map((c) => categoryCell(g, c)),
    summarizeRows(g.rows) || '—',
  ]);
  const notes = [
    '',
    CELL_LEGEND,
    `introspection in production: ${list(grants.filter((g) => g.introspection))}`,
    `tokens must carry a unit claim: ${list(grants.filter(needsUnitClaim))}`,
    policy.unclassified.length === 0
      ? 'unclassified coordinates: none'
      : `unclassified coordinates (denied to everyone): ${policy.unclassified.join(', ')}`,
  ];
  const wrapped = notes.flatMap((note) => (note === '' ? [''] : wrap(note, width, false)));
  return `${renderTextTable(columns, rows, width)}\n${wrapped.join('\n')}\n`;
}

/** `read`, `k/n`, `masked (m)` (after `k/n` when not all is granted) or `—`. */
export function categoryCell(grant: Grant, category: FieldCategory): string {
  let granted = 0;
  let masked = 0;
  for (const coordinate of category.fields) {
    if (!grant.fields.has(coordinate)) continue;
    granted++;
    if (grant.masks.has(coordinate)) masked++;
  }
  if (granted === 0) return '—';
  const share = granted === category.fields.size ? '' : `${granted}/${category.fields.size}`;
  if (masked > 0) return `${share} masked (${masked})`.trim();
  return share || 'read';
}

/** E.g. `results: domains LAND, CONSTRUCTION; citizens: jurisdiction HN.HAIBATRUNG… (5 units)`. */
export function summarizeRows(rows: RowRules): string {
  const parts: string[] = [];
  const result = rows.AdministrativeResult;
  if (result) {
    parts.push(
      describeRule('results', [
        result.jurisdiction && `jurisdiction ${jurisdiction(result.jurisdiction)}`,
        result.domains && `domains ${result.domains.join(', ')}`,
        result.statuses && `statuses ${result.statuses.join(', ')}`,
        result.subject && `subject ${result.subject}`,
      ]),
    );
  }
  const citizen = rows.Citizen;
  if (citizen) {
    parts.push(
      describeRule('citizens', [citizen.jurisdiction && `jurisdiction ${jurisdiction(citizen.jurisdiction)}`, citizen.subject && `subject ${citizen.subject}`]),
    );
  }
  return parts.join('; ');
}

function describeRule(what: string, conditions: readonly (string | undefined)[]): string {
  const set = conditions.filter((c): c is string => c !== undefined);
  return `${what}: ${set.length > 0 ? set.join(', ') : 'no condition'}`;
}

/** Long lists are cut: the table is an overview, the file has the list. */
function jurisdiction(value: Jurisdiction): string {
  if (value === 'unit') return "token's unit";
  return value.length <= 2 ? value.join(', ') : `${value[0]}… (${value.length} units)`;
}

function list(grants: readonly Grant[]): string {
  return grants.length === 0 ? 'none' : grants.map((g) => g.key).join(', ');
}
