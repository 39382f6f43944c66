/**
 * Digitization progress against the city's targets: by the end of 2022 at least 30% of the
 * still-valid results issued at district level and 25% at ward level digitized, then at least
 * 25 points more each year, and 100% before 2025 (domain.md).
 *
 * The campaign's scope is every result issued before 2022. The store holds each one from the day
 * it was digitized, so the results of a unit are those of the store, and the digitized ones by
 * the end of a year are those digitized on or before 31 December. (A real deployment whose store
 * does not yet hold every result would take the scope's size from the one-stop system's register
 * of issued results instead; the arithmetic stays.)
 *
 * The figures are counts of an office's work per unit and level, with no attribute of any
 * person: they are not subject to the small-cell rule.
 */
import { BadUserInputError } from '../errors/index.js';
import { type AggregateDeps, aggregateCells } from './aggregate.service.js';
import { DATASETS } from './datasets.js';

export const CAMPAIGN_LAST_ISSUE_YEAR = 2021;
export const CAMPAIGN_FIRST_YEAR = 2022;
const LEVELS = ['DISTRICT', 'WARD'] as const;
export type DigitizationLevel = (typeof LEVELS)[number];

/** By units as they issued, by their former district, or by today's units through the lineage. */
export type DigitizationUnits = 'ISSUING_UNIT' | 'ISSUING_DISTRICT' | 'TODAYS_UNIT';

/** The target rate (percent) for results of `level` by the end of `year`; null before the campaign. */
export function digitizationTarget(level: DigitizationLevel, year: number): number | null {
  if (year < CAMPAIGN_FIRST_YEAR) return null;
  // "100% before 2025": the end of 2024 is the last deadline.
  if (year >= 2024) return 100;
  return (level === 'DISTRICT' ? 30 : 25) + 25 * (year - CAMPAIGN_FIRST_YEAR);
}

export interface DigitizationRowOut {
  /** Null on a total row. */
  readonly unitCode: string | null;
  readonly unitName: string | null;
  readonly level: DigitizationLevel;
  readonly results: number;
  readonly digitized: number;
  readonly pagesDigitized: number;
  readonly filesDigitized: number;
  /** Percent of `results` digitized, to 2 decimals. */
  readonly rate: number;
  readonly target: number | null;
  readonly onTrack: boolean | null;
}

export interface DigitizationReportOut {
  readonly year: number;
  readonly units: DigitizationUnits;
  readonly rows: DigitizationRowOut[];
  /** Every unit of the report together, per level. */
  readonly totals: DigitizationRowOut[];
}

export interface DigitizationRequest {
  readonly year: number;
  readonly level: DigitizationLevel | null;
  readonly units: DigitizationUnits;
  /** Only units of this former district (code), if given. */
  readonly district: string | null;
}

export async function digitizationProgress(request: DigitizationRequest, deps: Omit<AggregateDeps, 'minCellCount'>): Promise<DigitizationReportOut> {
  const { year, units: by } = request;
  if (!Number.isInteger(year) || year < 1956 || year > 2100) throw new BadUserInputError('year: a year from 1956 to 2100', { details: { argument: 'year' } });
  const levels = request.level ? [request.level] : [...LEVELS];
  const answer = await aggregateCells(
    {
      dataset: DATASETS.get('RESULTS')!,
      measures: ['PAGES', 'FILES'],
      groupBy: [by, 'LEVEL', 'DIGITIZED_YEAR'],
      filters: [
        { dimension: 'LEVEL', in: levels },
        { dimension: 'YEAR', max: String(CAMPAIGN_LAST_ISSUE_YEAR) },
        ...(request.district ? [{ dimension: 'ISSUING_DISTRICT', in: [request.district] }] : []),
      ],
    },
    deps,
  );
  // Cells are (unit, level, year digitized): one pass sums each unit's results and what was digitized by `year`.
  const tally = new Map<string, { unit: string | null; level: DigitizationLevel; results: number; digitized: number; pages: number; files: number }>();
  const add = (unit: string | null, level: DigitizationLevel, count: number, done: boolean, pages: number, files: number) => {
    const key = `${unit ?? ''}\u0000${level}`;
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { unit, level, results: 0, digitized: 0, pages: 0, files: 0 }));
    t.results += count;
    if (done) {
      t.digitized += count;
      t.pages += pages;
      t.files += files;
    }
  };
  for (const cell of answer.cells) {
    const [unit, level, digitizedYear] = cell.key as [string, DigitizationLevel, string];
    const done = Number(digitizedYear) <= year;
    add(unit, level, cell.count, done, cell.values[0] ?? 0, cell.values[1] ?? 0);
    add(null, level, cell.count, done, cell.values[0] ?? 0, cell.values[1] ?? 0);
  }
  const row = (t: NonNullable<ReturnType<typeof tally.get>>): DigitizationRowOut => {
    const rate = t.results === 0 ? 0 : Math.round((t.digitized / t.results) * 10_000) / 100;
    const target = digitizationTarget(t.level, year);
    return {
      unitCode: t.unit,
      unitName: t.unit === null ? null : (answer.units?.byCode.get(t.unit)?.name ?? null),
      level: t.level,
      results: t.results,
      digitized: t.digitized,
      pagesDigitized: t.pages,
      filesDigitized: t.files,
      rate,
      target,
      onTrack: target === null ? null : rate >= target,
    };
  };
  const all = [...tally.values()].sort((a, b) => (a.unit ?? '').localeCompare(b.unit ?? '') || a.level.localeCompare(b.level));
  return { year, units: by, rows: all.filter((t) => t.unit !== null).map(row), totals: all.filter((t) => t.unit === null).map(row) };
}
