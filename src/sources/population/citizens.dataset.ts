/** The population registry as analysts see it: head counts by coarse attributes, never a person. */
import type { DatasetSpec } from '../../analytics/semantic.js';

/** Completed years of age, today for the living and at death for the deceased. */
const AGE = `date_part('year', age(coalesce(c.date_of_death, current_date), c.date_of_birth))::int`;

export const CITIZENS_DATASET: DatasetSpec = {
  name: 'CITIZENS',
  description: 'Citizens in the population registry',
  source: 'population',
  rowNoun: 'citizens',
  from: 'population.citizens c',
  measures: {
    COUNT: { description: 'Number of citizens', sql: 'count(*)' },
  },
  dimensions: {
    WARD: { description: "Today's ward of current residence", sql: 'c.current_ward_code', unit: true },
    SEX: { description: 'Sex (MALE, FEMALE)', sql: 'c.sex::text' },
    AGE_BAND: {
      description: 'Age band of ten years (00-09 … 70-79, 80+): completed years today, or at death',
      // One evaluation of the age per row (a CASE over the bands would compute it for each test).
      sql: `(ARRAY['00-09', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80+'])[least(${AGE} / 10, 8) + 1]`,
      ordered: true,
    },
    BIRTH_DECADE: { description: 'Decade of birth (1980s)', sql: `(extract(year FROM c.date_of_birth)::int / 10 * 10)::text || 's'`, ordered: true },
    ETHNICITY_GROUP: { description: 'KINH, or MINORITY for the other 53 ethnic groups together', sql: `CASE WHEN c.ethnicity = 'Kinh' THEN 'KINH' ELSE 'MINORITY' END` },
    VITAL_STATUS: { description: 'ALIVE or DECEASED', sql: `CASE WHEN c.alive THEN 'ALIVE' ELSE 'DECEASED' END` },
    NATIONALITY: { description: 'Nationality (ISO 3166 alpha-2)', sql: 'c.nationality' },
  },
};
