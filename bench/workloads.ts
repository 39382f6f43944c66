/**
 * The HTTP workloads: the GraphQL operation each sends, the variable it varies, and how its
 * inputs are sampled from the bench database. Every sample is ordered by a fixed key (md5 of the
 * ID, or the unit code) so that two runs on the same data send the same inputs.
 *
 * PostGraphile generates its own schema from the tables, so it is asked the same question in its
 * own words (`postgraphile.query`, with aliases giving the answer our field names), and what
 * differs only in representation is mapped back (`postgraphile.canonical`) before answers are
 * compared: its BigInt scalars are strings, a one-row relation it sees as a list, its cursors
 * are its own.
 */
import type postgres from 'postgres';
import { W5_CELLS_FUNCTION, W5_TOTAL_FUNCTION } from './lib/w5.js';

export const WORKLOAD_NAMES = ['W0', 'W1', 'W2', 'W3', 'W5'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Workload {
  readonly name: WorkloadName;
  readonly title: string;
  /** The GraphQL document; its operation name is how the floor recognises it. */
  readonly query: string;
  /** The one variable the workload varies per request (none for W0). */
  readonly variable: 'id' | 'unit' | null;
  /** Who asks: a partner agency, or the statistics office's analyst (W5). */
  readonly caller: 'partner' | 'analyst';
  /** Returns the candidate inputs, in a fixed order. */
  readonly sample: (sql: postgres.Sql) => Promise<string[]>;
  /** The same question asked of PostGraphile, and its answer mapped to ours. */
  readonly postgraphile: { readonly query: string; readonly canonical: (answer: unknown) => unknown };
}

/** Workloads without a variable send one body; this is its only "input". */
const NO_INPUT = ['-'];

/** Inputs per workload: every one is also asked once before timing, to learn its answer's size. */
const SAMPLE_SIZE = 1000;

export const WORKLOADS: Readonly<Record<WorkloadName, Workload>> = {
  W0: {
    name: 'W0',
    title: 'trivial: the GraphQL layer alone, no source read',
    variable: null,
    caller: 'partner',
    query: 'query W0 { __typename }',
    sample: async () => NO_INPUT,
    postgraphile: { query: 'query W0 { __typename }', canonical: (answer) => answer },
  },
  W1: {
    name: 'W1',
    title: 'counter lookup: a citizen with results, documents and birth registration',
    variable: 'id',
    caller: 'partner',
    query: `query W1($id: String!) {
  citizen(personalId: $id) {
    personalId fullName dateOfBirth sex
    results { id status issuedOn validUntil procedure { code name domain level } documents { fileName mimeType sizeBytes sha256 pageCount } }
    birthRegistration { registeredOn bookNumber entryNumber registeringUnit { code name } father { personalId fullName } mother { personalId fullName } }
  }
}`,
    // Citizens with something to show: a lookup of an empty record would flatter every target.
    sample: async (sql) =>
      column(
        await sql<{ value: string }[]>`
          select c.personal_id as value from population.citizens c
          where exists (select from records.results r where r.subject_personal_id = c.personal_id)
             or exists (select from civil.births b where b.child_personal_id = c.personal_id)
          order by md5(c.personal_id) limit ${SAMPLE_SIZE}`,
      ),
    postgraphile: {
      query: `query W1($id: String!) {
  citizen: citizenByPersonalId(personalId: $id) {
    personalId fullName dateOfBirth sex
    results: resultsList(orderBy: [ISSUED_ON_DESC, ROW_ID_DESC]) { id: rowId status issuedOn validUntil procedure: recordsProcedureByProcedureCode { code name domain level } documents: recordsDocumentsByResultIdList(orderBy: ROW_ID_ASC) { fileName mimeType sizeBytes sha256 pageCount } }
    birthRegistration: birthsList(first: 1, orderBy: ROW_ID_ASC) { registeredOn bookNumber entryNumber registeringUnit { code name } father { personalId fullName } mother { personalId fullName } }
  }
}`,
      canonical: (answer) =>
        mapData(answer, (data) => {
          const citizen = data.citizen as Json | null;
          if (!citizen) return data;
          const results = (citizen.results as Json[]).map((r) => ({ ...r, documents: (r.documents as Json[]).map((d) => ({ ...d, sizeBytes: Number(d.sizeBytes) })) }));
          return { citizen: { ...citizen, results, birthRegistration: (citizen.birthRegistration as Json[])[0] ?? null } };
        }),
    },
  },
  W2: {
    name: 'W2',
    title: 'partner list: the first 50 results of an issuing unit, with subject and documents',
    variable: 'unit',
    caller: 'partner',
    query: `query W2($unit: String!) {
  results(first: 50, filter: { issuingUnitCode: $unit }) {
    edges { cursor node { id dossierCode decisionNumber issuedOn status pageCount subject { personalId fullName dateOfBirth } documents { fileName sha256 pageCount } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    // Units with at least a full page, so every request returns 50 edges.
    sample: async (sql) =>
      column(
        await sql<{ value: string }[]>`
          select issuing_unit_code as value from records.results
          group by issuing_unit_code having count(*) >= 50 order by issuing_unit_code`,
      ),
    postgraphile: {
      query: `query W2($unit: String!) {
  results: allRecordsResults(first: 50, condition: { issuingUnitCode: $unit }, orderBy: ROW_ID_ASC) {
    edges { cursor node { id: rowId dossierCode decisionNumber issuedOn status pageCount subject { personalId fullName dateOfBirth } documents: recordsDocumentsByResultIdList(orderBy: ROW_ID_ASC) { fileName sha256 pageCount } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      // Cursors are opaque to clients: PostGraphile's are replaced by ours for the same rows.
      canonical: (answer) =>
        mapData(answer, (data) => {
          const results = data.results as { edges: { node: Json }[]; pageInfo: Json };
          const edges = results.edges.map((edge) => ({ cursor: ourCursor(edge.node.id as string), node: edge.node }));
          const last = edges.at(-1);
          return { results: { edges, pageInfo: { ...results.pageInfo, endCursor: last ? last.cursor : null } } };
        }),
    },
  },
  W3: {
    name: 'W3',
    title: 'deep link: a citizen, their household, its members and their results',
    variable: 'id',
    caller: 'partner',
    query: `query W3($id: String!) {
  citizen(personalId: $id) {
    personalId fullName
    household { id address members { personalId fullName relationToHead results { id status procedure { code name } } } }
  }
}`,
    sample: async (sql) =>
      column(
        await sql<{ value: string }[]>`
          select personal_id as value from population.citizens where household_id is not null
          order by md5(personal_id) limit ${SAMPLE_SIZE}`,
      ),
    postgraphile: {
      query: `query W3($id: String!) {
  citizen: citizenByPersonalId(personalId: $id) {
    personalId fullName
    household { id: rowId address members: membersList(orderBy: PERSONAL_ID_ASC) { personalId fullName relationToHead results: resultsList(orderBy: [ISSUED_ON_DESC, ROW_ID_DESC]) { id: rowId status procedure: recordsProcedureByProcedureCode { code name } } } }
  }
}`,
      canonical: (answer) => answer,
    },
  },
  W5: {
    name: 'W5',
    title: "analyst aggregate: one issuing unit's results and pages by domain × year of issue",
    variable: 'unit',
    caller: 'analyst',
    query: `query W5($unit: String!) {
  aggregate(dataset: RESULTS, measures: [COUNT, PAGES], groupBy: [DOMAIN, YEAR], filter: [{ dimension: ISSUING_UNIT, in: [$unit] }]) {
    answeredFrom cells { key values status } total { values status }
  }
}`,
    // Units none of whose cells the small-cell rule hides, so that targets without the rule (the
    // floor, PostGraphile) give the same answer; the gateway still applies it to every answer.
    sample: async (sql) =>
      column(
        await sql<{ value: string }[]>`
          select issuing_unit_code as value from (
            select r.issuing_unit_code, p.domain, r.issued_year, sum(r.results) as n
            from records.results_rollup r join records.procedures p on p.code = r.procedure_code
            group by 1, 2, 3) cells
          group by issuing_unit_code having min(n) >= 10 and count(*) >= 2 order by issuing_unit_code`,
      ),
    postgraphile: {
      query: `query W5($unit: String!) {
  cells: ${W5_CELLS_FUNCTION}(unit: $unit) { domain year count pages }
  total: ${W5_TOTAL_FUNCTION}(unit: $unit) { count pages }
}`,
      canonical: (answer) =>
        mapData(answer, (data) => {
          const cells = (data.cells as Json[]).map((c) => ({ key: [c.domain, c.year], values: [Number(c.count), Number(c.pages)], status: 'SHOWN' }));
          const total = data.total as Json;
          return { aggregate: { answeredFrom: 'ROLLUP', cells, total: { values: [Number(total.count), Number(total.pages)], status: 'SHOWN' } } };
        }),
    },
  },
};

type Json = Record<string, unknown>;

/** Applies `map` to `data` of a GraphQL answer; an answer with errors is left as it is. */
function mapData(answer: unknown, map: (data: Json) => Json): unknown {
  const body = answer as { data?: Json | null; errors?: unknown };
  return body.errors || !body.data ? answer : { data: map(body.data) };
}

/** The gateway's cursor for a result id: base64url("v1:<id>"). */
function ourCursor(id: string): string {
  return Buffer.from(`v1:${id}`, 'utf8').toString('base64url');
}

function column(rows: readonly { value: string }[]): string[] {
  if (rows.length === 0) throw new Error('a workload sample came back empty: is the bench database seeded?');
  return rows.map((row) => row.value);
}

/** Which schema a target speaks: ours (the gateway and the floor), or PostGraphile's. */
export type Dialect = 'lienthong' | 'postgraphile';

/** The POST /graphql body for one input, as the client sends it. */
export function requestBody(workload: Workload, input: string, dialect: Dialect = 'lienthong'): string {
  const query = dialect === 'postgraphile' ? workload.postgraphile.query : workload.query;
  return JSON.stringify(workload.variable ? { query, variables: { [workload.variable]: input } } : { query });
}

/** A target's answer in our shape (PostGraphile's mapped back; ours as it is). */
export function canonicalAnswer(workload: Workload, answer: unknown, dialect: Dialect): unknown {
  return dialect === 'postgraphile' ? workload.postgraphile.canonical(answer) : answer;
}
