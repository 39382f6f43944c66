/**
 * Scales of demo data and the exact figures each must reproduce.
 *
 * `district` is Hai Bà Trưng as published: 213,420 district-level record files with 1,036,390
 * pages and 86,257 ward-level files with 88,629 pages (one result = one record file, hồ sơ).
 * `demo` takes two of its wards at full population, with result totals scaled by their share of
 * the district's population. `city` is about 28 districts' worth of Hanoi (Hai Bà Trưng plus 27
 * synthetic districts built the same way) at about 8.5 million citizens.
 */
import { HBT_DISTRICT_CODE, HBT_LINEAGE, HBT_UNITS, HBT_WARDS } from './catalog/hai-ba-trung.js';
import { syntheticDistrict } from './catalog/synthetic-districts.js';
import type { DistrictSpec, WardSpec } from './catalog/unit-types.js';

export const SCALES = ['demo', 'district', 'city'] as const;
export type Scale = (typeof SCALES)[number];

export interface ResultTotals {
  districtFiles: number;
  districtPages: number;
  wardFiles: number;
  wardPages: number;
}

/** Published for Hai Bà Trưng (domain.md). */
export const PUBLISHED_HBT: ResultTotals = {
  districtFiles: 213_420,
  districtPages: 1_036_390,
  wardFiles: 86_257,
  wardPages: 88_629,
};

export interface DistrictPlan {
  spec: DistrictSpec;
  /** The 2020–2025 wards whose residents are generated. */
  wards: readonly WardSpec[];
  totals: ResultTotals;
}

export interface SeedPlan {
  scale: Scale;
  seed: number;
  /** Every unit and lineage edge is loaded, whichever wards are populated. */
  districts: readonly DistrictPlan[];
  /** Statuses and ages are computed as of this day, so the data does not drift with the clock. */
  asOf: string;
}

export const DATA_AS_OF = '2026-01-01';
export const CITY_SYNTHETIC_DISTRICTS = 27;
/** The two demo wards: one formed by the 2020 merger, one split in 2025. */
export const DEMO_WARDS = ['HBT.NGUYENDU.2020', 'HBT.BACHDANG'] as const;

export const HAI_BA_TRUNG: DistrictSpec = {
  code: HBT_DISTRICT_CODE,
  name: 'Quận Hai Bà Trưng',
  tag: 'HBT',
  units: HBT_UNITS,
  lineage: HBT_LINEAGE,
  wards: HBT_WARDS,
};

export function planFor(scale: Scale, seed = 1): SeedPlan {
  switch (scale) {
    case 'demo': {
      const wards = HBT_WARDS.filter((w) => (DEMO_WARDS as readonly string[]).includes(w.code));
      return { scale, seed, asOf: DATA_AS_OF, districts: [{ spec: HAI_BA_TRUNG, wards, totals: scaledTotals(wards, HBT_WARDS) }] };
    }
    case 'district':
      return { scale, seed, asOf: DATA_AS_OF, districts: [{ spec: HAI_BA_TRUNG, wards: HBT_WARDS, totals: PUBLISHED_HBT }] };
    case 'city': {
      const others = Array.from({ length: CITY_SYNTHETIC_DISTRICTS }, (_, i) => syntheticDistrict(i + 1));
      return {
        scale,
        seed,
        asOf: DATA_AS_OF,
        districts: [HAI_BA_TRUNG, ...others].map((spec) => ({ spec, wards: spec.wards, totals: PUBLISHED_HBT })),
      };
    }
  }
}

/** Published totals scaled by the share of the district's population the chosen wards hold. */
export function scaledTotals(chosen: readonly WardSpec[], all: readonly WardSpec[]): ResultTotals {
  const share = chosen.reduce((s, w) => s + w.population, 0) / all.reduce((s, w) => s + w.population, 0);
  const files = (n: number) => Math.max(1, Math.round(n * share));
  const districtFiles = files(PUBLISHED_HBT.districtFiles);
  const wardFiles = files(PUBLISHED_HBT.wardFiles);
  return {
    districtFiles,
    districtPages: Math.max(districtFiles, Math.round(PUBLISHED_HBT.districtPages * share)),
    wardFiles,
    wardPages: Math.max(wardFiles, Math.round(PUBLISHED_HBT.wardPages * share)),
  };
}
