/**
 * Row rules of a role (`rows:` in the policy file). Only what the sources can push into their
 * SQL is accepted: a rule the runtime cannot enforce must fail at load, never be ignored.
 */
import { isScalar } from 'yaml';
import type { CitizenRowRule, Jurisdiction, ResultRowRule, RowRules } from './policy.types.js';
import { type At, type Entry, type Reader, describe } from './yaml-reader.js';

/** Result statuses as the records source stores them (the schema's ResultStatus). */
export const RESULT_STATUSES = ['VALID', 'EXPIRED', 'REVOKED', 'SUPERSEDED'] as const;

/** Types with row rules, and the rules each supports. */
export const ROW_RULE_KEYS = {
  AdministrativeResult: ['jurisdiction', 'domains', 'statuses', 'subject'],
  Citizen: ['jurisdiction', 'subject'],
} as const satisfies Record<keyof RowRules, readonly string[]>;

type RowType = keyof typeof ROW_RULE_KEYS;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The project's unit codes: dot-separated upper-case segments, e.g. HN.BACHMAI, HBT.NGUYENDU.2020. */
const UNIT_CODE = /^[A-Z][A-Z0-9]*(\.[A-Z0-9]+)*$/;
/** Procedure domains, e.g. LAND, CIVIL_STATUS. */
const DOMAIN = /^[A-Z]+(_[A-Z]+)*$/;

/** Reads `rows:`; problems go to the reader, unusable rules are left out. */
export function readRowRules(reader: Reader, at: At, role: string): RowRules {
  const rules: Mutable<RowRules> = {};
  const entries = reader.map(at, `a mapping from a type (${Object.keys(ROW_RULE_KEYS).join(', ')}) to its row rule`);
  for (const entry of entries ?? []) {
    if (!isRowType(entry.key)) {
      reader.report(entry.keyAt, `row rules on ${entry.key} are not supported (supported: ${Object.keys(ROW_RULE_KEYS).join(', ')})`);
      continue;
    }
    const rule = readRule(reader, entry, entry.key, role);
    if (entry.key === 'Citizen') rules.Citizen = rule satisfies CitizenRowRule;
    else rules.AdministrativeResult = rule;
  }
  return rules;
}

function readRule(reader: Reader, owner: Entry, type: RowType, role: string): ResultRowRule {
  const rule: Mutable<ResultRowRule> = {};
  const supported: readonly string[] = ROW_RULE_KEYS[type];
  for (const entry of reader.map(owner.value, 'a mapping of row rules') ?? []) {
    if (!supported.includes(entry.key)) {
      reader.report(entry.keyAt, `unsupported row rule on ${type} (supported: ${supported.join(', ')})`);
      continue;
    }
    switch (entry.key) {
      case 'jurisdiction': {
        const jurisdiction = readJurisdiction(reader, entry.value);
        if (jurisdiction) rule.jurisdiction = jurisdiction;
        break;
      }
      case 'domains': {
        const domains = codes(reader, entry.value, 'a list of procedure domains', (v) =>
          DOMAIN.test(v) ? undefined : `"${v}" is not a procedure domain (upper-case words joined by _, e.g. CIVIL_STATUS)`,
        );
        if (domains) rule.domains = domains;
        break;
      }
      case 'statuses': {
        const statuses = codes(reader, entry.value, 'a list of result statuses', (v) =>
          (RESULT_STATUSES as readonly string[]).includes(v) ? undefined : `"${v}" is not a result status (${RESULT_STATUSES.join(', ')})`,
        );
        if (statuses) rule.statuses = statuses;
        break;
      }
      case 'subject': {
        const node = entry.value.node;
        if (!isScalar(node) || node.value !== 'self') reader.report(entry.value, `expected "self" (only the caller's own records), got ${describe(node)}`);
        // Only a citizen's token names a personal ID; for an officer "self" would match nothing.
        else if (role !== 'citizen') reader.report(entry.value, `subject: self needs the citizen role (an officer's token names no personal ID)`);
        else rule.subject = 'self';
        break;
      }
    }
  }
  return rule;
}

function readJurisdiction(reader: Reader, at: At): Jurisdiction | undefined {
  const node = at.node;
  if (isScalar(node) && node.value === 'unit') return 'unit';
  if (isScalar(node) || node === null) {
    reader.report(at, `expected "unit" (the unit claim of the caller's token) or a list of today's unit codes, got ${describe(node)}`);
    return undefined;
  }
  return codes(reader, at, "a list of today's unit codes", (v) =>
    UNIT_CODE.test(v) ? undefined : `"${v}" is not a unit code (dot-separated upper-case segments, e.g. HN.BACHMAI)`,
  );
}

/** A non-empty list of codes, each checked; an empty list would silently deny every row. */
function codes(reader: Reader, at: At, expected: string, check: (value: string) => string | undefined): string[] | undefined {
  const items = reader.texts(at, expected, 'a code');
  if (!items) return undefined;
  if (items.length === 0 && reader.list(at, expected)?.length === 0) {
    reader.report(at, `expected at least one code (leave the rule out to allow all)`);
    return undefined;
  }
  let valid = true;
  for (const item of items) {
    const fault = check(item.value);
    if (fault !== undefined) {
      reader.report(item.at, fault);
      valid = false;
    }
  }
  return valid ? items.map((i) => i.value) : undefined;
}

function isRowType(key: string): key is RowType {
  return Object.hasOwn(ROW_RULE_KEYS, key);
}
