import type DataLoader from 'dataloader';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import { BIRTH, type CivilRepository, DEATH, MARRIAGE, type Row, project } from './civil.repository.js';

export class CivilLoaders {
  private readonly births = new LoaderFamily<DataLoader<string, Row | null>>();
  private readonly birthIds = new LoaderFamily<DataLoader<number, Row | null>>();
  private readonly marriages = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly deaths = new LoaderFamily<DataLoader<string, Row | null>>();

  constructor(readonly repository: CivilRepository) {}

  birthOfChild(fields: Iterable<string>): DataLoader<string, Row | null> {
    const p = project(BIRTH, fields);
    return this.births.get(p.signature, () => rowLoader((ids) => this.repository.birthsOfChildren(p, ids), (r) => r.__key as string));
  }

  birth(fields: Iterable<string>): DataLoader<number, Row | null> {
    const p = project(BIRTH, fields);
    return this.birthIds.get(p.signature, () => rowLoader<Row, number>((ids) => this.repository.birthsByIds(p, ids), (r) => r.id as number));
  }

  marriagesOf(fields: Iterable<string>): DataLoader<string, Row[]> {
    const p = project(MARRIAGE, fields);
    return this.marriages.get(p.signature, () => groupLoader((ids) => this.repository.marriagesOf(p, ids), (r) => r.__key as string));
  }

  deathOf(fields: Iterable<string>): DataLoader<string, Row | null> {
    const p = project(DEATH, fields);
    return this.deaths.get(p.signature, () => rowLoader((ids) => this.repository.deathsOf(p, ids), (r) => r.__key as string));
  }
}

export interface CivilContext {
  civil: CivilLoaders;
}
