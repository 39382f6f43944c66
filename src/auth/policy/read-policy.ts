/**
 * First pass over a policy file: its shape. Keys, value types and formats are checked here;
 * whether names refer to anything (schema fields, categories, purposes) is compile-policy's job.
 */
import { isScalar } from 'yaml';
import { ROLES } from '../identity/principal.js';
import { MASK_KINDS, type MaskKind, type RowRules } from './policy.types.js';
import { readRowRules } from './row-rules.js';
import { type At, type Entry, type Item, type Reader, describe } from './yaml-reader.js';

/** `{ Type: [field, …] }`: the type as written (with where) and its fields. */
export interface RawFields {
  readonly type: Item;
  readonly fields: readonly Item[];
}

export interface RawCategory {
  readonly name: Item;
  readonly personal: boolean | undefined;
  readonly description: string;
  readonly fields: readonly RawFields[];
}

export interface RawMask {
  /** `Type.field` as written, pointing at the key. */
  readonly coordinate: Item;
  /** Where the kind is written; the kind itself is undefined when it was not a mask kind. */
  readonly kindAt: At;
  readonly kind: MaskKind | undefined;
}

export interface RawRole {
  readonly role: Item;
  /** False when the role's name is not a role: its body is still checked, not compiled. */
  readonly known: boolean;
  readonly purposes: readonly Item[];
  /** Where `purposes:` is, or the role's key when it is absent. */
  readonly purposesAt: At;
  readonly read: readonly Item[];
  readonly fields: readonly RawFields[];
  readonly masks: readonly RawMask[];
  readonly rows: RowRules;
  readonly introspection: boolean;
  readonly adHocDocuments: boolean;
}

export interface RawAgency {
  readonly code: Item;
  readonly name: string;
  readonly roles: readonly RawRole[];
  readonly accessLogDeferralDays: number;
}

export interface RawPolicy {
  readonly purposes: readonly (Item & { readonly description: string })[];
  readonly categories: readonly RawCategory[];
  readonly agencies: readonly RawAgency[];
  /** `aggregates.minCellCount`: analysts' cells counting fewer rows are suppressed. */
  readonly minCellCount: number;
}

/** k of the small-cell rule when the policy does not set it. */
export const DEFAULT_MIN_CELL_COUNT = 10;

/** Agency codes: the project's own, e.g. CA.HBT, UBND.BACHMAI. */
export const AGENCY_CODE = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const PURPOSE_CODE = /^[A-Z][A-Z0-9_]*$/;
const CATEGORY_NAME = /^[a-z][A-Za-z0-9]*$/;
const COORDINATE = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;
const ROLE_KEYS = ['purposes', 'read', 'fields', 'mask', 'rows', 'introspection', 'adHocDocuments'] as const;

/** Reads the whole file's shape, reporting to `reader`; returns what could be read. */
export function readPolicy(reader: Reader): RawPolicy {
  const root = reader.root();
  const entries = reader.map(root, 'a mapping with version, purposes, categories, agencies and aggregates');
  if (!entries) return { purposes: [], categories: [], agencies: [], minCellCount: DEFAULT_MIN_CELL_COUNT };
  reader.onlyKeys(entries, ['version', 'purposes', 'categories', 'agencies', 'aggregates']);

  const version = reader.entry(entries, 'version', root, 'the policy format: 1');
  const versionNode = version?.value.node ?? null;
  if (version && !(isScalar(versionNode) && versionNode.value === 1)) {
    reader.report(version.value, `expected 1 (the only version of the format), got ${describe(versionNode)}`);
  }
  const purposes = reader.entry(entries, 'purposes', root, 'the catalogue of purposes an agency may declare');
  const categories = reader.entry(entries, 'categories', root, 'the field categories');
  const agencies = reader.entry(entries, 'agencies', root, 'the agencies and their roles');
  const aggregates = reader.entry(entries, 'aggregates', root);
  return {
    minCellCount: (aggregates && readAggregates(reader, aggregates.value)) ?? DEFAULT_MIN_CELL_COUNT,
    purposes: purposes ? readPurposes(reader, purposes.value) : [],
    categories: categories ? named(reader, categories.value, 'a mapping of categories', (e) => readCategory(reader, e)) : [],
    agencies: agencies ? named(reader, agencies.value, 'a mapping of agencies', (e) => readAgency(reader, e)) : [],
  };
}

function readAggregates(reader: Reader, at: At): number | undefined {
  const body = reader.map(at, 'a mapping with minCellCount');
  if (!body) return undefined;
  reader.onlyKeys(body, ['minCellCount']);
  const k = reader.entry(body, 'minCellCount', at);
  // Below 3 a suppressed cell protects nobody; above 1,000 nothing city-wide would be shown.
  return (k && reader.integer(k.value, 3, 1000, 'a whole number from 3 to 1000')) ?? undefined;
}

function readPurposes(reader: Reader, at: At): RawPolicy['purposes'] {
  const out: (Item & { description: string })[] = [];
  for (const entry of reader.map(at, 'a mapping from purpose code to its description') ?? []) {
    if (!PURPOSE_CODE.test(entry.key)) reader.report(entry.keyAt, 'not a purpose code (upper-case letters, digits and _, e.g. TAX_ASSESSMENT)');
    const description = reader.text(entry.value, "the purpose's description");
    out.push({ value: entry.key, at: entry.keyAt, description: description ?? entry.key });
  }
  return out;
}

function readCategory(reader: Reader, entry: Entry): RawCategory {
  if (!CATEGORY_NAME.test(entry.key)) reader.report(entry.keyAt, 'not a category name (a lower camelCase word, e.g. civilStatus)');
  const name = { value: entry.key, at: entry.keyAt };
  const body = reader.map(entry.value, 'a mapping with personal, description and fields');
  // Kept, empty, so that the roles reading it are not also reported as naming an unknown category.
  if (!body) return { name, personal: undefined, description: entry.key, fields: [] };
  reader.onlyKeys(body, ['personal', 'description', 'fields']);
  const personal = reader.entry(body, 'personal', entry.keyAt, 'true or false: whether its fields are personal data');
  const description = reader.entry(body, 'description', entry.keyAt, 'what the category holds');
  const fields = reader.entry(body, 'fields', entry.keyAt, 'a mapping from type to its fields');
  return {
    name,
    personal: personal ? reader.boolean(personal.value, 'true or false') : undefined,
    description: (description && reader.text(description.value, 'a description')) || entry.key,
    fields: fields ? readFields(reader, fields.value) : [],
  };
}

function readFields(reader: Reader, at: At): RawFields[] {
  const out: RawFields[] = [];
  for (const entry of reader.map(at, 'a mapping from type to a list of its fields') ?? []) {
    const fields = reader.texts(entry.value, 'a list of field names', 'a field name');
    if (fields) out.push({ type: { value: entry.key, at: entry.keyAt }, fields });
  }
  return out;
}

function readAgency(reader: Reader, entry: Entry): RawAgency | undefined {
  if (!AGENCY_CODE.test(entry.key)) {
    reader.report(entry.keyAt, 'not an agency code (1 to 32 upper-case letters, digits, ".", "_" or "-", starting with a letter or digit)');
  }
  const body = reader.map(entry.value, 'a mapping with name and roles');
  if (!body) return undefined;
  reader.onlyKeys(body, ['name', 'roles', 'accessLogDeferralDays']);
  const name = reader.entry(body, 'name', entry.keyAt, "the agency's name");
  const roles = reader.entry(body, 'roles', entry.keyAt, 'what each of its roles may see');
  const deferral = reader.entry(body, 'accessLogDeferralDays', entry.keyAt);
  return {
    code: { value: entry.key, at: entry.keyAt },
    name: (name && reader.text(name.value, "the agency's name")) || entry.key,
    roles: roles ? named(reader, roles.value, 'a mapping from role to its grant', (e) => readRole(reader, e)) : [],
    accessLogDeferralDays: (deferral && reader.integer(deferral.value, 0, 3650, 'a whole number of days from 0 to 3650')) ?? 0,
  };
}

function readRole(reader: Reader, entry: Entry): RawRole | undefined {
  const known = (ROLES as readonly string[]).includes(entry.key);
  if (!known) reader.report(entry.keyAt, `unknown role (roles: ${ROLES.join(', ')})`);
  const body = reader.map(entry.value, `a mapping with ${ROLE_KEYS.join(', ')}`);
  if (!body) return undefined;
  reader.onlyKeys(body, ROLE_KEYS);
  const get = (key: (typeof ROLE_KEYS)[number]) => reader.entry(body, key, entry.keyAt);
  const purposes = get('purposes');
  const read = get('read');
  const fields = get('fields');
  const mask = get('mask');
  const rows = get('rows');
  const introspection = get('introspection');
  const adHocDocuments = get('adHocDocuments');
  return {
    role: { value: entry.key, at: entry.keyAt },
    known,
    purposes: (purposes && reader.texts(purposes.value, 'a list of purpose codes', 'a purpose code')) || [],
    purposesAt: purposes?.value ?? entry.keyAt,
    read: (read && reader.texts(read.value, 'a list of category names', 'a category name')) || [],
    fields: fields ? readFields(reader, fields.value) : [],
    masks: mask ? readMasks(reader, mask.value) : [],
    rows: rows ? readRowRules(reader, rows.value, entry.key) : {},
    introspection: (introspection && reader.boolean(introspection.value, 'true or false')) ?? false,
    adHocDocuments: (adHocDocuments && reader.boolean(adHocDocuments.value, 'true or false')) ?? false,
  };
}

function readMasks(reader: Reader, at: At): RawMask[] {
  const out: RawMask[] = [];
  for (const entry of reader.map(at, 'a mapping from Type.field to a mask kind') ?? []) {
    if (!COORDINATE.test(entry.key)) {
      reader.report(entry.keyAt, 'expected a coordinate Type.field as the key');
      continue;
    }
    out.push({ coordinate: { value: entry.key, at: entry.keyAt }, kindAt: entry.value, kind: maskKind(reader, entry.value) });
  }
  return out;
}

/** A mask kind; YAML reads a bare `null` as null, which here means the `null` mask. */
function maskKind(reader: Reader, at: At): MaskKind | undefined {
  const node = at.node;
  const kinds: readonly string[] = MASK_KINDS;
  if (isScalar(node) && node.value === null && node.source !== '' && node.source !== undefined) return 'null';
  if (isScalar(node) && typeof node.value === 'string' && kinds.includes(node.value)) return node.value as MaskKind;
  const shown = isScalar(node) && typeof node.value === 'string' ? `"${node.value}"` : describe(node);
  reader.report(at, `unknown mask kind ${shown} (kinds: ${MASK_KINDS.join(', ')})`);
  return undefined;
}

/** Reads a mapping of named things, keeping those whose body could be read. */
function named<T>(reader: Reader, at: At, expected: string, read: (entry: Entry) => T | undefined): T[] {
  return (reader.map(at, expected) ?? []).flatMap((entry) => {
    const value = read(entry);
    return value === undefined ? [] : [value];
  });
}
