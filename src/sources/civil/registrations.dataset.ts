/** Civil-status registrations as analysts see them: counts by kind, unit and period. */
import { type DatasetSpec, byMonth, byQuarter, byYear } from '../../analytics/semantic.js';

export const CIVIL_REGISTRATIONS_DATASET: DatasetSpec = {
  name: 'CIVIL_REGISTRATIONS',
  description: 'Birth, marriage and death registrations since 1956',
  source: 'civil',
  rowNoun: 'registrations',
  from: `(SELECT 'BIRTH' AS kind, registering_unit_code, registered_on FROM civil.births
    UNION ALL SELECT 'MARRIAGE', registering_unit_code, registered_on FROM civil.marriages
    UNION ALL SELECT 'DEATH', registering_unit_code, registered_on FROM civil.deaths) c`,
  measures: {
    COUNT: { description: 'Number of registrations', sql: 'count(*)' },
  },
  dimensions: {
    KIND: { description: 'BIRTH, MARRIAGE or DEATH', sql: 'c.kind' },
    REGISTERING_UNIT: { description: 'The registering unit as it was on the day of registration', sql: 'c.registering_unit_code', unit: true },
    REGISTERING_DISTRICT: { description: 'The district the registering unit belonged to then', mapping: { map: 'district', code: 'c.registering_unit_code' }, unit: true },
    YEAR: byYear('Year of registration', 'c.registered_on'),
    QUARTER: byQuarter('Quarter of registration', 'c.registered_on'),
    MONTH: byMonth('Month of registration', 'c.registered_on'),
  },
};
