/**
 * The unit lineage as parameters of an analyst's query. The lineage lives in the population
 * source and the rows in another, so the gateway sends each query the mapping it needs as arrays
 * (a few hundred units), and the source joins them to its rows: the grouping stays in SQL.
 */
import { successorRanges } from '../auth/row-scopes.js';
import type { UnitIndex } from '../sources/population/index.js';

/** The value of a unit that no district contained (a ward formed after districts were abolished). */
export const NO_DISTRICT = 'NONE';
/** The value of a unit code the catalogue does not know. */
export const UNKNOWN_UNIT = 'UNKNOWN';

export interface DistrictMapping {
  readonly codes: string[];
  readonly districts: string[];
}

/**
 * Per unit, its successors today and where each one's stretch of allocation buckets starts, as
 * comma-separated lists (unit codes hold no commas): `bounds` '0,4567' and `today` 'A,B' send
 * buckets 0–4566 to A and the rest to B. One row per unit, so each result row meets one
 * mapping row and finds its successor by a binary search (width_bucket), not by trying ranges.
 */
export interface TodayMapping {
  readonly codes: string[];
  readonly bounds: string[];
  readonly today: string[];
}

const districtMaps = new WeakMap<UnitIndex, DistrictMapping>();
const todayMaps = new WeakMap<UnitIndex, TodayMapping>();

/** Every unit with the district it belonged to (walking up its parents). */
export function districtMapping(index: UnitIndex): DistrictMapping {
  let mapping = districtMaps.get(index);
  if (!mapping) {
    const codes: string[] = [];
    const districts: string[] = [];
    for (const unit of index.all) {
      let current: typeof unit | undefined = unit;
      for (let depth = 0; current && current.level !== 'DISTRICT' && depth < 8; depth++) current = current.parentCode ? index.byCode.get(current.parentCode) : undefined;
      codes.push(unit.code);
      districts.push(current?.level === 'DISTRICT' ? current.code : NO_DISTRICT);
    }
    mapping = { codes, districts };
    districtMaps.set(index, mapping);
  }
  return mapping;
}

/** Every unit with today's units its rows go to, by bucket range. */
export function todayMapping(index: UnitIndex): TodayMapping {
  let mapping = todayMaps.get(index);
  if (!mapping) {
    mapping = { codes: [], bounds: [], today: [] };
    for (const unit of index.all) {
      const ranges = successorRanges(index, unit.code);
      if (ranges.length === 0) continue;
      mapping.codes.push(unit.code);
      mapping.bounds.push(ranges.map((r) => r.from).join(','));
      mapping.today.push(ranges.map((r) => r.today).join(','));
    }
    todayMaps.set(index, mapping);
  }
  return mapping;
}
