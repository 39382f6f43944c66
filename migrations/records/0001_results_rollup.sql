CREATE MATERIALIZED VIEW "records"."results_rollup" AS (SELECT r.issuing_unit_code, r.procedure_code, r.status, extract(year FROM r.issued_on)::smallint AS issued_year,
      extract(year FROM r.digitized_on)::smallint AS digitized_year, count(*)::bigint AS results, sum(r.page_count)::bigint AS pages,
      coalesce(sum(f.files), 0)::bigint AS files
    FROM records.results r
    LEFT JOIN (SELECT result_id, count(*) AS files FROM records.documents GROUP BY result_id) f ON f.result_id = r.id
    GROUP BY 1, 2, 3, 4, 5);