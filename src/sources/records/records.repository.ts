/**
 * SQL for the records source. A result's procedure and scanned files live in the same source, so
 * they are read in the same statement (JSON built by PostgreSQL), whatever the page size.
 */
import { SourceRepository } from '../../db/repository.js';
import { type ProjectionSpec, jsonObject, project } from '../../db/projection.js';
import { type ResultScope, scopeConditions } from './result.scope.js';

export const RESULT: ProjectionSpec = {
  columns: {
    id: 'r.id',
    dossierCode: 'r.dossier_code',
    procedureCode: 'r.procedure_code',
    subjectPersonalId: 'r.subject_personal_id',
    issuingUnitCode: 'r.issuing_unit_code',
    decisionNumber: 'r.decision_number',
    issuedOn: 'r.issued_on',
    validUntil: 'r.valid_until',
    status: 'r.status::text',
    digitizedOn: 'r.digitized_on',
    pageCount: 'r.page_count',
  },
  needs: { subject: ['subjectPersonalId'], issuingUnit: ['issuingUnitCode'] },
  // The subject is always read: the access log records whose data left.
  always: ['id', 'subjectPersonalId'],
};

export const PROCEDURE: ProjectionSpec = {
  columns: { code: 'p.code', name: 'p.name', nameEn: 'p.name_en', domain: 'p.domain', level: 'p.level::text', validityMonths: 'p.validity_months' },
  always: ['code'],
};

export const DOCUMENT: ProjectionSpec = {
  columns: { fileName: 'd.file_name', mimeType: 'd.mime_type', sizeBytes: 'd.size_bytes', sha256: 'd.sha256', pageCount: 'd.page_count' },
  always: [],
};

/** What a query reads of results: their own fields, and of their procedure and files if asked. */
export interface ResultSelection {
  result: Iterable<string>;
  procedure: Iterable<string> | null;
  documents: Iterable<string> | null;
}

export interface ResultPlan {
  signature: string;
  selectList: string;
}

export function planResults(selection: ResultSelection): ResultPlan {
  const own = project(RESULT, selection.result);
  let selectList = own.selectList;
  let signature = own.signature;
  if (selection.procedure) {
    const p = jsonObject(PROCEDURE, selection.procedure);
    selectList += `, (SELECT ${p.sql} FROM records.procedures p WHERE p.code = r.procedure_code) AS "procedure"`;
    signature += `|p:${p.signature}`;
  }
  if (selection.documents) {
    const d = jsonObject(DOCUMENT, selection.documents);
    selectList += `, (SELECT coalesce(json_agg(${d.sql} ORDER BY d.id), '[]'::json) FROM records.documents d WHERE d.result_id = r.id) AS "documents"`;
    signature += `|d:${d.signature}`;
  }
  return { signature, selectList };
}

export type Row = Record<string, unknown>;

export interface ResultFilterValues {
  procedureCode?: string | null;
  domain?: string | null;
  issuingUnitCode?: string | null;
  status?: string | null;
  subjectPersonalId?: string | null;
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

export class RecordsRepository extends SourceRepository {
  resultsByIds(plan: ResultPlan, ids: readonly number[], scope: ResultScope | null): Promise<Row[]> {
    const s = scopeConditions(scope, 1);
    return this.run(
      `byId:${s.shape}:${plan.signature}`,
      () => `SELECT ${plan.selectList} FROM records.results r WHERE r.id = ANY($1::bigint[])${and(s.conditions)}`,
      [ids, ...s.params],
    );
  }

  /** Results of subjects, newest first, tagged with `__key` = subject personal ID. */
  resultsBySubjects(plan: ResultPlan, subjectIds: readonly string[], status: string | null, scope: ResultScope | null): Promise<Row[]> {
    const params: unknown[] = status === null ? [subjectIds] : [subjectIds, status];
    const s = scopeConditions(scope, params.length);
    return this.run(
      `bySubject:${status === null ? '' : 's'}:${s.shape}:${plan.signature}`,
      () =>
        `SELECT r.subject_personal_id AS "__key", ${plan.selectList} FROM records.results r
          WHERE r.subject_personal_id = ANY($1::char(12)[])${status === null ? '' : ' AND r.status = $2::records.result_status'}${and(s.conditions)}
          ORDER BY r.subject_personal_id, r.issued_on DESC, r.id DESC`,
      [...params, ...s.params],
    );
  }

  /**
   * A subject's results that are still valid on `today` and answer one of `procedureCodes`
   * (the reuse map's entry for the procedure being filed), newest first.
   */
  reusableResults(plan: ResultPlan, subjectId: string, procedureCodes: readonly string[], today: string, scope: ResultScope | null): Promise<Row[]> {
    const s = scopeConditions(scope, 3);
    return this.run(
      `reusable:${s.shape}:${plan.signature}`,
      () =>
        `SELECT ${plan.selectList} FROM records.results r
          WHERE r.subject_personal_id = $1 AND r.procedure_code = ANY($2::text[]) AND r.status = 'VALID'
            AND (r.valid_until IS NULL OR r.valid_until >= $3::date)${and(s.conditions)}
          ORDER BY r.issued_on DESC, r.id DESC`,
      [subjectId, procedureCodes, today, ...s.params],
    );
  }

  /** A keyset page ordered by id; `limit` is the page size + 1. */
  resultsPage(plan: ResultPlan, filter: ResultFilterValues, afterId: number | null, limit: number, scope: ResultScope | null): Promise<Row[]> {
    const { where, params, shape } = resultWhere(filter, afterId, scope);
    params.push(limit);
    return this.run(
      `page:${shape}:${plan.signature}`,
      () => `SELECT ${plan.selectList} FROM records.results r ${where} ORDER BY ${pageOrder(filter)} LIMIT $${params.length}`,
      params,
      { customPlan: !genericPlanFits(filter, scope) },
    );
  }

  async countResults(filter: ResultFilterValues, scope: ResultScope | null): Promise<number> {
    const { where, params } = resultWhere(filter, null, scope);
    const [row] = await this.connection.query<{ n: number }>(`SELECT count(*)::int AS n FROM records.results r ${where}`, params);
    return Number(row?.n ?? 0);
  }

  async procedureExists(code: string): Promise<boolean> {
    const rows = await this.run('procedureExists', () => 'SELECT 1 FROM records.procedures WHERE code = $1', [code]);
    return rows.length > 0;
  }

  procedures(domain: string | null, level: string | null): Promise<Row[]> {
    return this.connection.query(
      `SELECT ${project(PROCEDURE, Object.keys(PROCEDURE.columns)).selectList} FROM records.procedures p
        WHERE ($1::text IS NULL OR p.domain = $1) AND ($2::text IS NULL OR p.level::text = $2) ORDER BY p.code`,
      [domain, level],
    );
  }
}

/**
 * The page order. It is always by id, but when the filter fixes the issuing unit or the
 * procedure the page is read from that index, `(issuing_unit_code, id)` or `(procedure_code,
 * id)`, which holds exactly the page in order. Saying so takes two things: the index's leading
 * column first in ORDER BY, and the column fixed by a range (`>= $n AND <= $n`), not by `=`.
 * With `=`, PostgreSQL drops the fixed column from the order (it is constant), and a generic
 * plan, blind to how many rows the unit has, walked the primary key in id order and filtered:
 * the whole table for a unit with no results (42 ms at district scale, against 0.03).
 */
function pageOrder(filter: ResultFilterValues): string {
  if (filter.issuingUnitCode) return 'r.issuing_unit_code, r.id';
  if (filter.procedureCode) return 'r.procedure_code, r.id';
  return 'r.id';
}

/**
 * Whether the connection's generic plan serves this page whatever the values. It does when the
 * page is read in order from an index (the unit or the procedure fixed, see pageOrder), or when
 * the planner's statistics need no value to choose well (a subject: about two results each).
 * Where the best plan depends on the value (dates, a domain, a status, row rules keeping some
 * units) the page is planned for its values (QueryOptions.customPlan): a generic plan walked the
 * primary key and filtered, the whole table when little matched (27 ms at district scale for
 * results issued since a recent day, against 0.07).
 */
function genericPlanFits(filter: ResultFilterValues, scope: ResultScope | null): boolean {
  if (filter.domain || filter.status || filter.issuedFrom || filter.issuedTo) return false;
  if (filter.issuingUnitCode && filter.procedureCode) return false;
  if (filter.issuingUnitCode || filter.procedureCode || filter.subjectPersonalId) return true;
  return scope === null || (!scope.units && !scope.domains && !scope.statuses);
}

/** WHERE clause and parameters; `shape` names which conditions are present, for statement caching. */
function resultWhere(filter: ResultFilterValues, afterId: number | null, scope: ResultScope | null): { where: string; params: unknown[]; shape: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  let shape = '';
  const add = (flag: string, sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
    shape += flag;
  };
  // Fixed by a range, not `=`: see pageOrder.
  if (filter.procedureCode) add('p', (n) => `r.procedure_code >= $${n} AND r.procedure_code <= $${n}`, filter.procedureCode);
  if (filter.domain) add('d', (n) => `r.procedure_code IN (SELECT code FROM records.procedures WHERE domain = $${n})`, filter.domain);
  if (filter.issuingUnitCode) add('u', (n) => `r.issuing_unit_code >= $${n} AND r.issuing_unit_code <= $${n}`, filter.issuingUnitCode);
  if (filter.status) add('s', (n) => `r.status = $${n}::records.result_status`, filter.status);
  if (filter.subjectPersonalId) add('i', (n) => `r.subject_personal_id = $${n}`, filter.subjectPersonalId);
  if (filter.issuedFrom) add('f', (n) => `r.issued_on >= $${n}::date`, filter.issuedFrom);
  if (filter.issuedTo) add('t', (n) => `r.issued_on <= $${n}::date`, filter.issuedTo);
  if (afterId !== null) add('a', (n) => `r.id > $${n}`, afterId);
  const scoped = scopeConditions(scope, params.length);
  conditions.push(...scoped.conditions);
  params.push(...scoped.params);
  shape += `:${scoped.shape}`;
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params, shape };
}

function and(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : ` AND ${conditions.join(' AND ')}`;
}
