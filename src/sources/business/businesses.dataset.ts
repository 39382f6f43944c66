/** Household businesses as analysts see them: counts by ward, line and status, never an owner. */
import { type DatasetSpec, byMonth, byQuarter, byYear } from '../../analytics/semantic.js';

export const HOUSEHOLD_BUSINESSES_DATASET: DatasetSpec = {
  name: 'HOUSEHOLD_BUSINESSES',
  description: 'Registered household businesses',
  source: 'business',
  rowNoun: 'businesses',
  from: 'business.household_businesses b',
  measures: {
    COUNT: { description: 'Number of household businesses', sql: 'count(*)' },
  },
  dimensions: {
    WARD: { description: "Today's ward of the business's address", sql: 'b.ward_code', unit: true },
    ISSUING_UNIT: { description: 'The registering unit as it was', sql: 'b.issuing_unit_code', unit: true },
    LINE_OF_BUSINESS: { description: 'Line of business', sql: 'b.line_of_business' },
    STATUS: { description: 'ACTIVE, SUSPENDED or CLOSED', sql: 'b.status::text' },
    YEAR: byYear('Year of registration', 'b.registered_on'),
    QUARTER: byQuarter('Quarter of registration', 'b.registered_on'),
    MONTH: byMonth('Month of registration', 'b.registered_on'),
  },
};
