/**
 * Introspection per role: each role's `__schema` shows only what its grant allows; in
 * production only roles the policy allows may introspect. And every field of the schema has an
 * explicit decision for every role of the default policy: a new field without a category fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntrospectionObjectType, getIntrospectionQuery, introspectionFromSchema } from 'graphql';
import { loadPolicy } from '../../src/auth/policy/load-policy.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';
import { DEFAULT_POLICY_FILE, type Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: null };
const TAX: Caller = { agency: 'CCT.HBT', role: 'partner', purpose: null };
const JUSTICE: Caller = { agency: 'STP.HN', role: 'partner', purpose: null };
const TYPES = '{ __schema { types { name fields { name } } } }';

type Types = Array<{ name: string; fields: Array<{ name: string }> | null }>;
const fieldsOf = (types: Types, name: string) => types.find((t) => t.name === name)?.fields?.map((f) => f.name) ?? null;

describe('introspection per role', () => {
  let gw: TestGateway;
  let production: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
    production = await startTestGateway('pglite', { production: true });
  });
  afterAll(async () => {
    await gw?.close();
    await production?.close();
  });

  it('shows each role only the types and fields it may read', async () => {
    const analyst = (await gw.query(TYPES, {}, ANALYST)).body.data?.__schema as { types: Types };
    expect(fieldsOf(analyst.types, 'Citizen')).toBeNull();
    expect(fieldsOf(analyst.types, 'AdministrativeResult')).toBeNull();
    expect(fieldsOf(analyst.types, 'Query')?.sort()).toEqual(['aggregate', 'digitizationProgress', 'procedures', 'unit', 'units']);
    const police = (await gw.query(TYPES, {}, POLICE)).body.data?.__schema as { types: Types };
    expect(fieldsOf(police.types, 'Citizen')).toContain('ethnicity');
    expect(fieldsOf(police.types, 'Query')).not.toContain('priorResults');
    const tax = (await gw.query(TYPES, {}, TAX)).body.data?.__schema as { types: Types };
    expect(fieldsOf(tax.types, 'Citizen')).not.toContain('ethnicity');
    expect(fieldsOf(tax.types, 'Citizen')).toContain('dateOfBirth');
  });

  it('answers the full introspection query GraphiQL sends, per role', async () => {
    const { body } = await gw.query(getIntrospectionQuery(), {}, ANALYST);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).not.toMatch(/"Citizen"|personalId/);
  });

  it('in production, lets only the roles the policy allows introspect', async () => {
    const refused = await production.query(TYPES, {}, JUSTICE);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await production.query(TYPES, {}, ANALYST);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('refuses an introspection query that also selects a denied field', async () => {
    const { body } = await gw.query('{ __schema { queryType { name } } citizen(personalId: "001079000262") { fullName } }', {}, ANALYST);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data).toBeUndefined();
  });
});

describe('every field has a decision for every role', () => {
  it('classifies every field the schema introspects, so each role allows, masks or denies it by an explicit entry', () => {
    const schema = gatewaySchema();
    const policy = loadPolicy(DEFAULT_POLICY_FILE, schema);
    const coordinates = introspectionFromSchema(schema)
      .__schema.types.filter((t) => t.kind === 'OBJECT' && !t.name.startsWith('__'))
      .flatMap((t) => (t as IntrospectionObjectType).fields.map((f) => `${t.name}.${f.name}`));
    expect(coordinates.length).toBeGreaterThan(100);
    expect(coordinates.filter((c) => !policy.categoryOf.has(c))).toEqual([]);
    expect(policy.unclassified).toEqual([]);
  });
});
