/**
 * What a policy's names refer to: schema coordinates, categories, purposes, masks that fit
 * their field, grants that cannot null their parent, row rules the sources can enforce.
 * The policies below start with HEADER (lines 1-13), so their agencies start on line 14.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, compile, problemsOf, yaml } from './policy-fixture.js';

/** HEADER plus one role of agency X, whose body starts on line 18. */
function withRole(role: string, body: string): string {
  return `${HEADER}  X:\n    name: Agency X\n    roles:\n      ${role}:\n${body.replace(/^/gm, '        ')}\n`;
}

describe('categories', () => {
  it('reports unknown types and fields without suggesting schema names', () => {
    const text = yaml`
      version: 1
      purposes: {}
      categories:
        identity:
          personal: true
          description: Identity
          fields:
            Citzen: [fullName]
            Citizen: [fullname, fullName]
            CivilRegistration: [id]
      agencies: {}
    `;
    const problems = problemsOf(text);
    expect(problems).toEqual([
      'test.yaml:8:7: categories.identity.fields.Citzen: "Citzen" is not an object type of the schema',
      'test.yaml:9:17: categories.identity.fields.Citizen[0]: Citizen has no field "fullname"',
      // Interface fields are not coordinates: values resolve through the object types' fields.
      'test.yaml:10:7: categories.identity.fields.CivilRegistration: "CivilRegistration" is not an object type of the schema',
    ]);
    expect(problems.join('\n')).not.toMatch(/did you mean|fullName"|personalId/);
  });

  it('reports a coordinate placed in two categories, at the second', () => {
    const text = yaml`
      version: 1
      purposes: {}
      categories:
        identity: { personal: true, description: Identity, fields: { Citizen: [fullName] } }
        names:
          personal: true
          description: Names
          fields: { Citizen: [personalId, fullName] }
      agencies: {}
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:8:37: categories.names.fields.Citizen[1]: Citizen.fullName is already in category "identity" (line 4): a field belongs to exactly one category',
    ]);
  });

  it('requires personal, description and fields', () => {
    const text = yaml`
      version: 1
      purposes: {}
      categories:
        identity:
          description: Identity
          fields: { Citizen: [fullName] }
        empty: {}
      agencies: {}
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:4:3: categories.identity: missing "personal" (true or false: whether its fields are personal data)',
      'test.yaml:7:3: categories.empty: missing "personal" (true or false: whether its fields are personal data)',
      'test.yaml:7:3: categories.empty: missing "description" (what the category holds)',
      'test.yaml:7:3: categories.empty: missing "fields" (a mapping from type to its fields)',
    ]);
  });

  it('reports a malformed category once, not again at each role that reads it', () => {
    const text = yaml`
      version: 1
      purposes: { AUDIT: Thanh tra }
      categories:
        identity: [Citizen.fullName]
      agencies:
        X: { name: Agency X, roles: { partner: { purposes: [AUDIT], read: [identity] } } }
    `;
    expect(problemsOf(text)).toEqual(['test.yaml:4:13: categories.identity: expected a mapping with personal, description and fields, got a list']);
  });

  it('does not fail on schema coordinates no category holds, but lists them', () => {
    const policy = compile(`${HEADER}  X: { name: Agency X, roles: {} }\n`);
    expect(policy.unclassified).toContain('Citizen.ethnicity');
    expect(policy.unclassified).toContain('Query.results');
    expect(policy.unclassified).not.toContain('Citizen.fullName');
    expect(policy.unclassified.some((c) => c.startsWith('__') || c.startsWith('CivilRegistration.'))).toBe(false);
  });
});

describe('roles', () => {
  it('reports unknown categories in read and unknown coordinates in fields', () => {
    const text = withRole('partner', 'purposes: [AUDIT]\nread: [identity, land]\nfields: { Citizen: [ethnicty], Houshold: [id] }');
    expect(problemsOf(text)).toEqual([
      'test.yaml:19:26: agencies.X.roles.partner.read[1]: unknown category "land"',
      'test.yaml:20:29: agencies.X.roles.partner.fields.Citizen[0]: Citizen has no field "ethnicty"',
      'test.yaml:20:40: agencies.X.roles.partner.fields.Houshold: "Houshold" is not an object type of the schema',
    ]);
  });

  it('refuses to grant a coordinate that no category holds (the runtime denies it to everyone)', () => {
    const text = withRole('partner', 'purposes: [AUDIT]\nfields: { Citizen: [ethnicity] }');
    expect(problemsOf(text)).toEqual([
      'test.yaml:19:29: agencies.X.roles.partner.fields.Citizen[0]: Citizen.ethnicity belongs to no category: classify it before granting it',
    ]);
  });

  it('requires purposes of a role that reads personal data, by category or by single field', () => {
    expect(problemsOf(withRole('partner', 'purposes: []\nread: [catalogue, identity]'))).toEqual([
      'test.yaml:18:19: agencies.X.roles.partner.purposes: reads personal data (identity) but declares no purposes',
    ]);
    expect(problemsOf(withRole('partner', 'fields: { Citizen: [fullName] }'))).toEqual([
      'test.yaml:17:7: agencies.X.roles.partner: reads personal data (identity) but declares no purposes',
    ]);
    expect(problemsOf(withRole('analyst', 'read: [catalogue]'))).toEqual([]);
  });

  it('reports a purpose missing from the catalogue', () => {
    expect(problemsOf(withRole('partner', 'purposes: [AUDIT, TAX]\nread: [identity]'))).toEqual([
      'test.yaml:18:27: agencies.X.roles.partner.purposes[1]: unknown purpose "TAX" (not in the purposes catalogue)',
    ]);
  });

  it('compiles the grant: categories read plus single fields, masks, rows, purposes', () => {
    const policy = compile(
      withRole('partner', 'purposes: [AUDIT]\nread: [catalogue]\nfields: { Citizen: [fullName] }\nmask: { Citizen.fullName: hash }\nrows: { AdministrativeResult: { statuses: [VALID] } }'),
    );
    const grant = policy.agencies.get('X')?.grants.get('partner');
    expect(grant?.key).toBe('X/partner');
    expect(grant?.agencyName).toBe('Agency X');
    expect([...(grant?.fields ?? [])].sort()).toEqual(['AdministrativeUnit.code', 'AdministrativeUnit.name', 'Citizen.fullName', 'Procedure.code', 'Procedure.name', 'Query.procedures', 'Query.units']);
    expect(grant?.masks.get('Citizen.fullName')).toBe('hash');
    expect(grant?.rows).toEqual({ AdministrativeResult: { statuses: ['VALID'] } });
    expect([...(grant?.purposes ?? [])]).toEqual(['AUDIT']);
    expect(grant?.introspection).toBe(false);
    expect(policy.categoryOf.get('Citizen.fullName')).toBe('identity');
  });
});

describe('masks', () => {
  const role = (mask: string) => withRole('partner', `purposes: [AUDIT]\nread: [catalogue, identity]\nmask: { ${mask} }`);

  it('refuses a mask on a coordinate the role is not granted', () => {
    expect(problemsOf(withRole('partner', 'purposes: [AUDIT]\nread: [catalogue]\nmask: { Citizen.fullName: hash }'))).toEqual([
      'test.yaml:20:17: agencies.X.roles.partner.mask.Citizen.fullName: masks Citizen.fullName, which this role is not granted',
    ]);
  });

  it('reports an unknown mask kind, an unknown coordinate and a key that is no coordinate', () => {
    expect(problemsOf(role('Citizen.fullName: initials, Citizen.nickname: hash, fullName: hash'))).toEqual([
      'test.yaml:20:35: agencies.X.roles.partner.mask.Citizen.fullName: unknown mask kind "initials" (kinds: partial, yearOnly, hash, null)',
      'test.yaml:20:45: agencies.X.roles.partner.mask.Citizen.nickname: Citizen has no field "nickname"',
      'test.yaml:20:69: agencies.X.roles.partner.mask.fullName: expected a coordinate Type.field as the key',
    ]);
  });

  it('refuses masks that do not fit the field type', () => {
    expect(problemsOf(role('Citizen.sex: partial, Citizen.fullName: yearOnly, Citizen.dateOfBirth: hash'))).toEqual([
      'test.yaml:20:30: agencies.X.roles.partner.mask.Citizen.sex: Citizen.sex is Sex: partial masks String or ID fields only',
      'test.yaml:20:57: agencies.X.roles.partner.mask.Citizen.fullName: Citizen.fullName is String: yearOnly masks Date fields only',
      'test.yaml:20:88: agencies.X.roles.partner.mask.Citizen.dateOfBirth: Citizen.dateOfBirth is Date: hash masks String or ID fields only',
    ]);
    expect(problemsOf(role('Citizen.household: null, Citizen.children: null, AdministrativeUnit.code: partial'))).toEqual([
      'test.yaml:20:36: agencies.X.roles.partner.mask.Citizen.household: Citizen.household is Household: an object cannot be masked (grant or deny it whole)',
      'test.yaml:20:60: agencies.X.roles.partner.mask.Citizen.children: Citizen.children is [Citizen!]: a list cannot be masked (grant or deny it whole)',
      'test.yaml:20:91: agencies.X.roles.partner.mask.AdministrativeUnit.code: AdministrativeUnit.code is String!: a non-null field cannot be masked',
    ]);
  });

  it('accepts fitting masks, a bare YAML null meaning the null mask', () => {
    const policy = compile(role('Citizen.sex: null, Citizen.fullName: "null", Citizen.dateOfBirth: yearOnly, Citizen.personalId: partial'));
    const masks = policy.agencies.get('X')?.grants.get('partner')?.masks;
    expect(Object.fromEntries(masks ?? [])).toEqual({ 'Citizen.sex': 'null', 'Citizen.fullName': 'null', 'Citizen.dateOfBirth': 'yearOnly', 'Citizen.personalId': 'partial' });
    expect(problemsOf(role('Citizen.sex: '))).toEqual([
      'test.yaml:20:17: agencies.X.roles.partner.mask.Citizen.sex: unknown mask kind nothing (kinds: partial, yearOnly, hash, null)',
    ]);
  });
});

describe('non-null fields of granted types', () => {
  it('refuses a grant of some fields of a type without its non-null ones', () => {
    const text = withRole('partner', 'purposes: [AUDIT]\nread: [identity]\nfields: { AdministrativeUnit: [name] }');
    expect(problemsOf(text)).toEqual([
      'test.yaml:20:40: agencies.X.roles.partner.fields.AdministrativeUnit[0]: grants AdministrativeUnit.name but not AdministrativeUnit.code, which is non-null: a denied non-null field would null its parent',
    ]);
  });

  it('points at the category read when the category brings the type', () => {
    const text = yaml`
      version: 1
      purposes: { AUDIT: Thanh tra }
      categories:
        results: { personal: true, description: Results, fields: { AdministrativeResult: [issuedOn, status] } }
        paging: { personal: false, description: Paging, fields: { ResultEdge: [node] } }
      agencies:
        X:
          name: Agency X
          roles: { partner: { purposes: [AUDIT], read: [results, paging] } }
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:9:51: agencies.X.roles.partner.read[0]: grants AdministrativeResult.issuedOn but not AdministrativeResult.id, which is non-null: a denied non-null field would null its parent',
      'test.yaml:9:60: agencies.X.roles.partner.read[1]: grants ResultEdge.node but not ResultEdge.cursor, which is non-null: a denied non-null field would null its parent',
    ]);
  });

  it('exempts the root Query type: a role may be denied non-null root fields', () => {
    expect(problemsOf(withRole('partner', 'purposes: [AUDIT]\nread: [catalogue, identity]'))).toEqual([]);
  });
});
