/**
 * What a query asks for below a field, so a repository reads only those columns. Fragments and
 * inline fragments are merged; @skip/@include are ignored (reading a column too many is harmless).
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * What to cache per-query-field work on. Apollo keeps parsed documents, so a field's AST node is
 * the same object in every request with that document: keyed on it, a plan is made once per
 * document, not once per request or per parent row. A field selected twice (merged nodes) falls
 * back to graphql-js's `fieldNodes` array, which lives for one request.
 */
export function fieldKey(info: GraphQLResolveInfo): object {
  return info.fieldNodes.length === 1 ? (info.fieldNodes[0] as FieldNode) : info.fieldNodes;
}

/**
 * Names of the fields selected under the current field (and then along `path`), e.g.
 * ['edges', 'node'], cached per query field (see `fieldKey`). Treat the set as read-only.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): ReadonlySet<string> {
  return summaryAt(info, path).names;
}

/** True when `field` is selected at `path` and no occurrence of it passes arguments. */
export function selectedWithoutArguments(info: GraphQLResolveInfo, path: readonly string[], field: string): boolean {
  const summary = summaryAt(info, path);
  return summary.names.has(field) && !summary.withArguments.has(field);
}

/** One walk of a selection answers both questions above; cached per query field and path. */
interface SelectionSummary {
  names: ReadonlySet<string>;
  withArguments: ReadonlySet<string>;
}

const cache = new WeakMap<object, Map<string, SelectionSummary>>();

function summaryAt(info: GraphQLResolveInfo, path: readonly string[]): SelectionSummary {
  const field = fieldKey(info);
  let byPath = cache.get(field);
  if (!byPath) {
    byPath = new Map();
    cache.set(field, byPath);
  }
  const key = path.join('.');
  let summary = byPath.get(key);
  if (!summary) {
    let sets = info.fieldNodes.map((node) => node.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
    for (const step of path) sets = sets.flatMap((set) => childSelectionSets(set, step, info.fragments));
    const names = new Set<string>();
    const withArguments = new Set<string>();
    for (const set of sets) {
      visit(set, info.fragments, new Set(), (node) => {
        names.add(node.name.value);
        if ((node.arguments?.length ?? 0) > 0) withArguments.add(node.name.value);
      });
    }
    summary = { names, withArguments };
    byPath.set(key, summary);
  }
  return summary;
}

/** Sub-selections of `field` under a set, merged across aliases and fragments. */
export function childSelectionSets(set: SelectionSetNode, field: string, fragments: Record<string, FragmentDefinitionNode>): SelectionSetNode[] {
  const out: SelectionSetNode[] = [];
  visit(set, fragments, new Set(), (node) => {
    if (node.name.value === field && node.selectionSet) out.push(node.selectionSet);
  });
  return out;
}

function visit(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>, onField: (node: FieldNode) => void): void {
  for (const selection of set.selections) {
    if (selection.kind === 'Field') onField(selection);
    else if (selection.kind === 'InlineFragment') visit(selection.selectionSet, fragments, seen, onField);
    else {
      const name = selection.name.value;
      const fragment = fragments[name];
      // Validation has already refused fragment cycles; `seen` keeps this safe regardless.
      if (fragment && !seen.has(name)) {
        seen.add(name);
        visit(fragment.selectionSet, fragments, seen, onField);
        seen.delete(name);
      }
    }
  }
}
