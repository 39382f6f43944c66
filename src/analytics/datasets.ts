/**
 * Every dataset analysts may ask about, one per source that has one. The sources declare their
 * own (they know their tables); this list only gathers them, as src/schema gathers resolvers.
 */
// Straight from the dataset files: they are plain data, and a source's index also loads its
// GraphQL types, which need reflect-metadata loaded first.
import { HOUSEHOLD_BUSINESSES_DATASET } from '../sources/business/businesses.dataset.js';
import { CIVIL_REGISTRATIONS_DATASET } from '../sources/civil/registrations.dataset.js';
import { LAND_CERTIFICATES_DATASET } from '../sources/land/certificates.dataset.js';
import { CITIZENS_DATASET } from '../sources/population/citizens.dataset.js';
import { RESULTS_DATASET } from '../sources/records/results.dataset.js';
import type { DatasetSpec } from './semantic.js';

export const DATASETS: ReadonlyMap<string, DatasetSpec> = new Map(
  [RESULTS_DATASET, CITIZENS_DATASET, CIVIL_REGISTRATIONS_DATASET, LAND_CERTIFICATES_DATASET, HOUSEHOLD_BUSINESSES_DATASET].map((d) => [d.name, d]),
);

/** Every measure and dimension name of any dataset (the GraphQL enums), with a description. */
export function vocabulary(kind: 'measures' | 'dimensions'): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const dataset of DATASETS.values()) {
    for (const [name, spec] of Object.entries(dataset[kind])) {
      const list = names.get(name) ?? [];
      list.push(`${dataset.name}: ${spec.description}`);
      names.set(name, list);
    }
  }
  return new Map([...names].map(([name, descriptions]) => [name, descriptions.join('; ')]));
}
