/**
 * Administrative units of the former Hai Bà Trưng district and their lineage.
 *
 * Unit codes are the project's own. Populations are approximate (about 300,000 in all) and are
 * used only to size the demo data and to weight who lived where before a merger. The real 2025
 * boundaries follow streets; the demo models each split as a population share per successor
 * (see `share`), and every successor share of one predecessor adds up to 1.
 */
import type { LineageSpec, UnitSpec, WardSpec } from './unit-types.js';

export const CITY_CODE = 'HN';
export const HBT_DISTRICT_CODE = 'HN.HBT';
/** Units in the demo start on this day: the first year of the civil-status books we hold. */
export const EPOCH = '1956-01-01';
export const MERGER_2020 = '2020-01-01';
export const TWO_TIER_2025 = '2025-07-01';

/** The 20 wards before 2020; 16 of them went on unchanged until 30 June 2025. */
const OLD_WARDS: ReadonlyArray<readonly [code: string, name: string, population: number, changedIn2020: boolean]> = [
  ['HBT.BACHDANG', 'Phường Bạch Đằng', 16_000, false],
  ['HBT.BACHKHOA', 'Phường Bách Khoa', 12_000, false],
  ['HBT.BACHMAI', 'Phường Bạch Mai', 15_000, false],
  ['HBT.CAUDEN', 'Phường Cầu Dền', 12_000, false],
  ['HBT.DONGMAC', 'Phường Đống Mác', 12_000, false],
  ['HBT.DONGNHAN', 'Phường Đồng Nhân', 10_000, false],
  ['HBT.DONGTAM', 'Phường Đồng Tâm', 20_000, false],
  ['HBT.LEDAIHANH', 'Phường Lê Đại Hành', 9_000, false],
  ['HBT.MINHKHAI', 'Phường Minh Khai', 30_000, false],
  ['HBT.PHOHUE', 'Phường Phố Huế', 9_000, false],
  ['HBT.QUYNHLOI', 'Phường Quỳnh Lôi', 14_000, false],
  ['HBT.QUYNHMAI', 'Phường Quỳnh Mai', 14_000, false],
  ['HBT.THANHLUONG', 'Phường Thanh Lương', 24_000, false],
  ['HBT.THANHNHAN', 'Phường Thanh Nhàn', 23_000, false],
  ['HBT.TRUONGDINH', 'Phường Trương Định', 23_000, false],
  ['HBT.VINHTUY', 'Phường Vĩnh Tuy', 38_000, false],
  ['HBT.NGUYENDU.1956', 'Phường Nguyễn Du', 5_000, true],
  ['HBT.PHAMDINHHO.1956', 'Phường Phạm Đình Hổ', 6_000, true],
  ['HBT.BUITHIXUAN', 'Phường Bùi Thị Xuân', 3_500, true],
  ['HBT.NGOTHINHAM', 'Phường Ngô Thì Nhậm', 4_500, true],
];

/** The two wards re-formed on 1 January 2020 (Resolution 855/NQ-UBTVQH14). */
const WARDS_2020: ReadonlyArray<readonly [code: string, name: string]> = [
  ['HBT.NGUYENDU.2020', 'Phường Nguyễn Du'],
  ['HBT.PHAMDINHHO.2020', 'Phường Phạm Đình Hổ'],
];

/** Wards formed on 1 July 2025 that took in Hai Bà Trưng's area (two-tier local government). */
const WARDS_2025: ReadonlyArray<readonly [code: string, name: string]> = [
  ['HN.HAIBATRUNG', 'Phường Hai Bà Trưng'],
  ['HN.BACHMAI', 'Phường Bạch Mai'],
  ['HN.VINHTUY', 'Phường Vĩnh Tuy'],
  ['HN.HONGHA', 'Phường Hồng Hà'],
  ['HN.TUONGMAI', 'Phường Tương Mai'],
  ['HN.CUANAM', 'Phường Cửa Nam'],
];

const LAST_DAY_BEFORE_2020 = '2019-12-31';
const LAST_DAY_BEFORE_2025 = '2025-06-30';

export const HBT_UNITS: readonly UnitSpec[] = [
  { code: CITY_CODE, name: 'Thành phố Hà Nội', level: 'CITY', parentCode: null, validFrom: EPOCH, validTo: null },
  { code: HBT_DISTRICT_CODE, name: 'Quận Hai Bà Trưng', level: 'DISTRICT', parentCode: CITY_CODE, validFrom: EPOCH, validTo: LAST_DAY_BEFORE_2025 },
  ...OLD_WARDS.map(([code, name, , changed]): UnitSpec => ({
    code,
    name,
    level: 'WARD',
    parentCode: HBT_DISTRICT_CODE,
    validFrom: EPOCH,
    validTo: changed ? LAST_DAY_BEFORE_2020 : LAST_DAY_BEFORE_2025,
  })),
  ...WARDS_2020.map(([code, name]): UnitSpec => ({
    code,
    name,
    level: 'WARD',
    parentCode: HBT_DISTRICT_CODE,
    validFrom: MERGER_2020,
    validTo: LAST_DAY_BEFORE_2025,
  })),
  ...WARDS_2025.map(([code, name]): UnitSpec => ({ code, name, level: 'WARD', parentCode: CITY_CODE, validFrom: TWO_TIER_2025, validTo: null })),
];

const whole = (from: string, to: string, on: string, note?: string): LineageSpec => ({ from, to, on, kind: 'WHOLE', share: 1, note: note ?? null });
const part = (from: string, to: string, on: string, share: number, note?: string): LineageSpec => ({ from, to, on, kind: 'PART', share, note: note ?? null });

/** 2025 successors of each ward in force on 30 June 2025, as population shares. */
const SPLITS_2025: ReadonlyArray<readonly [from: string, successors: ReadonlyArray<readonly [to: string, share: number]>, note?: string]> = [
  ['HBT.DONGNHAN', [['HN.HAIBATRUNG', 1]]],
  ['HBT.PHOHUE', [['HN.HAIBATRUNG', 1]]],
  ['HBT.NGUYENDU.2020', [['HN.HAIBATRUNG', 0.8], ['HN.CUANAM', 0.2]]],
  ['HBT.PHAMDINHHO.2020', [['HN.HAIBATRUNG', 0.85], ['HN.CUANAM', 0.15]]],
  ['HBT.LEDAIHANH', [['HN.HAIBATRUNG', 0.75], ['HN.CUANAM', 0.25]]],
  ['HBT.BACHDANG', [['HN.HAIBATRUNG', 0.4], ['HN.HONGHA', 0.6]], 'riverside part to Hồng Hà'],
  ['HBT.THANHNHAN', [['HN.HAIBATRUNG', 0.3], ['HN.BACHMAI', 0.7]]],
  ['HBT.THANHLUONG', [['HN.VINHTUY', 0.6], ['HN.HONGHA', 0.4]], 'riverside part to Hồng Hà'],
  ['HBT.VINHTUY', [['HN.VINHTUY', 1]]],
  ['HBT.MINHKHAI', [['HN.VINHTUY', 0.5], ['HN.BACHMAI', 0.2], ['HN.TUONGMAI', 0.3]], 'south of the Đại La – Minh Khai road to Tương Mai'],
  ['HBT.DONGTAM', [['HN.BACHMAI', 0.6], ['HN.TUONGMAI', 0.4]], 'south of the Đại La road to Tương Mai'],
  ['HBT.TRUONGDINH', [['HN.BACHMAI', 0.5], ['HN.TUONGMAI', 0.5]], 'south of the Đại La road to Tương Mai'],
  ['HBT.BACHMAI', [['HN.BACHMAI', 1]]],
  ['HBT.BACHKHOA', [['HN.BACHMAI', 1]]],
  ['HBT.QUYNHMAI', [['HN.BACHMAI', 1]]],
  ['HBT.QUYNHLOI', [['HN.BACHMAI', 1]]],
  ['HBT.CAUDEN', [['HN.BACHMAI', 1]]],
  ['HBT.DONGMAC', [['HN.BACHMAI', 1]]],
];

function splitEdges(from: string, successors: ReadonlyArray<readonly [string, number]>, on: string, note?: string): LineageSpec[] {
  return successors.length === 1 && successors[0]?.[1] === 1
    ? [whole(from, successors[0][0], on, note)]
    : successors.map(([to, share]) => part(from, to, on, share, note));
}

export const HBT_LINEAGE: readonly LineageSpec[] = [
  whole('HBT.NGUYENDU.1956', 'HBT.NGUYENDU.2020', MERGER_2020),
  whole('HBT.BUITHIXUAN', 'HBT.NGUYENDU.2020', MERGER_2020, 'merged into Nguyễn Du'),
  part('HBT.NGOTHINHAM', 'HBT.NGUYENDU.2020', MERGER_2020, 0.4, 'part of Ngô Thì Nhậm merged into Nguyễn Du'),
  part('HBT.NGOTHINHAM', 'HBT.PHAMDINHHO.2020', MERGER_2020, 0.6, 'the rest of Ngô Thì Nhậm to Phạm Đình Hổ'),
  whole('HBT.PHAMDINHHO.1956', 'HBT.PHAMDINHHO.2020', MERGER_2020),
  ...SPLITS_2025.flatMap(([from, successors, note]) => splitEdges(from, successors, TWO_TIER_2025, note)),
  // The abolished district: its own results go to the wards that took its area, by population.
  ...districtShares(),
];

/** The district's share for each 2025 successor: the population that went there. */
function districtShares(): LineageSpec[] {
  const populationOf = new Map(OLD_WARDS.map(([code, , population]) => [code, population]));
  populationOf.set('HBT.NGUYENDU.2020', 5_000 + 3_500 + 0.4 * 4_500);
  populationOf.set('HBT.PHAMDINHHO.2020', 6_000 + 0.6 * 4_500);
  const bySuccessor = new Map<string, number>();
  let total = 0;
  for (const [from, successors] of SPLITS_2025) {
    const population = populationOf.get(from) ?? 0;
    total += population;
    for (const [to, share] of successors) bySuccessor.set(to, (bySuccessor.get(to) ?? 0) + population * share);
  }
  const entries = [...bySuccessor.entries()];
  // Round to 4 decimals and give the rounding remainder to the largest share, so they sum to 1.
  const shares = entries.map(([to, population]) => [to, Math.round((population / total) * 10_000) / 10_000] as const);
  const remainder = Math.round((1 - shares.reduce((sum, [, s]) => sum + s, 0)) * 10_000) / 10_000;
  const largest = shares.reduce((best, entry, i) => (entry[1] > (shares[best]?.[1] ?? 0) ? i : best), 0);
  return shares.map(([to, share], i) =>
    part(HBT_DISTRICT_CODE, to, TWO_TIER_2025, Math.round((share + (i === largest ? remainder : 0)) * 10_000) / 10_000, 'district abolished'),
  );
}

/** A few real streets per ward, for plausible addresses. */
const HBT_STREETS: Readonly<Record<string, readonly string[]>> = {
  'HBT.BACHDANG': ['Bạch Đằng', 'Vân Đồn', 'Nguyễn Khoái', 'Hàm Tử Quan'],
  'HBT.BACHKHOA': ['Tạ Quang Bửu', 'Lê Thanh Nghị', 'Tạ Quang Bửu ngõ 28', 'Đại Cồ Việt'],
  'HBT.BACHMAI': ['Bạch Mai', 'Phố Vọng', 'Trần Đại Nghĩa'],
  'HBT.CAUDEN': ['Thanh Nhàn', 'Cầu Dền', 'Bạch Mai'],
  'HBT.DONGMAC': ['Đống Mác', 'Lò Đúc', 'Nguyễn Cao'],
  'HBT.DONGNHAN': ['Đồng Nhân', 'Lò Đúc', 'Hồng Mai', 'Trần Khát Chân'],
  'HBT.DONGTAM': ['Đại La', 'Giải Phóng', 'Trường Chinh'],
  'HBT.LEDAIHANH': ['Lê Đại Hành', 'Hoa Lư', 'Tô Hiến Thành'],
  'HBT.MINHKHAI': ['Minh Khai', 'Kim Ngưu', 'Dương Văn Bé', 'Lạc Trung'],
  'HBT.PHOHUE': ['Phố Huế', 'Hàng Chuối', 'Thịnh Yên', 'Lê Văn Hưu'],
  'HBT.QUYNHLOI': ['Quỳnh Lôi', 'Bạch Mai', 'Kim Ngưu'],
  'HBT.QUYNHMAI': ['Quỳnh Mai', 'Lạc Trung', 'Kim Ngưu'],
  'HBT.THANHLUONG': ['Thanh Lương', 'Minh Khai', 'Nguyễn Khoái'],
  'HBT.THANHNHAN': ['Thanh Nhàn', 'Võ Thị Sáu', 'Trần Khát Chân'],
  'HBT.TRUONGDINH': ['Trương Định', 'Đại La', 'Tân Mai'],
  'HBT.VINHTUY': ['Vĩnh Tuy', 'Minh Khai', 'Lạc Trung', 'Hồng Mai'],
  'HBT.NGUYENDU.2020': ['Nguyễn Du', 'Bùi Thị Xuân', 'Trần Nhân Tông', 'Quang Trung'],
  'HBT.PHAMDINHHO.2020': ['Phạm Đình Hổ', 'Ngô Thì Nhậm', 'Hàng Bài', 'Nguyễn Công Trứ'],
};

/**
 * The 18 wards of 2020–June 2025 with what the generator needs: population, streets, the old
 * wards their residents were registered in before 2020, and the 2025 wards they moved into.
 */
export const HBT_WARDS: readonly WardSpec[] = (() => {
  const populationOf = new Map(OLD_WARDS.map(([code, , population]) => [code, population]));
  const nameOf = new Map(HBT_UNITS.map((u) => [u.code, u.name]));
  const wards2020 = [...OLD_WARDS.filter(([, , , changed]) => !changed).map(([code]) => code), ...WARDS_2020.map(([code]) => code)];
  return wards2020.map((code): WardSpec => {
    const before = HBT_LINEAGE.filter((edge) => edge.to === code && edge.on === MERGER_2020).map(
      (edge) => [edge.from, (populationOf.get(edge.from) ?? 0) * edge.share] as const,
    );
    const after = SPLITS_2025.find(([from]) => from === code)?.[1] ?? [];
    const population = before.length > 0 ? before.reduce((sum, [, p]) => sum + p, 0) : (populationOf.get(code) ?? 0);
    return {
      code,
      name: nameOf.get(code) ?? code,
      population: Math.round(population),
      districtCode: HBT_DISTRICT_CODE,
      predecessors: before.length > 0 ? before : [[code, 1]],
      successors: after,
      streets: HBT_STREETS[code] ?? ['Phố Huế'],
    };
  });
})();
