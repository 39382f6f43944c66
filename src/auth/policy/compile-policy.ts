/**
 * Second pass: resolves the names of a read policy against the schema and against itself, and
 * compiles each role into a Grant. Messages name what the file wrote and never suggest schema
 * names: the policy file may be shown to people who should not learn the schema from it.
 */
import type { Role } from '../identity/principal.js';
import type { FieldCategory, Grant, MaskKind, Policy } from './policy.types.js';
import type { RawFields, RawPolicy, RawRole } from './read-policy.js';
import { type FieldFacts, type SchemaFields, maskMisfit } from './schema-fields.js';
import type { At, Reader } from './yaml-reader.js';

type AgencyEntry = Policy['agencies'] extends ReadonlyMap<string, infer A> ? A : never;

/** Compiles `raw`; every problem goes to `reader`, and the result is only sound without any. */
export function compilePolicy(file: string, raw: RawPolicy, schema: SchemaFields, reader: Reader): Policy {
  const purposes = new Map(raw.purposes.map((p) => [p.value, p.description]));
  const { categories, categoryOf } = compileCategories(raw, schema, reader);
  const agencies = new Map<string, AgencyEntry>();
  for (const agency of raw.agencies) {
    const grants = new Map<Role, Grant>();
    for (const role of agency.roles) {
      const grant = compileRole(role, { agency: agency.code.value, agencyName: agency.name, purposes, categories, categoryOf, schema, reader });
      if (grant) grants.set(grant.role, grant);
    }
    agencies.set(agency.code.value, { name: agency.name, grants, accessLogDeferralDays: agency.accessLogDeferralDays });
  }
  const unclassified = schema.coordinates.filter((c) => !categoryOf.has(c));
  return { file, purposes, categories, categoryOf, agencies, unclassified, minCellCount: raw.minCellCount };
}

function compileCategories(raw: RawPolicy, schema: SchemaFields, reader: Reader) {
  const categories = new Map<string, FieldCategory>();
  const categoryOf = new Map<string, string>();
  const firstAt = new Map<string, number>();
  for (const category of raw.categories) {
    const fields = new Set<string>();
    for (const { facts, at } of resolveFields(category.fields, schema, reader)) {
      const other = categoryOf.get(facts.coordinate);
      if (other !== undefined) {
        const line = reader.problems.lineOf(firstAt.get(facts.coordinate) ?? 0);
        reader.report(at, `${facts.coordinate} is already in category "${other}" (line ${line}): a field belongs to exactly one category`);
        continue;
      }
      categoryOf.set(facts.coordinate, category.name.value);
      firstAt.set(facts.coordinate, at.offset);
      fields.add(facts.coordinate);
    }
    // A category whose `personal` is missing was reported; treating it as personal keeps the
    // purpose check strict while the remaining problems are collected.
    const personal = category.personal ?? true;
    categories.set(category.name.value, { name: category.name.value, description: category.description, personal, fields });
  }
  return { categories, categoryOf };
}

interface RoleContext {
  readonly agency: string;
  readonly agencyName: string;
  readonly purposes: ReadonlyMap<string, string>;
  readonly categories: ReadonlyMap<string, FieldCategory>;
  readonly categoryOf: ReadonlyMap<string, string>;
  readonly schema: SchemaFields;
  readonly reader: Reader;
}

function compileRole(raw: RawRole, ctx: RoleContext): Grant | undefined {
  const { reader } = ctx;
  // Coordinate → the item of the file that granted it first (where to point at a fault).
  const granted = new Map<string, At>();
  const personal = new Set<string>();
  for (const item of raw.read) {
    const category = ctx.categories.get(item.value);
    if (!category) {
      reader.report(item.at, `unknown category "${item.value}"`);
      continue;
    }
    if (category.personal) personal.add(category.name);
    for (const coordinate of category.fields) if (!granted.has(coordinate)) granted.set(coordinate, item.at);
  }
  for (const { facts, at } of resolveFields(raw.fields, ctx.schema, reader)) {
    const category = ctx.categoryOf.get(facts.coordinate);
    // The runtime denies unclassified coordinates to everyone; granting one would be a dead letter.
    if (category === undefined) reader.report(at, `${facts.coordinate} belongs to no category: classify it before granting it`);
    else if (ctx.categories.get(category)?.personal) personal.add(category);
    if (!granted.has(facts.coordinate)) granted.set(facts.coordinate, at);
  }
  for (const purpose of raw.purposes) {
    if (!ctx.purposes.has(purpose.value)) reader.report(purpose.at, `unknown purpose "${purpose.value}" (not in the purposes catalogue)`);
  }
  // Personal data may only be read for a declared purpose (x-purpose): a role with none could never read it.
  if (personal.size > 0 && raw.purposes.length === 0) {
    reader.report(raw.purposesAt, `reads personal data (${[...personal].join(', ')}) but declares no purposes`);
  }
  const masks = compileMasks(raw, granted, ctx);
  checkNonNullComplete(granted, ctx);
  if (!raw.known) return undefined;
  const role = raw.role.value as Role;
  return {
    key: `${ctx.agency}/${role}`,
    agency: ctx.agency,
    agencyName: ctx.agencyName,
    role,
    purposes: new Set(raw.purposes.map((p) => p.value)),
    fields: new Set(granted.keys()),
    masks,
    rows: raw.rows,
    introspection: raw.introspection,
    adHocDocuments: raw.adHocDocuments,
  };
}

function compileMasks(raw: RawRole, granted: ReadonlyMap<string, At>, ctx: RoleContext): Map<string, MaskKind> {
  const masks = new Map<string, MaskKind>();
  for (const mask of raw.masks) {
    const [typeName = '', fieldName = ''] = mask.coordinate.value.split('.');
    const facts = lookUp(ctx.schema, typeName, fieldName, mask.coordinate.at, ctx.reader);
    if (!facts) continue;
    if (!granted.has(facts.coordinate)) {
      ctx.reader.report(mask.coordinate.at, `masks ${facts.coordinate}, which this role is not granted`);
      continue;
    }
    if (mask.kind === undefined) continue;
    const misfit = maskMisfit(mask.kind, facts);
    if (misfit !== undefined) ctx.reader.report(mask.kindAt, misfit);
    else masks.set(facts.coordinate, mask.kind);
  }
  return masks;
}

/**
 * Where a role is granted some fields of an object type, it must be granted all its non-null
 * ones: the runtime answers a denied field with an error and null, and a null in a non-null
 * field nulls the parent object, wiping out the fields the role was granted. Root operation
 * types are exempt: there a denied field is a request the caller may simply not make.
 */
function checkNonNullComplete(granted: ReadonlyMap<string, At>, ctx: RoleContext): void {
  const firstOfType = new Map<string, { coordinate: string; at: At }>();
  for (const [coordinate, at] of granted) {
    const typeName = coordinate.slice(0, coordinate.indexOf('.'));
    if (!firstOfType.has(typeName)) firstOfType.set(typeName, { coordinate, at });
  }
  for (const [typeName, first] of firstOfType) {
    if (ctx.schema.roots.has(typeName)) continue;
    const fields = ctx.schema.types.get(typeName);
    const missing = [...(fields?.values() ?? [])].filter((f) => f.nonNull && !granted.has(f.coordinate)).map((f) => f.coordinate);
    if (missing.length === 0) continue;
    const which = missing.length === 1 ? `${missing[0]}, which is non-null` : `${missing.join(', ')}, which are non-null`;
    ctx.reader.report(first.at, `grants ${first.coordinate} but not ${which}: a denied non-null field would null its parent`);
  }
}

/** The fields of `{ Type: [field…] }` that exist, reporting those that do not. */
function resolveFields(raw: readonly RawFields[], schema: SchemaFields, reader: Reader): { facts: FieldFacts; at: At }[] {
  const out: { facts: FieldFacts; at: At }[] = [];
  for (const { type, fields } of raw) {
    if (!schema.types.has(type.value)) {
      reader.report(type.at, `"${type.value}" is not an object type of the schema`);
      continue;
    }
    for (const field of fields) {
      const facts = lookUp(schema, type.value, field.value, field.at, reader);
      if (facts) out.push({ facts, at: field.at });
    }
  }
  return out;
}

function lookUp(schema: SchemaFields, typeName: string, fieldName: string, at: At, reader: Reader): FieldFacts | undefined {
  const type = schema.types.get(typeName);
  if (!type) {
    reader.report(at, `"${typeName}" is not an object type of the schema`);
    return undefined;
  }
  const facts = type.get(fieldName);
  if (!facts) reader.report(at, `${typeName} has no field "${fieldName}"`);
  return facts;
}
