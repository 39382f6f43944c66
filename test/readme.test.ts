/** The README's example queries run without errors on the demo data, so the README stays true. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestGateway, startTestGateway } from './support/gateway.js';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('has three', () => expect(examples).toHaveLength(3));

  it.each(examples.map((q, i) => [i + 1, q]))('example %i answers with data and no error', async (_, query) => {
    const { body } = await gw.query(query as string);
    expect(body.errors).toBeUndefined();
    for (const [field, value] of Object.entries(body.data ?? {})) expect(value, field).not.toBeNull();
    // Each example shows something: the citizen's results, the page's rows, the catalogue.
    expect(JSON.stringify(body.data)).toMatch(/"(results|edges|procedures)":\[\{/);
  });
});
