/**
 * W5, the analyst's aggregate, for the targets that have no analytics of their own. PostGraphile
 * has no GROUP BY in its generated schema (that takes a plugin), so a PostGraphile user would
 * write SQL functions and let it expose them: these two, in a schema of their own in the bench
 * database. The floor runs the same grouping inline. Both read the analysts' rollup
 * (records.results_rollup), as the gateway does for this question.
 */
export const W5_FUNCTION_SCHEMA = 'bench_postgraphile';
/** The root fields PostGraphile derives from the functions (schema-prefixed: it serves several schemas; a set-returning one as a list). */
export const W5_CELLS_FUNCTION = 'benchPostgraphileW5CellsList';
export const W5_TOTAL_FUNCTION = 'benchPostgraphileW5Total';

const CELLS = `
  select p.domain::text as domain, r.issued_year::text as year, sum(r.results)::bigint as count, sum(r.pages)::bigint as pages
  from records.results_rollup r join records.procedures p on p.code = r.procedure_code
  where r.issuing_unit_code = unit
  group by 1, 2`;

/** Creates (or replaces) the functions; run by the harness before PostGraphile starts. */
export const W5_FUNCTIONS_DDL = `
create schema if not exists ${W5_FUNCTION_SCHEMA};
create or replace function ${W5_FUNCTION_SCHEMA}.w5_cells(unit text)
  returns table (domain text, year text, count bigint, pages bigint)
  language sql stable parallel safe
  as $$ ${CELLS} order by 1, 2 $$;
drop type if exists ${W5_FUNCTION_SCHEMA}.w5_total cascade;
create type ${W5_FUNCTION_SCHEMA}.w5_total as (count bigint, pages bigint);
create or replace function ${W5_FUNCTION_SCHEMA}.w5_total(unit text)
  returns ${W5_FUNCTION_SCHEMA}.w5_total
  language sql stable parallel safe
  as $$ select coalesce(sum(count), 0)::bigint, coalesce(sum(pages), 0)::bigint from (${CELLS}) cells $$;
`;

/**
 * The floor's statement: our answer's JSON built in PostgreSQL. Every cell is SHOWN because the
 * sampled units have no small cell (see the W5 workload); the floor does not check it.
 */
export const W5_FLOOR_SQL = `
with cells as (${CELLS.replaceAll('= unit', '= $1')})
select json_build_object('data', json_build_object('aggregate', json_build_object(
  'answeredFrom', 'ROLLUP',
  'cells', coalesce((select json_agg(json_build_object('key', json_build_array(domain, year), 'values', json_build_array(count, pages), 'status', 'SHOWN') order by domain, year) from cells), '[]'::json),
  'total', (select json_build_object('values', json_build_array(coalesce(sum(count), 0), coalesce(sum(pages), 0)), 'status', 'SHOWN') from cells))))::text as body`;
