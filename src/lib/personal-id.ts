/**
 * The 12-digit personal ID (số định danh cá nhân), `PPP G YY NNNNNN`:
 * PPP the province of birth registration, G sex and century, YY the last two digits of the
 * birth year, NNNNNN a serial (Circular 59/2021/TT-BCA, art. 7).
 *
 * G: 0/1 male/female born 1900–1999, 2/3 for 2000–2099, 4/5 for 2100–2199, 6/7 for 2200–2299,
 * 8/9 for 2300–2399 (Decree 137/2015/NĐ-CP, art. 7).
 */
export type Sex = 'MALE' | 'FEMALE';

const CENTURY_BY_PAIR = [1900, 2000, 2100, 2200, 2300] as const;

export interface DecodedPersonalId {
  provinceCode: string;
  sex: Sex;
  birthYear: number;
  serial: string;
}

/**
 * Why a string is not a personal ID, or null when it is one. Never echoes the input. An ID whose
 * sex/century digit and year put the birth after `currentYear` cannot exist.
 */
export function personalIdProblem(value: string, currentYear = new Date().getUTCFullYear()): string | null {
  if (value.length !== 12) return `a personal ID has exactly 12 digits, this has ${value.length > 9999 ? 'more than 9999' : value.length} characters`;
  if (!/^\d{12}$/.test(value)) return 'a personal ID has only the digits 0-9';
  if (decodePersonalId(value).birthYear > currentYear) return 'the sex/century digit and year of this personal ID give a birth year in the future';
  return null;
}

export function isPersonalId(value: string): boolean {
  return value.length === 12 && /^\d{12}$/.test(value);
}

/** Decodes a syntactically valid ID; the caller checks `personalIdProblem` first. */
export function decodePersonalId(id: string): DecodedPersonalId {
  const g = id.charCodeAt(3) - 48;
  const century = CENTURY_BY_PAIR[g >> 1] as number;
  return {
    provinceCode: id.slice(0, 3),
    sex: g % 2 === 0 ? 'MALE' : 'FEMALE',
    birthYear: century + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

/** The sex-and-century digit for a birth year, or throws for a year the format cannot hold. */
export function genderCenturyDigit(sex: Sex, birthYear: number): number {
  const pair = CENTURY_BY_PAIR.indexOf(Math.floor(birthYear / 100) * 100 as (typeof CENTURY_BY_PAIR)[number]);
  if (pair < 0) throw new RangeError(`Birth year ${birthYear} is outside 1900–2399`);
  return pair * 2 + (sex === 'FEMALE' ? 1 : 0);
}

export function encodePersonalId(provinceCode: string, sex: Sex, birthYear: number, serial: number): string {
  if (!/^\d{3}$/.test(provinceCode)) throw new RangeError('province code must be 3 digits');
  if (serial < 0 || serial > 999_999) throw new RangeError('serial must fit in 6 digits');
  const g = genderCenturyDigit(sex, birthYear);
  return `${provinceCode}${g}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}

/** True when the ID's sex/century digit and year agree with the registry's sex and birth year. */
export function personalIdMatches(id: string, sex: Sex, birthYear: number): boolean {
  if (!isPersonalId(id)) return false;
  const decoded = decodePersonalId(id);
  return decoded.sex === sex && decoded.birthYear === birthYear;
}
