import { describe, expect, it } from 'vitest';
import { decodePersonalId, encodePersonalId, personalIdMatches, personalIdProblem } from '../../src/lib/personal-id.js';

describe('personal ID', () => {
  it('encodes sex and century in the fourth digit and the year in the next two', () => {
    expect(encodePersonalId('001', 'MALE', 1985, 1234)).toBe('001085001234');
    expect(encodePersonalId('001', 'FEMALE', 1985, 1)).toBe('001185000001');
    expect(encodePersonalId('034', 'MALE', 2003, 42)).toBe('034203000042');
    expect(encodePersonalId('034', 'FEMALE', 2010, 42)).toBe('034310000042');
  });

  it('decodes what it encodes', () => {
    for (const [sex, year] of [['MALE', 1931], ['FEMALE', 1999], ['MALE', 2000], ['FEMALE', 2025]] as const) {
      const decoded = decodePersonalId(encodePersonalId('001', sex, year, 777));
      expect(decoded).toEqual({ provinceCode: '001', sex, birthYear: year, serial: '000777' });
      expect(personalIdMatches(encodePersonalId('001', sex, year, 777), sex, year)).toBe(true);
    }
    expect(personalIdMatches('001085001234', 'FEMALE', 1985)).toBe(false);
    expect(personalIdMatches('001085001234', 'MALE', 1986)).toBe(false);
  });

  it('explains what is wrong without echoing the input', () => {
    expect(personalIdProblem('00108500123')).toMatch(/exactly 12 digits, this has 11/);
    expect(personalIdProblem('00108500123x')).toMatch(/only the digits/);
    expect(personalIdProblem('x'.repeat(10_000_000))).not.toContain('xxxx');
    expect(personalIdProblem('001085001234')).toBeNull();
    // G = 4 means born in the 2100s; G = 3 with year 99 means 2099: both impossible in 2026.
    expect(personalIdProblem('001485001234', 2026)).toMatch(/birth year in the future/);
    expect(personalIdProblem('001399001234', 2026)).toMatch(/birth year in the future/);
    expect(personalIdProblem('001325001234', 2026)).toBeNull();
  });
});
