/**
 * Introspection per role (as Hasura does): a role's `__schema` shows only the types and fields
 * its grant allows, so partner developers exploring in GraphiQL see exactly what they may ask.
 */
import { type GraphQLSchema, getNamedType, isInterfaceType, isObjectType } from 'graphql';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import type { Grant } from './policy/policy.types.js';

const visible = new WeakMap<GraphQLSchema, WeakMap<Grant, GraphQLSchema>>();

/** The schema as `grant` sees it (cached per schema and grant). Resolvers are those of `schema`. */
export function schemaVisibleTo(schema: GraphQLSchema, grant: Grant): GraphQLSchema {
  let byGrant = visible.get(schema);
  if (!byGrant) {
    byGrant = new WeakMap();
    visible.set(schema, byGrant);
  }
  let filtered = byGrant.get(grant);
  if (!filtered) {
    filtered = build(schema, grant);
    byGrant.set(grant, filtered);
  }
  return filtered;
}

function build(schema: GraphQLSchema, grant: Grant): GraphQLSchema {
  // An object type is shown when the grant allows one of its fields; a field is shown when
  // granted and its type is shown (a field leading to a type with nothing visible would be empty).
  const shownTypes = new Set<string>();
  for (const coordinate of grant.fields) shownTypes.add(coordinate.slice(0, coordinate.indexOf('.')));
  const shows = (typeName: string, fieldName: string): boolean => {
    if (!grant.fields.has(`${typeName}.${fieldName}`)) return false;
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) return false;
    const target = getNamedType(field.type);
    if (isObjectType(target)) return shownTypes.has(target.name);
    if (isInterfaceType(target)) return schema.getPossibleTypes(target).some((t) => shownTypes.has(t.name));
    return true;
  };
  return pruneSchema(
    filterSchema({
      schema,
      rootFieldFilter: (operation, fieldName) => shows(operation, fieldName),
      objectFieldFilter: (typeName, fieldName) => shows(typeName, fieldName),
      // An interface keeps a field only when every implementation shows it.
      interfaceFieldFilter: (typeName, fieldName) => {
        const type = schema.getType(typeName);
        return isInterfaceType(type) && schema.getPossibleTypes(type).every((t) => shows(t.name, fieldName));
      },
    }),
  );
}
