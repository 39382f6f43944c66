/**
 * Column projection: a source maps each GraphQL field it can read straight from a row to a SQL
 * expression, and reads only the ones a query asks for (plus the keys its links need). The SQL
 * text for a given field set is built once and reused, so postgres.js prepares it once per
 * connection.
 */
export interface ProjectionSpec {
  /** GraphQL field name → SQL expression (aliased to the field name in the select list). */
  readonly columns: Readonly<Record<string, string>>;
  /** Link field → the columns it needs, e.g. { household: ['householdId'] }. */
  readonly needs?: Readonly<Record<string, readonly string[]>>;
  /** Columns read whatever is asked (the row's key). */
  readonly always: readonly string[];
}

export interface Projection {
  /** Stable identity of the field set, for caching statements and loaders. */
  readonly signature: string;
  /** `expr AS "field", …` */
  readonly selectList: string;
}

const projections = new WeakMap<ProjectionSpec, WeakMap<object, Projection>>();

/**
 * Builds the projection of `spec` for the fields a query selected; cached per selection object
 * (the selection helper hands out the same set for every item of a list).
 */
export function project(spec: ProjectionSpec, selected: Iterable<string>): Projection {
  let bySelection = projections.get(spec);
  if (!bySelection) {
    bySelection = new WeakMap();
    projections.set(spec, bySelection);
  }
  let projection = bySelection.get(selected);
  if (!projection) {
    projection = buildProjection(spec, selected);
    bySelection.set(selected, projection);
  }
  return projection;
}

function buildProjection(spec: ProjectionSpec, selected: Iterable<string>): Projection {
  const fields = new Set(spec.always);
  for (const name of selected) {
    if (name in spec.columns) fields.add(name);
    for (const needed of spec.needs?.[name] ?? []) fields.add(needed);
  }
  const ordered = Object.keys(spec.columns).filter((name) => fields.has(name));
  return {
    signature: ordered.join(','),
    selectList: ordered.map((name) => `${spec.columns[name] as string} AS "${name}"`).join(', '),
  };
}

/**
 * `json_build_object('field', expr, …)` for a nested object built inside the statement, with the
 * same fields `project` would read (asked-for columns, the keys links need, the row key), plus
 * any `extra` nested members already written as SQL.
 */
export function jsonObject(spec: ProjectionSpec, selected: Iterable<string>, extra: Readonly<Record<string, string>> = {}): { signature: string; sql: string } {
  const fields = new Set(spec.always);
  for (const name of selected) {
    if (name in spec.columns) fields.add(name);
    for (const needed of spec.needs?.[name] ?? []) fields.add(needed);
  }
  const ordered = Object.keys(spec.columns).filter((name) => fields.has(name));
  const pairs = [...ordered.map((name) => `'${name}', ${spec.columns[name] as string}`), ...Object.entries(extra).map(([name, sql]) => `'${name}', ${sql}`)];
  return {
    signature: [...ordered, ...Object.keys(extra).map((name) => `${name}{${extra[name]}}`)].join(','),
    sql: `json_build_object(${pairs.join(', ')})`,
  };
}
