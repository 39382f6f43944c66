/**
 * What the policy needs to know about the schema: its coordinates (`Type.field` of every object
 * type, the root Query's fields included) and, per field, the facts a mask must fit. Interface
 * fields are not coordinates: a value is always resolved through its object type's field.
 */
import {
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { MaskKind } from './policy.types.js';

export interface FieldFacts {
  readonly coordinate: string;
  /** The field's type as printed in SDL, e.g. `[ResultDocument!]`, `String!`. */
  readonly typeName: string;
  readonly nonNull: boolean;
  readonly list: boolean;
  /** The named type at the bottom of lists and non-nulls. */
  readonly namedType: string;
  /** A scalar or an enum (as opposed to an object). */
  readonly leaf: boolean;
}

export interface SchemaFields {
  /** Object type → field name → facts. */
  readonly types: ReadonlyMap<string, ReadonlyMap<string, FieldFacts>>;
  /** Root operation types: exempt from the non-null completeness rule (see compile-policy). */
  readonly roots: ReadonlySet<string>;
  /** Every coordinate, sorted. */
  readonly coordinates: readonly string[];
}

/** Collects the coordinates of a schema, skipping the introspection types (`__Type`…). */
export function schemaFields(schema: GraphQLSchema): SchemaFields {
  const types = new Map<string, ReadonlyMap<string, FieldFacts>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = new Map<string, FieldFacts>();
    for (const field of Object.values(type.getFields())) fields.set(field.name, factsOf(type.name, field));
    types.set(type.name, fields);
  }
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) => (t ? [t.name] : [])));
  const coordinates = [...types.values()].flatMap((fields) => [...fields.values()].map((f) => f.coordinate)).sort();
  return { types, roots, coordinates };
}

function factsOf(typeName: string, field: GraphQLField<unknown, unknown>): FieldFacts {
  const named = getNamedType(field.type);
  return {
    coordinate: `${typeName}.${field.name}`,
    typeName: String(field.type),
    nonNull: isNonNullType(field.type),
    list: isListType(getNullableType(field.type)),
    namedType: named.name,
    leaf: isLeafType(named),
  };
}

/**
 * Why a mask cannot apply to a field, or undefined when it can. A masked value must still be a
 * valid value of the field's type: `partial` and `hash` yield text, `yearOnly` a Date, `null`
 * nothing at all, so none fits a non-null field, and objects and lists are granted or denied
 * whole.
 */
export function maskMisfit(kind: MaskKind, field: FieldFacts): string | undefined {
  const what = `${field.coordinate} is ${field.typeName}`;
  if (field.list) return `${what}: a list cannot be masked (grant or deny it whole)`;
  if (!field.leaf) return `${what}: an object cannot be masked (grant or deny it whole)`;
  if (field.nonNull) return `${what}: a non-null field cannot be masked`;
  switch (kind) {
    case 'partial':
    case 'hash':
      return field.namedType === 'String' || field.namedType === 'ID' ? undefined : `${what}: ${kind} masks String or ID fields only`;
    case 'yearOnly':
      return field.namedType === 'Date' ? undefined : `${what}: yearOnly masks Date fields only`;
    case 'null':
      return undefined;
  }
}
