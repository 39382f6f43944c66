/**
 * The three HTTP workloads: the GraphQL operation each sends, the variable it varies, and how its
 * inputs are sampled from the bench database. Every sample is ordered by a fixed key (md5 of the
 * ID, or the unit code) so that two runs on the same data send the same inputs.
 */
import type postgres from 'postgres';

export const WORKLOAD_NAMES = ['W1', 'W2', 'W3'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Workload {
  readonly name: WorkloadName;
  readonly title: string;
  /** The GraphQL document; its operation name is how the floor recognises it. */
  readonly query: string;
  /** The one variable the workload varies per request. */
  readonly variable: 'id' | 'unit';
  /** Returns the candidate inputs, in a fixed order. */
  readonly sample: (sql: postgres.Sql) => Promise<string[]>;
}

const SAMPLE_SIZE = 2000;

export const WORKLOADS: Readonly<Record<WorkloadName, Workload>> = {
  W1: {
    name: 'W1',
    title: 'counter lookup: a citizen with results, documents and birth registration',
    variable: 'id',
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
  },
  W2: {
    name: 'W2',
    title: 'partner list: the first 50 results of an issuing unit, with subject and documents',
    variable: 'unit',
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
  },
  W3: {
    name: 'W3',
    title: 'deep link: a citizen, their household, its members and their results',
    variable: 'id',
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
  },
};

function column(rows: readonly { value: string }[]): string[] {
  if (rows.length === 0) throw new Error('a workload sample came back empty: is the bench database seeded?');
  return rows.map((row) => row.value);
}

/** The POST /graphql body for one input, as the client sends it. */
export function requestBody(workload: Workload, input: string): string {
  return JSON.stringify({ query: workload.query, variables: { [workload.variable]: input } });
}
