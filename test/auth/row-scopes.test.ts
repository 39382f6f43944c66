/**
 * Row scopes are computed once per unit catalogue, grant and caller's unit, and shared by the
 * callers they are equal for; never for rules on the caller's own rows, nor for a unit the
 * catalogue does not know (a token cannot grow the cache).
 */
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/identity/principal.js';
import type { Grant } from '../../src/auth/policy/policy.types.js';
import { rowScopes } from '../../src/auth/row-scopes.js';
import type { UnitIndex } from '../../src/sources/population/index.js';

const unit = (code: string) => ({ code, name: code, level: 'WARD', parentCode: 'HN', validFrom: '2020-01-01', validTo: null });
const units = (...codes: string[]): UnitIndex => {
  const all = codes.map(unit) as unknown as UnitIndex['all'];
  return { all, byCode: new Map(all.map((u) => [u.code, u])), successors: new Map(), predecessors: new Map() };
};
const grant = (rows: Grant['rows']): Grant => ({ key: 'X/counter', agency: 'X', agencyName: 'X', role: 'counter', purposes: new Set(), fields: new Set(), masks: new Map(), rows, introspection: false }) as unknown as Grant;
const officer = (sub: string, unitCode: string | null): Principal => ({ sub, agency: 'X', role: 'counter', unit: unitCode, issuer: 'test', expiresAt: 0 });

describe('rowScopes', () => {
  const index = units('HN.A', 'HN.B');
  const byUnit = grant({ AdministrativeResult: { jurisdiction: 'unit' }, Citizen: { jurisdiction: 'unit' } });

  it("shares one computation among one unit's officers and keeps units apart", () => {
    const a1 = rowScopes(byUnit, officer('one', 'HN.A'), index);
    const a2 = rowScopes(byUnit, officer('two', 'HN.A'), index);
    const b = rowScopes(byUnit, officer('three', 'HN.B'), index);
    expect(a2).toBe(a1);
    expect(a1.citizens).toEqual({ wards: ['HN.A'] });
    expect(a1.results?.units?.whole).toEqual(['HN.A']);
    expect(b.citizens).toEqual({ wards: ['HN.B'] });
    expect(b.results?.units?.whole).toEqual(['HN.B']);
  });

  it('recomputes for a new unit catalogue', () => {
    const before = rowScopes(byUnit, officer('one', 'HN.A'), index);
    expect(rowScopes(byUnit, officer('one', 'HN.A'), units('HN.A', 'HN.B'))).not.toBe(before);
  });

  it("never shares scopes of the caller's own rows, nor keeps a unit the catalogue lacks", () => {
    const self = grant({ AdministrativeResult: { subject: 'self' }, Citizen: { subject: 'self' } });
    const first = rowScopes(self, officer('001079000262', null), index);
    expect(first.results).toEqual({ subject: '001079000262' });
    expect(rowScopes(self, officer('001079000263', null), index).results).toEqual({ subject: '001079000263' });
    const unknown = rowScopes(byUnit, officer('one', 'HN.NOWHERE'), index);
    expect(rowScopes(byUnit, officer('one', 'HN.NOWHERE'), index)).not.toBe(unknown);
    expect(unknown.citizens).toEqual({ wards: ['HN.NOWHERE'] });
  });
});
