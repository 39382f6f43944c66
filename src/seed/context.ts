/**
 * State shared by the generators across districts of one run: ID counters that must be unique
 * city-wide, and the rule that turns an (old ward, 2020 ward, 2025 ward) triple into the unit
 * in force on a given day.
 */
import type { CopyValue } from '../db/copy-format.js';
import { type Day, dayOf } from '../lib/day.js';
import { type Sex, encodePersonalId } from '../lib/personal-id.js';
import { MERGER_2020, TWO_TIER_2025 } from './catalog/hai-ba-trung.js';
import type { SeedTable } from './tables.js';

export type Emit = (table: SeedTable, row: CopyValue[]) => void;

export const DAY_2020 = dayOf(MERGER_2020);
export const DAY_2025 = dayOf(TWO_TIER_2025);

/** Where a household has lived: the ward in force in each period. */
export interface WardHistory {
  before2020: string;
  from2020: string;
  from2025: string;
}

export function wardOn(history: WardHistory, day: Day): string {
  if (day < DAY_2020) return history.before2020;
  if (day < DAY_2025) return history.from2020;
  return history.from2025;
}

export class SeedCounters {
  private readonly serials = new Map<string, number>();
  private readonly entries = new Map<string, number>();
  householdId = 0;
  birthId = 0;
  marriageId = 0;
  deathId = 0;
  certificateId = 0;
  businessId = 0;
  resultId = 0;
  documentId = 0;

  /**
   * A fresh personal ID. Serials rise by a small random step per (province, sex/century, year),
   * so IDs are unique without looking consecutive.
   */
  personalId(province: string, sex: Sex, birthYear: number, step: number): string {
    const key = `${province}${sex}${birthYear}`;
    const serial = (this.serials.get(key) ?? 0) + step;
    if (serial > 999_999) throw new RangeError(`personal-ID serials exhausted for ${key}`);
    this.serials.set(key, serial);
    return encodePersonalId(province, sex, birthYear, serial);
  }

  /** The next entry number in a unit's register book for a year, and the book it is in. */
  registerEntry(kind: string, unitCode: string, year: number): { book: string; entry: number } {
    const key = `${kind}|${unitCode}|${year}`;
    const entry = (this.entries.get(key) ?? 0) + 1;
    this.entries.set(key, entry);
    return { book: `${String(Math.ceil(entry / 500)).padStart(2, '0')}/${year}`, entry };
  }
}
