/** The population source: citizens, households, units and their lineage. */
import type { SourceConnection } from '../../db/index.js';
import type { CitizenScope } from './citizen.scope.js';
import { PopulationLoaders, type RelativeHint } from './population.loaders.js';
import { PopulationRepository } from './population.repository.js';
import { CitizenConnectionFields, CitizenFamilyLinks, HouseholdLinks, PopulationQueries } from './population.resolver.js';
import { UnitCatalogue } from './unit-catalogue.js';
import { UnitLinks } from './unit.resolver.js';

export { Citizen, Sex } from './citizen.type.js';
export { Household } from './household.type.js';
export { AdministrativeUnit, UnitLevel, UnitLineageEdge } from './unit.type.js';
export { PopulationLoaders, type PopulationContext, type RelativeHint } from './population.loaders.js';
export { traceToToday } from './unit.resolver.js';
export { citizenOf, unitOf } from './lookups.js';
export type { CitizenScope } from './citizen.scope.js';
export type { UnitCatalogue, UnitIndex } from './unit-catalogue.js';
export { CITIZENS_DATASET } from './citizens.dataset.js';

export const populationResolvers = [PopulationQueries, CitizenConnectionFields, CitizenFamilyLinks, HouseholdLinks, UnitLinks] as const;

/** Process-wide parts of the source (the unit catalogue), and a factory of per-request loaders. */
export function createPopulationSource(connection: SourceConnection, options: { relativeHints?: readonly RelativeHint[] } = {}) {
  const repository = new PopulationRepository(connection);
  const units = new UnitCatalogue(repository);
  return { units, createLoaders: (scope: CitizenScope | null = null) => new PopulationLoaders(repository, units, options.relativeHints, scope) };
}
