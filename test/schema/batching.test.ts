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
    // (same fields, same tick); civil: births and marriages; the others one each.
    expect({ ...gw.statements }).toEqual({ population: 2, records: 1, civil: 2, land: 1, business: 1, gateway: 0 });
  });
});
