/** policy/default.yaml: it loads against the real schema, classifies everything, and says what the law says. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/errors/index.js';
import { grantFor, loadPolicy, needsUnitClaim } from '../../../src/auth/policy/load-policy.js';
import type { Grant, Policy } from '../../../src/auth/policy/policy.types.js';
import { gatewaySchema } from '../../../src/schema/build-schema.js';

const DEFAULT_POLICY = path.resolve(import.meta.dirname, '../../../policy/default.yaml');
const WARDS = ['UBND.HAIBATRUNG', 'UBND.BACHMAI', 'UBND.VINHTUY', 'UBND.HONGHA', 'UBND.TUONGMAI', 'UBND.CUANAM'];
const AGENCIES = ['CA.HBT', 'STP.HN', 'CCT.HBT', 'VPDK.HN', ...WARDS, 'UBND.HBT', 'CTK.HN', 'TTR.HN', 'VNEID', 'LT.ADMIN'];

let policy: Policy;

function grant(agency: string, role: Grant['role']): Grant {
  const found = grantFor(policy, agency, role);
  if (!found) throw new Error(`no grant for ${agency}/${role}`);
  return found;
}

/** The categories a grant touches. */
function categoriesOf(g: Grant): Set<string> {
  return new Set([...g.fields].map((c) => policy.categoryOf.get(c) ?? '(unclassified)'));
}

beforeAll(() => {
  policy = loadPolicy(DEFAULT_POLICY, gatewaySchema());
});

describe('policy/default.yaml', () => {
  it('loads with no problem and leaves no coordinate of the schema unclassified', () => {
    expect(() => loadPolicy(DEFAULT_POLICY, gatewaySchema())).not.toThrow(PolicyError);
    expect(policy.unclassified).toEqual([]);
    expect([...policy.categories.values()].every((c) => c.description.length > 10 && c.fields.size > 0)).toBe(true);
  });

  it('names every agency, in Vietnamese with an English gloss', () => {
    expect([...policy.agencies.keys()]).toEqual(AGENCIES);
    for (const agency of policy.agencies.values()) expect(agency.name).toMatch(/^\S.* \(.+\)$/);
  });

  it('gives a ward counter the prior results of a case, not the browsing roots', () => {
    for (const unit of [...WARDS, 'UBND.HBT']) {
      const counter = grant(unit, 'counter');
      expect(counter.fields.has('Query.priorResults')).toBe(true);
      for (const root of ['Query.citizen', 'Query.citizens', 'Query.result', 'Query.results', 'Query.me']) expect(counter.fields.has(root)).toBe(false);
      expect([...counter.fields].filter((c) => c.startsWith('Citizen.')).sort()).toEqual(['Citizen.dateOfBirth', 'Citizen.fullName']);
      for (const needed of ['AdministrativeResult.id', 'AdministrativeResult.documents', 'ResultDocument.sha256', 'Procedure.name', 'AdministrativeUnit.todaysUnits']) {
        expect(counter.fields.has(needed)).toBe(true);
      }
      expect(counter.fields.has('Citizen.results')).toBe(false);
      expect([...counter.purposes]).toEqual(['ONE_STOP_FILING']);
    }
  });

  it("scopes a ward's civil-status officers to results issued in the unit of their token", () => {
    const partner = grant('UBND.BACHMAI', 'partner');
    expect(partner.rows).toEqual({ AdministrativeResult: { jurisdiction: 'unit', domains: ['CIVIL_STATUS', 'CERTIFICATION'] } });
    expect(needsUnitClaim(partner)).toBe(true);
    expect(partner.masks.get('Citizen.personalId')).toBe('partial');
    expect(partner.fields.has('Query.citizen')).toBe(false);
    expect([...partner.purposes]).toEqual(['CIVIL_STATUS_VERIFICATION']);
  });

  it('gives the analyst no personal category and no purpose', () => {
    const analyst = grant('CTK.HN', 'analyst');
    for (const category of categoriesOf(analyst)) expect(policy.categories.get(category)?.personal).toBe(false);
    expect(analyst.fields.has('Citizen.personalId')).toBe(false);
    expect(analyst.purposes.size).toBe(0);
    expect(analyst.introspection).toBe(true);
  });

  it('shows the tax office business and land owners with the year of birth only, no ethnicity or civil status', () => {
    const tax = grant('CCT.HBT', 'partner');
    expect(tax.masks.get('Citizen.dateOfBirth')).toBe('yearOnly');
    for (const coordinate of ['Citizen.personalId', 'Citizen.fullName', 'Citizen.permanentAddress', 'LandCertificate.owners', 'HouseholdBusiness.owner']) {
      expect(tax.fields.has(coordinate)).toBe(true);
    }
    expect(tax.fields.has('Citizen.ethnicity')).toBe(false);
    expect(categoriesOf(tax).has('civilStatus')).toBe(false);
    expect(tax.rows).toEqual({ AdministrativeResult: { domains: ['BUSINESS', 'LAND'] } });
    expect([...tax.purposes]).toEqual(['TAX_ASSESSMENT']);
  });

  it('keeps the district police to the five wards that took the former district', () => {
    const police = grant('CA.HBT', 'partner');
    const area = ['HN.HAIBATRUNG', 'HN.BACHMAI', 'HN.VINHTUY', 'HN.HONGHA', 'HN.TUONGMAI'];
    expect(police.rows).toEqual({ Citizen: { jurisdiction: area }, AdministrativeResult: { jurisdiction: area } });
    expect(police.introspection).toBe(true);
    expect([...police.purposes]).toEqual(['CRIMINAL_INVESTIGATION', 'PUBLIC_ORDER', 'RESIDENCE_MANAGEMENT']);
  });

  it('gives the Department of Justice civil status and no addresses', () => {
    const justice = grant('STP.HN', 'partner');
    expect(justice.fields.has('BirthRegistration.registeredOn')).toBe(true);
    for (const address of ['Citizen.permanentAddress', 'Citizen.currentAddress', 'Household.address']) {
      expect(justice.fields.has(address) && justice.masks.get(address) !== 'null').toBe(false);
    }
    expect(justice.rows.AdministrativeResult?.domains).toEqual(['CIVIL_STATUS', 'CERTIFICATION']);
  });

  it('masks the owners\' personal IDs for the land office and limits it to land and construction', () => {
    const land = grant('VPDK.HN', 'partner');
    expect(land.masks.get('Citizen.personalId')).toBe('partial');
    expect(land.fields.has('LandCertificate.owners')).toBe(true);
    expect(land.rows.AdministrativeResult?.domains).toEqual(['LAND', 'CONSTRUCTION']);
  });

  it('shows a citizen their own records only', () => {
    const citizen = grant('VNEID', 'citizen');
    expect(citizen.fields.has('Query.me')).toBe(true);
    expect(citizen.fields.has('Query.citizen')).toBe(false);
    expect(citizen.fields.has('Citizen.father')).toBe(true);
    expect(citizen.rows).toEqual({ Citizen: { subject: 'self' }, AdministrativeResult: { subject: 'self' } });
    expect([...citizen.purposes]).toEqual(['SELF_SERVICE']);
  });

  it('answers undefined for a role an agency does not have', () => {
    expect(grantFor(policy, 'CTK.HN', 'partner')).toBeUndefined();
    expect(grantFor(policy, 'NOPE', 'admin')).toBeUndefined();
    expect(grant('TTR.HN', 'auditor').purposes).toEqual(new Set(['AUDIT']));
    expect(grant('LT.ADMIN', 'admin').introspection).toBe(true);
  });
});
