/** Row rules: only what the sources can push into SQL, in formats they understand. */
import { describe, expect, it } from 'vitest';
import { HEADER, compile, problemsOf } from './policy-fixture.js';

/** HEADER plus agency X with one role; its `rows:` value starts on line 19, column 15. */
function withRows(rows: string, role = 'partner'): string {
  return `${HEADER}  X:\n    name: Agency X\n    roles:\n      ${role}:\n        purposes: [AUDIT]\n        rows: ${rows}\n`;
}

describe('row rules', () => {
  it('compiles the supported rules', () => {
    const text = withRows('{ AdministrativeResult: { jurisdiction: unit, domains: [LAND], statuses: [VALID, EXPIRED] }, Citizen: { jurisdiction: [HN.BACHMAI, HBT.NGUYENDU.2020] } }');
    expect(compile(text).agencies.get('X')?.grants.get('partner')?.rows).toEqual({
      AdministrativeResult: { jurisdiction: 'unit', domains: ['LAND'], statuses: ['VALID', 'EXPIRED'] },
      Citizen: { jurisdiction: ['HN.BACHMAI', 'HBT.NGUYENDU.2020'] },
    });
    expect(compile(withRows('{ Citizen: { subject: self }, AdministrativeResult: { subject: self } }', 'citizen')).agencies.get('X')?.grants.get('citizen')?.rows).toEqual({
      Citizen: { subject: 'self' },
      AdministrativeResult: { subject: 'self' },
    });
  });

  it('refuses rules on unsupported types, and unsupported rules, naming the supported ones', () => {
    expect(problemsOf(withRows('{ Household: { jurisdiction: unit }, Citizen: { domains: [LAND], statuses: [VALID] } }'))).toEqual([
      'test.yaml:19:17: agencies.X.roles.partner.rows.Household: row rules on Household are not supported (supported: AdministrativeResult, Citizen)',
      'test.yaml:19:63: agencies.X.roles.partner.rows.Citizen.domains: unsupported row rule on Citizen (supported: jurisdiction, subject)',
      'test.yaml:19:80: agencies.X.roles.partner.rows.Citizen.statuses: unsupported row rule on Citizen (supported: jurisdiction, subject)',
    ]);
  });

  it('reports malformed unit codes, domains and statuses', () => {
    const text = withRows('{ AdministrativeResult: { jurisdiction: [HN.BACHMAI, hn.vinhtuy], domains: [Land], statuses: [VALID, ACTIVE] } }');
    expect(problemsOf(text)).toEqual([
      'test.yaml:19:68: agencies.X.roles.partner.rows.AdministrativeResult.jurisdiction[1]: "hn.vinhtuy" is not a unit code (dot-separated upper-case segments, e.g. HN.BACHMAI)',
      'test.yaml:19:91: agencies.X.roles.partner.rows.AdministrativeResult.domains[0]: "Land" is not a procedure domain (upper-case words joined by _, e.g. CIVIL_STATUS)',
      'test.yaml:19:116: agencies.X.roles.partner.rows.AdministrativeResult.statuses[1]: "ACTIVE" is not a result status (VALID, EXPIRED, REVOKED, SUPERSEDED)',
    ]);
  });

  it('reports a jurisdiction that is neither "unit" nor a list, an empty list, and a subject other than self', () => {
    expect(problemsOf(withRows('{ Citizen: { jurisdiction: ward, subject: me }, AdministrativeResult: { domains: [] } }'))).toEqual([
      'test.yaml:19:42: agencies.X.roles.partner.rows.Citizen.jurisdiction: expected "unit" (the unit claim of the caller\'s token) or a list of today\'s unit codes, got the text "ward"',
      'test.yaml:19:57: agencies.X.roles.partner.rows.Citizen.subject: expected "self" (only the caller\'s own records), got the text "me"',
      'test.yaml:19:96: agencies.X.roles.partner.rows.AdministrativeResult.domains: expected at least one code (leave the rule out to allow all)',
    ]);
  });

  it('allows subject: self only to the citizen role, whose token names a personal ID', () => {
    expect(problemsOf(withRows('{ Citizen: { subject: self } }'))).toEqual([
      "test.yaml:19:37: agencies.X.roles.partner.rows.Citizen.subject: subject: self needs the citizen role (an officer's token names no personal ID)",
    ]);
  });
});
