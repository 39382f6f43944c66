/** Statement counts must not grow with page size: one statement per nesting level and source. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const PAGE = `query($first: Int!, $unit: String!) {
  results(first: $first, filter: { issuingUnitCode: $unit }) {
    edges { cursor node { id status subject { personalId fullName household { address } } issuingUnit { name } procedure { name } documents { fileName sha256 } } }
    pageInfo { hasNextPage }
  }
}`;

describe.each(ENGINES)('batching on %s', (engine) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(engine);
    // The unit catalogue is loaded once per process (two statements); load it before counting.
    await gw.query('{ units { code } }');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it.each([1, 10, 50])('reads a page of %i results with subject, household and files in the same statements', async (first) => {
    gw.resetStatements();
    const { body } = await gw.query<{ results: { edges: unknown[] } }>(PAGE, { first, unit: 'HN.HBT' });
    expect(body.errors).toBeUndefined();
    expect(body.data!.results.edges).toHaveLength(first);
    // records: the page with procedure and files; population: the subjects with their households.
    expect({ ...gw.statements }).toMatchObject({ records: 1, population: 1, civil: 0, land: 0, business: 0 });
  });

  it('batches a citizen list with every cross-source link into one statement per source and level', async () => {
    gw.resetStatements();
    const { body } = await gw.query<{ citizens: { edges: unknown[] } }>(`{
      citizens(first: 50) { edges { node { personalId
        results { id documents { fileName } } birthRegistration { father { fullName } } marriages { id }
        landCertificates { owners { fullName } } businesses { name } household { members { fullName } } } } }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.citizens.edges).toHaveLength(50);
    // population: the page with households and members, then fathers and owners in one batch
    // (same fields, same tick); civil: births and marriages; the others one each; gateway: the
    // access record of the request.
    expect({ ...gw.statements }).toEqual({ population: 2, records: 1, civil: 2, land: 1, business: 1, gateway: 1 });
  });

  it("reads a citizen's parents with the citizen when their birth registration names the same people", async () => {
    const [birth] = await gw.storage.sources.civil.query<{ child: string }>(
      'SELECT child_personal_id AS child FROM civil.births WHERE father_personal_id IS NOT NULL AND mother_personal_id IS NOT NULL ORDER BY id LIMIT 1',
    );
    gw.resetStatements();
    const { body } = await gw.query<{ citizen: { birthRegistration: { father: { personalId: string }; mother: { personalId: string } } } }>(
      'query($id: String!) { citizen(personalId: $id) { fullName results { id } birthRegistration { father { personalId fullName } mother { personalId fullName } } } }',
      { id: birth!.child },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.citizen.birthRegistration.father.personalId).toMatch(/^\d{12}$/);
    expect({ ...gw.statements }).toMatchObject({ population: 1, records: 1, civil: 1 });
  });

  it('still reads the parents the registration names when the registry says otherwise', async () => {
    const [row] = await gw.storage.sources.civil.query<{ id: number; child: string; father: string }>(
      'SELECT id, child_personal_id AS child, father_personal_id AS father FROM civil.births WHERE father_personal_id IS NOT NULL ORDER BY id DESC LIMIT 1',
    );
    const [other] = await gw.storage.sources.population.query<{ id: string }>(
      "SELECT personal_id AS id FROM population.citizens WHERE sex = 'MALE' AND personal_id <> $1 ORDER BY personal_id LIMIT 1",
      [row!.father],
    );
    await gw.storage.sources.civil.query('UPDATE civil.births SET father_personal_id = $1 WHERE id = $2', [other!.id, row!.id]);
    try {
      const { body } = await gw.query<{ citizen: { birthRegistration: { father: { personalId: string } } } }>(
        'query($id: String!) { citizen(personalId: $id) { birthRegistration { father { personalId fullName } } } }',
        { id: row!.child },
      );
      expect(body.data!.citizen.birthRegistration.father.personalId).toBe(other!.id);
    } finally {
      await gw.storage.sources.civil.query('UPDATE civil.births SET father_personal_id = $1 WHERE id = $2', [row!.father, row!.id]);
    }
  });

  it('keeps prefetched links apart when two parts of a query select them differently', async () => {
    const [row] = await gw.storage.sources.records.query<{ id: string }>(
      `SELECT c.personal_id AS id FROM population.citizens c WHERE c.household_id IN (
         SELECT m.household_id FROM population.citizens m JOIN records.results r ON r.subject_personal_id = m.personal_id) LIMIT 1`,
    );
    gw.resetStatements();
    const { body } = await gw.query<Record<string, { household: { members: Array<{ results: Array<Record<string, unknown>> }> } }>>(
      `query($id: String!) {
        a: citizen(personalId: $id) { household { members { results { id } } } }
        b: citizen(personalId: $id) { household { members { results { id status procedure { code } } } } }
      }`,
      { id: row!.id },
    );
    expect(body.errors).toBeUndefined();
    const a = body.data!.a!.household.members.flatMap((m) => m.results);
    const b = body.data!.b!.household.members.flatMap((m) => m.results);
    expect(a.length).toBeGreaterThan(0);
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    for (const r of a) expect(Object.keys(r)).toEqual(['id']);
    for (const r of b) expect(r).toMatchObject({ status: expect.any(String), procedure: { code: expect.any(String) } });
    // One citizen statement serves both (same citizen plan); results are read once per selection.
    expect({ ...gw.statements }).toMatchObject({ population: 1, records: 2 });
  });
});
