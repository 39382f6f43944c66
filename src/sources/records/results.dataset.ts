/** The results store as analysts see it: counts, pages and scanned files, never a subject. */
import { type DatasetSpec, byMonth, byQuarter, byYear } from '../../analytics/semantic.js';
import { BUCKET_SQL } from './result.scope.js';

export const RESULTS_DATASET: DatasetSpec = {
  name: 'RESULTS',
  description: 'Digitized results of administrative procedures',
  source: 'records',
  rowNoun: 'results',
  from: 'records.results r JOIN records.procedures p ON p.code = r.procedure_code',
  rollup: {
    from: 'records.results_rollup r JOIN records.procedures p ON p.code = r.procedure_code',
    description: 'records.results_rollup: per issuing unit, procedure, status, year of issue and year of digitization',
  },
  measures: {
    COUNT: { description: 'Number of results (record files, hồ sơ)', sql: 'count(*)', rollupSql: 'sum(r.results)' },
    PAGES: { description: 'Pages digitized', sql: 'sum(r.page_count)', rollupSql: 'sum(r.pages)' },
    FILES: {
      description: 'Scanned files',
      sql: 'sum(f.files)',
      rollupSql: 'sum(r.files)',
      joins: ['LEFT JOIN LATERAL (SELECT count(*) AS files FROM records.documents d WHERE d.result_id = r.id) f ON true'],
    },
  },
  dimensions: {
    ISSUING_UNIT: { description: 'The issuing unit as it was on the day of issue', sql: 'r.issuing_unit_code', rollupSql: 'r.issuing_unit_code', unit: true },
    ISSUING_DISTRICT: {
      description: 'The district the issuing unit belonged to then (a district stands for itself)',
      mapping: { map: 'district', code: 'r.issuing_unit_code' },
      unit: true,
    },
    TODAYS_UNIT: {
      description: "Today's unit responsible for the result, through the unit lineage (a split unit's results shared out by subject)",
      mapping: { map: 'today', code: 'r.issuing_unit_code', bucket: BUCKET_SQL },
      unit: true,
    },
    LEVEL: { description: 'Level of the procedure (CITY, DISTRICT, WARD)', sql: 'p.level::text', rollupSql: 'p.level::text' },
    PROCEDURE: { description: 'Procedure code', sql: 'r.procedure_code', rollupSql: 'r.procedure_code' },
    DOMAIN: { description: 'Domain of the procedure (lĩnh vực)', sql: 'p.domain', rollupSql: 'p.domain' },
    STATUS: { description: 'Validity today (VALID, EXPIRED, REVOKED, SUPERSEDED)', sql: 'r.status::text', rollupSql: 'r.status::text' },
    YEAR: byYear('Year of issue', 'r.issued_on', 'r.issued_year::text'),
    QUARTER: byQuarter('Quarter of issue (2019-Q3)', 'r.issued_on'),
    MONTH: byMonth('Month of issue (2019-07)', 'r.issued_on'),
    DIGITIZED_YEAR: byYear('Year of digitization', 'r.digitized_on', 'r.digitized_year::text'),
  },
};
