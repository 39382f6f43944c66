/**
 * The authorization policy: loading and checking policy files, and the compiled grants the
 * runtime consults. See policy/default.yaml for the format.
 */
export { loadPolicy, parsePolicy, grantFor, needsUnitClaim } from './load-policy.js';
export { renderCheckTable, categoryCell, summarizeRows } from './check-table.js';
export { RESULT_STATUSES, ROW_RULE_KEYS } from './row-rules.js';
export { AGENCY_CODE } from './read-policy.js';
export { MASK_KINDS } from './policy.types.js';
export type { CitizenRowRule, FieldCategory, Grant, Jurisdiction, MaskKind, Policy, ResultRowRule, RowRules } from './policy.types.js';
