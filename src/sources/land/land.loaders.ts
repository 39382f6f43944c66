import type DataLoader from 'dataloader';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import { CERTIFICATE, type LandRepository, type Row, project } from './land.repository.js';

export class LandLoaders {
  private readonly byOwner = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly byNumber = new LoaderFamily<DataLoader<string, Row | null>>();

  constructor(readonly repository: LandRepository) {}

  certificatesOf(fields: Iterable<string>): DataLoader<string, Row[]> {
    const p = project(CERTIFICATE, fields);
    return this.byOwner.get(p.signature, () => groupLoader((ids) => this.repository.certificatesOfOwners(p, ids), (r) => r.__key as string));
  }

  certificate(fields: Iterable<string>): DataLoader<string, Row | null> {
    const p = project(CERTIFICATE, fields);
    return this.byNumber.get(p.signature, () => rowLoader((numbers) => this.repository.certificatesByNumbers(p, numbers), (r) => r.__key as string));
  }
}

export interface LandContext {
  land: LandLoaders;
}
