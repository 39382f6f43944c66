/** The household-business source (hộ kinh doanh). */
import type { SourceConnection } from '../../db/index.js';
import { BusinessLoaders } from './business.loaders.js';
import { BusinessRepository } from './business.repository.js';

export { BusinessStatus, HouseholdBusiness } from './business.types.js';
export { BusinessLoaders, type BusinessContext } from './business.loaders.js';
export { HOUSEHOLD_BUSINESSES_DATASET } from './businesses.dataset.js';

export const businessResolvers = [] as const;

export function createBusinessSource(connection: SourceConnection) {
  const repository = new BusinessRepository(connection);
  return { createLoaders: () => new BusinessLoaders(repository) };
}
