/**
 * Synthetic districts for the city scale. Their names are Hanoi's real urban and rural districts,
 * but their wards, boundaries and lineage are made up, shaped like Hai Bà Trưng's: about 300,000
 * residents in 15 wards that existed from 1956 to 30 June 2025 and merged, in threes, into five
 * wards on 1 July 2025. Nothing here claims to describe the real units.
 */
import { CITY_CODE, EPOCH, TWO_TIER_2025 } from './hai-ba-trung.js';
import type { DistrictSpec, LineageSpec, UnitSpec, WardSpec } from './unit-types.js';

const DISTRICT_NAMES = [
  'Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Cầu Giấy', 'Đống Đa', 'Thanh Xuân', 'Hoàng Mai', 'Hà Đông',
  'Bắc Từ Liêm', 'Nam Từ Liêm', 'Sơn Tây', 'Sóc Sơn', 'Đông Anh', 'Gia Lâm', 'Thanh Trì', 'Mê Linh', 'Ba Vì',
  'Phúc Thọ', 'Đan Phượng', 'Hoài Đức', 'Quốc Oai', 'Thạch Thất', 'Chương Mỹ', 'Thanh Oai', 'Thường Tín', 'Phú Xuyên',
] as const;

const WARDS_PER_DISTRICT = 15;
const WARDS_PER_SUCCESSOR = 3;
const STREETS = ['Đường số 1', 'Đường số 2', 'Đường số 3', 'Phố Chợ', 'Phố Ga', 'Đường Đê', 'Ngõ Chùa', 'Phố Mới'];

/** District `index` (1-based) of the synthetic set. */
export function syntheticDistrict(index: number): DistrictSpec {
  const name = DISTRICT_NAMES[(index - 1) % DISTRICT_NAMES.length] as string;
  const tag = `D${String(index).padStart(2, '0')}`;
  const code = `HN.${tag}`;
  const lastDay = '2025-06-30';
  const wards: WardSpec[] = [];
  const units: UnitSpec[] = [{ code, name: `Quận ${name}`, level: 'DISTRICT', parentCode: CITY_CODE, validFrom: EPOCH, validTo: lastDay }];
  const lineage: LineageSpec[] = [];
  const successorCount = WARDS_PER_DISTRICT / WARDS_PER_SUCCESSOR;
  for (let s = 1; s <= successorCount; s++) {
    units.push({ code: `${code}.N${s}`, name: `Phường ${name} ${s} (mô phỏng)`, level: 'WARD', parentCode: CITY_CODE, validFrom: TWO_TIER_2025, validTo: null });
    lineage.push({ from: code, to: `${code}.N${s}`, on: TWO_TIER_2025, kind: 'PART', share: 1 / successorCount, note: 'district abolished' });
  }
  for (let w = 1; w <= WARDS_PER_DISTRICT; w++) {
    const wardCode = `${tag}.W${String(w).padStart(2, '0')}`;
    const successor = `${code}.N${Math.ceil(w / WARDS_PER_SUCCESSOR)}`;
    units.push({ code: wardCode, name: `Phường ${w} (${name}, mô phỏng)`, level: 'WARD', parentCode: code, validFrom: EPOCH, validTo: lastDay });
    lineage.push({ from: wardCode, to: successor, on: TWO_TIER_2025, kind: 'WHOLE', share: 1, note: null });
    wards.push({
      code: wardCode,
      name: `Phường ${w} (${name})`,
      population: 20_000,
      districtCode: code,
      predecessors: [[wardCode, 1]],
      successors: [[successor, 1]],
      streets: STREETS,
    });
  }
  return { code, name: `Quận ${name}`, tag, units, lineage, wards };
}
