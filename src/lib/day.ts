/**
 * Calendar dates as whole days since 1970-01-01 (UTC). The generator does arithmetic on days;
 * only the edges turn them into ISO strings. No time zones are involved: a date of issue is a
 * calendar date, not an instant.
 */
const MS_PER_DAY = 86_400_000;

export type Day = number;

export function dayOf(iso: string): Day {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new TypeError(`Not an ISO date: ${iso}`);
  return Math.round(ms / MS_PER_DAY);
}

export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * MS_PER_DAY);
  d.setUTCMonth(d.getUTCMonth() + months);
  return Math.round(d.getTime() / MS_PER_DAY);
}

export function dayOfYearStart(year: number): Day {
  return Math.round(Date.UTC(year, 0, 1) / MS_PER_DAY);
}

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const HANOI_OFFSET_MS = 7 * 3_600_000;

/** Today's calendar date in Hanoi, ISO (a result "still valid today" is judged by the local date). */
export function todayInHanoi(now: Date = new Date()): string {
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}
