/**
 * How big an operation is, measured before it executes: depth, aliases, root fields, directives
 * and a cost that multiplies what a list field selects by the page it asks for. Written here
 * rather than taken from a library: the cost must know this schema's paging (`first`, the
 * connections), and every count must hold over fragments, which is where depth limiters have
 * been bypassed (a fragment named `__schema` that a rule skips by name, mutually recursive
 * fragments, one fragment spread many times). So fragments are followed by what they select,
 * never judged by their name; each is measured once and its counts multiplied by the times it
 * is spread, so fan-out costs one walk while its counts grow as the expanded document would; and
 * a cycle is reported, never followed.
 */
import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './pagination.js';

export interface OperationSize {
  readonly depth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly directives: number;
  readonly cost: number;
  /** Whether a page size came from the variables (the size then holds for these variables only). */
  readonly variablePages: boolean;
}

interface Summary {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
  fields: number;
}

/** A list field without a page argument (a citizen's results, a result's files) is assumed to hold this many items. */
export const ASSUMED_LIST_SIZE = 10;
/** Counts saturate here: a fan-out past it is refused anyway, and the arithmetic stays finite. */
const CAP = 1e15;

export class FragmentCycleError extends Error {
  constructor(readonly fragment: string) {
    super(`fragment ${fragment} spreads itself`);
  }
}

/** The size of the operation `operationName` of `document` (null: the document names no such operation). */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> = {}): OperationSize | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, Summary>();
  let variablePages = false;

  /** The page a paged field asks for (its default when `first` is left out), or null for a field without paging. */
  const pageOf = (def: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[] | undefined): number | null => {
    if (!def.args?.some((a) => a.name === 'first')) return null;
    const value = args?.find((a) => a.name.value === 'first')?.value;
    if (!value) return DEFAULT_PAGE_SIZE;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      variablePages = true;
      const given = variables[value.name.value];
      return typeof given === 'number' ? given : DEFAULT_PAGE_SIZE;
    }
    return DEFAULT_PAGE_SIZE;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, stack: readonly string[]): Summary => {
    const sum: Summary = { depth: 0, aliases: 0, directives: 0, cost: 0, fields: 0 };
    const add = (child: Summary, times = 1) => {
      sum.depth = Math.max(sum.depth, child.depth);
      sum.aliases = Math.min(CAP, sum.aliases + child.aliases * times);
      sum.directives = Math.min(CAP, sum.directives + child.directives * times);
      sum.cost = Math.min(CAP, sum.cost + child.cost * times);
      sum.fields = Math.min(CAP, sum.fields + child.fields * times);
    };
    for (const selection of set.selections) {
      sum.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const def = fieldOf(schema, parent, selection.name.value);
        const type = def ? getNamedType(def.type) : undefined;
        const child = selection.selectionSet ? walk(selection.selectionSet, type, stack) : { depth: 0, aliases: 0, directives: 0, cost: 0, fields: 0 };
        const times = def ? multiplier(def, parent, pageOf(def, selection.arguments)) : 1;
        sum.depth = Math.max(sum.depth, 1 + child.depth);
        sum.aliases = Math.min(CAP, sum.aliases + (selection.alias ? 1 : 0) + child.aliases);
        sum.directives = Math.min(CAP, sum.directives + child.directives);
        sum.cost = Math.min(CAP, sum.cost + 1 + times * child.cost);
        sum.fields += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        add(walk(selection.selectionSet, type ?? undefined, stack));
      } else {
        const name = selection.name.value;
        if (stack.includes(name)) throw new FragmentCycleError(name);
        let summary = measured.get(name);
        if (!summary) {
          const fragment = fragments.get(name);
          if (!fragment) continue;
          summary = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, [...stack, name]);
          measured.set(name, summary);
        }
        add(summary);
      }
    }
    return sum;
  };

  const root = walk(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, []);
  return { depth: root.depth, aliases: root.aliases, rootFields: root.fields, directives: root.directives + (operation.directives?.length ?? 0), cost: root.cost, variablePages };
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return schema.getQueryType() === parent ? ({ type: schema.getType('__Schema') } as GraphQLField<unknown, unknown>) : undefined;
  if (name === '__type') return { type: schema.getType('__Type') } as GraphQLField<unknown, unknown>;
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  return parent.getFields()[name];
}

/**
 * How many times a field's selection counts: its page (`first`) for a paged field, the assumed
 * size for a list without one, 1 otherwise. A connection's `edges` list is the page its field
 * already counted, and introspection lists are the schema's own size, not data.
 */
function multiplier(def: GraphQLField<unknown, unknown>, parent: GraphQLNamedType | undefined, page: number | null): number {
  if (page !== null) return Math.max(1, page);
  if (!isListType(getNullableType(def.type))) return 1;
  if (parent && (parent.name.endsWith('Connection') || parent.name.startsWith('__'))) return 1;
  return ASSUMED_LIST_SIZE;
}
