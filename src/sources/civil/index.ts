/** The civil-status source (hộ tịch): birth, marriage and death registrations since 1956. */
import type { SourceConnection } from '../../db/index.js';
import { CivilLoaders } from './civil.loaders.js';
import { CivilRepository } from './civil.repository.js';
import { CivilQueries } from './civil.resolver.js';

export { BirthRegistration, DeathRegistration, MarriageRegistration } from './civil.types.js';
export { CivilLoaders, type CivilContext } from './civil.loaders.js';
export { CIVIL_REGISTRATIONS_DATASET } from './registrations.dataset.js';

export const civilResolvers = [CivilQueries] as const;

export function createCivilSource(connection: SourceConnection) {
  const repository = new CivilRepository(connection);
  return { createLoaders: () => new CivilLoaders(repository) };
}
