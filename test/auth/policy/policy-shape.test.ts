/**
 * The shape of a policy file: YAML, keys, value types, formats. Every problem is asserted with
 * its line and column, as an operator would read it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/errors/index.js';
import { loadPolicy } from '../../../src/auth/policy/load-policy.js';
import { gatewaySchema } from '../../../src/schema/build-schema.js';
import { HEADER, compile, problemsOf, yaml } from './policy-fixture.js';

/** An agency for HEADER's `agencies:` (lines 14-19). */
const AUDITOR = '  TTR.HN:\n    name: Thanh tra (inspectorate)\n    roles:\n      auditor:\n        purposes: [AUDIT]\n        read: [catalogue]\n';

describe('policy file shape', () => {
  it('reports a YAML syntax error where the parser found it, and nothing else', () => {
    const text = yaml`
      version: 1
      agencies: [CA.HBT, STP.HN
      purposes: {}
    `;
    expect(problemsOf(text)).toEqual(['test.yaml:3:1: (syntax): Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('reports a duplicate key at the second one, saying where the first is', () => {
    const text = `${HEADER}${AUDITOR}  TTR.HN:\n    name: again\n    roles: {}\n`;
    expect(problemsOf(text)).toEqual(['test.yaml:20:3: agencies.TTR.HN: duplicate key (first at line 14)']);
  });

  it('reports duplicate keys in JSON too (JSON is YAML: one parser, the same line numbers)', () => {
    const json = '{\n  "version": 1,\n  "purposes": {},\n  "categories": {},\n  "agencies": {},\n  "version": 1\n}\n';
    expect(problemsOf(json)).toEqual(['test.yaml:6:3: version: duplicate key (first at line 2)']);
  });

  it("reads the small-cell rule's k (default 10) and refuses one that would protect nobody", () => {
    expect(compile(`${HEADER}${AUDITOR}`).minCellCount).toBe(10);
    expect(compile(`aggregates:\n  minCellCount: 25\n${HEADER}${AUDITOR}`).minCellCount).toBe(25);
    expect(problemsOf(`aggregates:\n  minCellCount: 2\n${HEADER}${AUDITOR}`)).toEqual(['test.yaml:2:17: aggregates.minCellCount: expected a whole number from 3 to 1000, got the number 2']);
  });

  it('reports unknown keys at the top level and inside a role, naming the expected ones', () => {
    const text = yaml`
      version: 1
      owner: LT.ADMIN
      purposes: { AUDIT: Thanh tra }
      categories: {}
      agencies:
        TTR.HN:
          name: Thanh tra
          roles:
            auditor:
              purpose: [AUDIT]
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:2:1: owner: unknown key (expected one of: version, purposes, categories, agencies, aggregates)',
      'test.yaml:10:9: agencies.TTR.HN.roles.auditor.purpose: unknown key (expected one of: purposes, read, fields, mask, rows, introspection, adHocDocuments)',
    ]);
  });

  it('reports values of the wrong type, saying what came', () => {
    const text = yaml`
      version: 1
      purposes: { AUDIT: Thanh tra }
      categories:
        catalogue:
          personal: "no"
          description: Catalogue
          fields: { Query: procedures }
      agencies:
        TTR.HN:
          name: [Thanh tra]
          roles:
            auditor: { read: catalogue, introspection: 1 }
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:5:15: categories.catalogue.personal: expected true or false, got the text "no"',
      'test.yaml:7:22: categories.catalogue.fields.Query: expected a list of field names, got the text "procedures"',
      'test.yaml:10:11: agencies.TTR.HN.name: expected the agency\'s name, got a list',
      'test.yaml:12:24: agencies.TTR.HN.roles.auditor.read: expected a list of category names, got the text "catalogue"',
      'test.yaml:12:50: agencies.TTR.HN.roles.auditor.introspection: expected true or false, got the number 1',
    ]);
  });

  it('accepts only version 1, and requires it', () => {
    expect(problemsOf(`version: 2\n${HEADER.slice('version: 1\n'.length)}${AUDITOR}`)).toEqual([
      'test.yaml:1:10: version: expected 1 (the only version of the format), got the number 2',
    ]);
    expect(problemsOf('purposes: {}\ncategories: {}\nagencies: {}\n')).toEqual(['test.yaml:1:1: (document): missing "version" (the policy format: 1)']);
  });

  it('refuses an empty file and a file that is not a mapping', () => {
    expect(problemsOf('')).toEqual(['test.yaml:1:1: (document): expected a mapping with version, purposes, categories, agencies and aggregates, got nothing']);
    expect(problemsOf('- version: 1\n')).toEqual(['test.yaml:1:1: (document): expected a mapping with version, purposes, categories, agencies and aggregates, got a list']);
  });

  it('reports agency codes that do not match the format', () => {
    const text = `${HEADER}  ca.hbt:\n    name: Công an\n    roles: {}\n  CA HBT:\n    name: Công an\n    roles: {}\n`;
    const expected = 'not an agency code (1 to 32 upper-case letters, digits, ".", "_" or "-", starting with a letter or digit)';
    expect(problemsOf(text)).toEqual([`test.yaml:14:3: agencies.ca.hbt: ${expected}`, `test.yaml:17:3: agencies.CA HBT: ${expected}`]);
  });

  it('reports an unknown role name, and still checks its body', () => {
    const text = `${HEADER}  TTR.HN:\n    name: Thanh tra\n    roles:\n      inspector:\n        read: [catalog]\n`;
    expect(problemsOf(text)).toEqual([
      'test.yaml:17:7: agencies.TTR.HN.roles.inspector: unknown role (roles: partner, counter, analyst, auditor, citizen, admin)',
      'test.yaml:18:16: agencies.TTR.HN.roles.inspector.read[0]: unknown category "catalog"',
    ]);
  });

  it('reports every problem of the file at once, in file order', () => {
    const text = yaml`
      version: 1
      purposes: { audit: Thanh tra }
      categories:
        catalogue: { personal: false, description: Catalogue, fields: { Query: [procedures] } }
      agencies:
        TTR.HN:
          name: Thanh tra
          roles:
            auditor: { purposes: [AUDIT], read: [catalogue, catalogue] }
    `;
    expect(problemsOf(text)).toEqual([
      'test.yaml:2:13: purposes.audit: not a purpose code (upper-case letters, digits and _, e.g. TAX_ASSESSMENT)',
      'test.yaml:9:29: agencies.TTR.HN.roles.auditor.purposes[0]: unknown purpose "AUDIT" (not in the purposes catalogue)',
      'test.yaml:9:55: agencies.TTR.HN.roles.auditor.read[1]: "catalogue" is listed twice (first at line 9)',
    ]);
  });

  it('follows YAML anchors and aliases, so one role can serve several agencies', () => {
    const text = `${HEADER}  UBND.BACHMAI:\n    name: Bạch Mai\n    roles: { auditor: &r { purposes: [AUDIT], read: [catalogue] } }\n  UBND.VINHTUY:\n    name: Vĩnh Tuy\n    roles: { auditor: *r }\n`;
    const policy = compile(text);
    expect([...(policy.agencies.get('UBND.VINHTUY')?.grants.get('auditor')?.fields ?? [])]).toContain('Procedure.code');
  });

  it('loads a file from disk, and names a file that cannot be read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-policy-'));
    try {
      const file = path.join(dir, 'p.yaml');
      fs.writeFileSync(file, `${HEADER}${AUDITOR}`);
      expect(loadPolicy(file, gatewaySchema()).file).toBe(file);
      const missing = path.join(dir, 'missing.yaml');
      expect(() => loadPolicy(missing, gatewaySchema())).toThrow(PolicyError);
      expect(() => loadPolicy(missing, gatewaySchema())).toThrow(`${missing}:1:1: (file): no such file`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws a PolicyError with code POLICY_INVALID whose message lists the problems', () => {
    try {
      compile('version: 3\npurposes: {}\ncategories: {}\nagencies: {}\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).code).toBe('POLICY_INVALID');
      expect((error as PolicyError).message).toContain('  - test.yaml:1:10: version: expected 1');
    }
  });
});
