export type UnitLevel = 'CITY' | 'DISTRICT' | 'WARD';

export interface UnitSpec {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** ISO date, first day in force. */
  validFrom: string;
  /** ISO date, last day in force; null while in force. */
  validTo: string | null;
}

export interface LineageSpec {
  from: string;
  to: string;
  /** ISO date the change took effect. */
  on: string;
  kind: 'WHOLE' | 'PART';
  share: number;
  note: string | null;
}

/** A ward of the 2020–June 2025 period, as the generator needs it. */
export interface WardSpec {
  code: string;
  name: string;
  population: number;
  districtCode: string;
  /** Where its residents were registered before the 2020 merger, weighted by population. */
  predecessors: ReadonlyArray<readonly [code: string, weight: number]>;
  /** The wards of 1 July 2025 its residents went to, with population shares. */
  successors: ReadonlyArray<readonly [code: string, share: number]>;
  streets: readonly string[];
}

/** One district as the generator builds it (Hai Bà Trưng, or a synthetic one at city scale). */
export interface DistrictSpec {
  code: string;
  name: string;
  /** Short prefix for dossier codes and file names. */
  tag: string;
  units: readonly UnitSpec[];
  lineage: readonly LineageSpec[];
  wards: readonly WardSpec[];
}
