/** The land source: land-use-right certificates and their owners. */
import type { SourceConnection } from '../../db/index.js';
import { LandLoaders } from './land.loaders.js';
import { LandRepository } from './land.repository.js';
import { LandQueries } from './land.resolver.js';

export { LandCertificate } from './land.types.js';
export { LandLoaders, type LandContext } from './land.loaders.js';
export { LAND_CERTIFICATES_DATASET } from './certificates.dataset.js';

export const landResolvers = [LandQueries] as const;

export function createLandSource(connection: SourceConnection) {
  const repository = new LandRepository(connection);
  return { createLoaders: () => new LandLoaders(repository) };
}
