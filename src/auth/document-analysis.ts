/**
 * What a document can reach, decided before it runs. A field's permission depends only on the
 * caller's grant and the field's coordinate (`Type.field`), never on the row: rows are scoped in
 * SQL. So one walk of the document per (document, grant) tells every coordinate it selects,
 * which of them the grant denies or masks, whether it reads personal data (and so needs a
 * purpose), and whether it introspects. Apollo keeps parsed documents, so the walk happens once
 * per document and grant, not per request.
 */
import { type DocumentNode, type GraphQLSchema, TypeInfo, isAbstractType, isObjectType, visit, visitWithTypeInfo } from 'graphql';
import type { Grant, Policy } from './policy/policy.types.js';

export interface DocumentAnalysis {
  /** Every object-type coordinate the document selects (fields of interfaces expanded to each implementation). */
  readonly coordinates: ReadonlySet<string>;
  /** Selected coordinates the grant does not allow: they resolve to null with a FORBIDDEN error. */
  readonly denied: ReadonlySet<string>;
  /** Selected coordinates the grant masks. */
  readonly masked: ReadonlySet<string>;
  /** Whether it selects a granted personal field: such a request must declare a purpose. */
  readonly personal: boolean;
  /** Whether it selects `__schema` or `__type`. */
  readonly introspection: boolean;
}

const cache = new WeakMap<DocumentNode, Map<string, DocumentAnalysis>>();

/** The analysis of `document` for `grant`, cached per document object and grant key. */
export function analyzeDocument(schema: GraphQLSchema, policy: Policy, document: DocumentNode, grant: Grant): DocumentAnalysis {
  let byGrant = cache.get(document);
  if (!byGrant) {
    byGrant = new Map();
    cache.set(document, byGrant);
  }
  let analysis = byGrant.get(grant.key);
  if (!analysis) {
    analysis = decide(selectedCoordinates(schema, document), policy, grant);
    byGrant.set(grant.key, analysis);
  }
  return analysis;
}

interface Selection {
  coordinates: Set<string>;
  introspection: boolean;
}

const selections = new WeakMap<DocumentNode, Selection>();

/**
 * Every coordinate in every operation and fragment of the document (validation has refused
 * unused fragments, so each fragment belongs to some operation). Walking with TypeInfo follows
 * aliases, inline fragments and type conditions exactly as execution will.
 */
function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode): Selection {
  const known = selections.get(document);
  if (known) return known;
  const typeInfo = new TypeInfo(schema);
  const selection: Selection = { coordinates: new Set(), introspection: false };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        if (name === '__schema' || name === '__type') {
          selection.introspection = true;
          return;
        }
        const parent = typeInfo.getParentType();
        if (!parent || parent.name.startsWith('__')) return;
        if (isObjectType(parent)) selection.coordinates.add(`${parent.name}.${name}`);
        else if (isAbstractType(parent)) for (const type of schema.getPossibleTypes(parent)) selection.coordinates.add(`${type.name}.${name}`);
      },
    }),
  );
  selections.set(document, selection);
  return selection;
}

function decide(selection: Selection, policy: Policy, grant: Grant): DocumentAnalysis {
  const denied = new Set<string>();
  const masked = new Set<string>();
  let personal = false;
  for (const coordinate of selection.coordinates) {
    if (!grant.fields.has(coordinate)) {
      denied.add(coordinate);
      continue;
    }
    if (grant.masks.has(coordinate)) masked.add(coordinate);
    const category = policy.categoryOf.get(coordinate);
    if (category === undefined || policy.categories.get(category)?.personal !== false) personal = true;
  }
  return { coordinates: selection.coordinates, denied, masked, personal, introspection: selection.introspection };
}
