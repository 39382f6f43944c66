/** Land-use-right certificates as analysts see them: counts and areas, never an owner or a parcel. */
import { type DatasetSpec, byMonth, byQuarter, byYear } from '../../analytics/semantic.js';

export const LAND_CERTIFICATES_DATASET: DatasetSpec = {
  name: 'LAND_CERTIFICATES',
  description: 'Land-use-right certificates',
  source: 'land',
  rowNoun: 'certificates',
  from: 'land.certificates l',
  measures: {
    COUNT: { description: 'Number of certificates', sql: 'count(*)' },
    AREA_M2: { description: 'Land area in square metres', sql: 'sum(l.area_m2)' },
  },
  dimensions: {
    WARD: { description: "Today's ward of the parcel", sql: 'l.ward_code', unit: true },
    ISSUING_UNIT: { description: 'The issuing unit as it was', sql: 'l.issuing_unit_code', unit: true },
    LAND_USE: { description: 'Land use purpose code (ODT urban residential, TMD commercial …)', sql: 'l.land_use' },
    YEAR: byYear('Year of issue', 'l.issued_on'),
    QUARTER: byQuarter('Quarter of issue', 'l.issued_on'),
    MONTH: byMonth('Month of issue', 'l.issued_on'),
  },
};
