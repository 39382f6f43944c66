import type DataLoader from 'dataloader';
import { LoaderFamily, groupLoader } from '../../graphql/loaders.js';
import { BUSINESS, type BusinessRepository, type Row, project } from './business.repository.js';

export class BusinessLoaders {
  private readonly byOwner = new LoaderFamily<DataLoader<string, Row[]>>();

  constructor(readonly repository: BusinessRepository) {}

  businessesOf(fields: Iterable<string>): DataLoader<string, Row[]> {
    const p = project(BUSINESS, fields);
    return this.byOwner.get(p.signature, () => groupLoader((ids) => this.repository.businessesOfOwners(p, ids), (r) => r.__key as string));
  }
}

export interface BusinessContext {
  business: BusinessLoaders;
}
