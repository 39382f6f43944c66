/**
 * Generates one district's digitized results: exactly the planned number of district-level and
 * ward-level record files with exactly the planned pages, each issued before 2022 by the unit in
 * force on its day of issue (the district, or the subject's ward of that period), digitized in
 * 2022–2024 on a schedule that meets the city's yearly targets, with 1–3 scanned files each.
 */
import { type Day, addMonths, dayOf, dayOfYearStart, isoOf, yearOf } from '../lib/day.js';
import { type Random, WeightedPicker } from '../lib/random.js';
import { PROCEDURES, type ProcedureSpec } from './catalog/procedures.js';
import { type Emit, type SeedCounters, type WardHistory, wardOn } from './context.js';
import { PageAllocator } from './pages.js';
import type { DistrictPlan } from './plan.js';
import type { DistrictPeople } from './population.gen.js';

const YEAR = 365.25;
const FIRST_ISSUE = dayOf('1996-01-01');
const LAST_ISSUE = dayOf('2021-12-31');

type Level = 'DISTRICT' | 'WARD';

/** Share of each level's files digitized in 2022, 2023 and 2024 (targets: ≥30/25% by 2022, +25 points a year, 100% before 2025). */
const DIGITIZED_BY_YEAR: Record<Level, readonly [number, number, number]> = {
  DISTRICT: [0.34, 0.3, 0.36],
  WARD: [0.28, 0.28, 0.44],
};

const pickers: Record<Level, WeightedPicker<ProcedureSpec>> = {
  DISTRICT: new WeightedPicker(PROCEDURES.filter((p) => p.level === 'DISTRICT').map((p) => [p, p.weight] as const)),
  WARD: new WeightedPicker(PROCEDURES.filter((p) => p.level === 'WARD').map((p) => [p, p.weight] as const)),
};

export class ResultsGenerator {
  private readonly pages: Record<Level, PageAllocator>;

  constructor(
    private readonly plan: DistrictPlan,
    private readonly people: DistrictPeople,
    private readonly random: Random,
    private readonly counters: SeedCounters,
    private readonly asOf: Day,
    private readonly emit: Emit,
  ) {
    this.pages = {
      DISTRICT: new PageAllocator(plan.totals.districtFiles, plan.totals.districtPages),
      WARD: new PageAllocator(plan.totals.wardFiles, plan.totals.wardPages),
    };
    if (people.size === 0 && plan.totals.districtFiles + plan.totals.wardFiles > 0) {
      throw new RangeError(`district ${plan.spec.code} has results to issue but no residents`);
    }
  }

  /** Generates up to `count` results; false when all are out. */
  next(count: number): boolean {
    for (let i = 0; i < count; i++) {
      const district = this.pages.DISTRICT.remainingFiles;
      const ward = this.pages.WARD.remainingFiles;
      if (district + ward === 0) return false;
      // Interleave the levels in proportion to what each has left.
      this.result(this.random.float() * (district + ward) < district ? 'DISTRICT' : 'WARD');
    }
    return this.pages.DISTRICT.remainingFiles + this.pages.WARD.remainingFiles > 0;
  }

  private result(level: Level): void {
    const r = this.random;
    const procedure = pickers[level].pick(r);
    const { subject, issued } = this.subjectAndDay(procedure);
    const id = ++this.counters.resultId;
    const pageCount = this.pages[level].next(r);
    const issuer = level === 'DISTRICT' ? this.plan.spec.code : wardOn(this.people.history[subject] as WardHistory, issued);
    const validUntil = procedure.validityMonths === null ? null : addMonths(issued, procedure.validityMonths);
    const statusRoll = r.float();
    const status =
      validUntil !== null && validUntil < this.asOf ? 'EXPIRED' : statusRoll < 0.015 ? 'REVOKED' : statusRoll < 0.045 ? 'SUPERSEDED' : 'VALID';
    const dossierCode = `${this.plan.spec.tag}-${isoOf(issued).slice(2).replaceAll('-', '')}-${String(id).padStart(7, '0')}`;
    const decision = `${r.int(1, 9999)}/${yearOf(issued)}/${level === 'DISTRICT' ? 'QĐ-UBND' : procedure.code.slice(0, 2)}`;
    this.emit('results', [
      id, dossierCode, procedure.code, this.people.ids[subject] as string, issuer, decision, isoOf(issued),
      validUntil === null ? null : isoOf(validUntil), status, isoOf(this.digitizedOn(level)), pageCount,
    ]);
    this.documents(id, dossierCode, pageCount, level);
  }

  /** A resident old enough for the procedure, and a day of issue in their lifetime. */
  private subjectAndDay(procedure: ProcedureSpec): { subject: number; issued: Day } {
    const r = this.random;
    for (let attempt = 0; ; attempt++) {
      const subject = r.int(0, this.people.size - 1);
      const birth = this.people.birth[subject] as number;
      const death = this.people.death[subject] as number;
      const kind = attempt < 50 ? procedure.subject : 'ANY';
      const from = Math.max(FIRST_ISSUE, kind === 'ADULT' ? birth + Math.round(18 * YEAR) : birth);
      const to = Math.min(LAST_ISSUE, death, kind === 'NEWBORN' ? birth + 60 : LAST_ISSUE);
      if (from <= to) return { subject, issued: r.int(from, to) };
      if (attempt > 10_000) throw new RangeError('no resident can be the subject of a result issued 1996–2021');
    }
  }

  private digitizedOn(level: Level): Day {
    const r = this.random;
    const [y2022, y2023] = DIGITIZED_BY_YEAR[level];
    const roll = r.float();
    const year = roll < y2022 ? 2022 : roll < y2022 + y2023 ? 2023 : 2024;
    // The programme began in March 2022.
    const start = year === 2022 ? dayOf('2022-03-01') : dayOfYearStart(year);
    return r.int(start, dayOfYearStart(year + 1) - 1);
  }

  private documents(resultId: number, dossierCode: string, pageCount: number, level: Level): void {
    const r = this.random;
    const wanted = level === 'WARD' ? (pageCount > 1 && r.chance(0.3) ? 2 : 1) : pageCount > 3 ? r.int(1, 3) : 1;
    const files = Math.min(wanted, pageCount);
    let left = pageCount;
    for (let i = 1; i <= files; i++) {
      // Each later file keeps at least one page.
      const pages = i === files ? left : Math.min(left - (files - i), Math.max(1, Math.round((left * r.int(40, 80)) / 100)));
      left -= pages;
      const roll = r.float();
      const [mime, ext] = pages === 1 && roll < 0.03 ? ['image/jpeg', 'jpg'] : roll < 0.09 ? ['image/tiff', 'tif'] : ['application/pdf', 'pdf'];
      this.emit('documents', [
        ++this.counters.documentId, resultId, `${dossierCode}_${String(i).padStart(2, '0')}.${ext}`, mime,
        pages * r.int(90_000, 260_000) + r.int(8_000, 30_000), r.hex(32), pages,
      ]);
    }
  }
}
