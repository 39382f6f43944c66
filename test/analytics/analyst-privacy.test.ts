/**
 * An analyst never sees a person: every root field that reads records is refused, no dimension
 * of any dataset yields a personal ID, a name, an address or an exact date, and no personal
 * attribute can be named as a dimension or a filter.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/analytics/datasets.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };

describe('an analyst', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('is refused every root field that reads people or their records, with or without a purpose', async () => {
    const { body } = await gw.query<{ __schema: { queryType: { fields: Array<{ name: string }> } } }>('{ __schema { queryType { fields { name } } } }', {}, ANALYST);
    const visible = new Set(body.data!.__schema.queryType.fields.map((f) => f.name));
    // Its own view of the schema: the catalogue and the aggregates, nothing else.
    expect([...visible].sort()).toEqual(['aggregate', 'digitizationProgress', 'procedures', 'unit', 'units']);
    const probes = [
      '{ citizen(personalId: "001079000262") { fullName } }',
      '{ citizens(first: 1) { edges { node { fullName } } } }',
      '{ results(first: 1) { edges { node { id } } } }',
      '{ result(id: "1") { id } }',
      '{ birthRegistration(id: 1) { childName } }',
      '{ landCertificate(certificateNumber: "CS 0000001") { address } }',
      '{ household(id: "x") { address } }',
      '{ priorResults(personalId: "001079000262", procedureCode: "X", caseRef: "C-1") { id } }',
      '{ accessLog(first: 1) { edges { node { subjects } } } }',
      '{ myAccessLog(first: 1) { edges { node { agencyCode } } } }',
      '{ me { personalId } }',
      '{ units { code } u: unit(code: "HN.HBT") { code } }',
    ];
    for (const probe of probes.slice(0, -1)) {
      for (const purpose of [null, 'CRIMINAL_INVESTIGATION']) {
        const { body: answer } = await gw.query(probe, {}, { ...ANALYST, purpose });
        // Refused before execution (no data at all), or the field nulled with its FORBIDDEN error.
        expect(Object.values(answer.data ?? {}).every((v) => v === null), probe).toBe(true);
        expect(['FORBIDDEN', 'PURPOSE_REQUIRED', 'GRAPHQL_VALIDATION_FAILED']).toContain(answer.errors?.[0]?.extensions?.code);
      }
    }
    const catalogue = await gw.query(probes.at(-1)!, {}, ANALYST);
    expect(catalogue.body.errors).toBeUndefined();
  });

  it('gets no personal ID, name, address or exact date from any dimension of any dataset', async () => {
    const people = await gw.storage.sources.population.query<{ full_name: string; current_address: string; permanent_address: string; home_town: string }>(
      'SELECT full_name, current_address, permanent_address, home_town FROM population.citizens',
    );
    const personal = new Set(people.flatMap((p) => [p.full_name, p.current_address, p.permanent_address]));
    let values = 0;
    for (const dataset of DATASETS.values()) {
      for (const dimension of Object.keys(dataset.dimensions)) {
        const { body } = await gw.query<{ aggregate: { cells: Array<{ key: string[]; labels: Array<string | null> }> } }>(
          `{ aggregate(dataset: ${dataset.name}, measures: [COUNT], groupBy: [${dimension}]) { cells { key labels } } }`,
          {},
          ANALYST,
        );
        expect(body.errors, `${dataset.name}.${dimension}`).toBeUndefined();
        for (const cell of body.data!.aggregate.cells) {
          for (const value of [...cell.key, ...cell.labels]) {
            if (value === null) continue;
            values++;
            expect(value, `${dataset.name}.${dimension}`).not.toMatch(/\d{12}|\d{4}-\d{2}-\d{2}/);
            expect(personal.has(value), `${dataset.name}.${dimension}: ${value}`).toBe(false);
          }
        }
      }
    }
    expect(values).toBeGreaterThan(500);
  });

  it('cannot name a personal attribute as a dimension or a filter', async () => {
    for (const name of ['PERSONAL_ID', 'FULL_NAME', 'ADDRESS', 'DATE_OF_BIRTH', 'SUBJECT']) {
      const { body } = await gw.query(`{ aggregate(dataset: CITIZENS, measures: [COUNT], groupBy: [${name}]) { total { count } } }`, {}, ANALYST);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const filtered = await gw.query(`{ aggregate(dataset: CITIZENS, measures: [COUNT], filter: [{ dimension: ${name}, in: ["x"] }]) { total { count } } }`, {}, ANALYST);
      expect(filtered.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});
