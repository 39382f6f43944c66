/**
 * Per-request loaders of the population source. Other sources reach citizens only through
 * these (by personal ID), never through the tables.
 */
import type DataLoader from 'dataloader';
import { project } from '../../db/projection.js';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import { CITIZEN, HOUSEHOLD, type PopulationRepository, type Row } from './population.repository.js';
import type { UnitCatalogue } from './unit-catalogue.js';

export class PopulationLoaders {
  private readonly citizens = new LoaderFamily<DataLoader<string, Row | null>>();
  private readonly members = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly childLists = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly households = new LoaderFamily<DataLoader<string, Row | null>>();

  constructor(
    readonly repository: PopulationRepository,
    readonly units: UnitCatalogue,
  ) {}

  /** Citizens by personal ID, reading the given GraphQL fields. */
  citizen(fields: Iterable<string>): DataLoader<string, Row | null> {
    const p = project(CITIZEN, fields);
    return this.citizens.get(p.signature, () => rowLoader((ids) => this.repository.citizensByIds(p, ids), (r) => r.personalId as string));
  }

  householdMembers(fields: Iterable<string>): DataLoader<string, Row[]> {
    const p = project(CITIZEN, fields);
    return this.members.get(p.signature, () => groupLoader((ids) => this.repository.citizensByHouseholds(p, ids), (r) => r.__key as string));
  }

  children(fields: Iterable<string>): DataLoader<string, Row[]> {
    const p = project(CITIZEN, fields);
    return this.childLists.get(p.signature, () => groupLoader((ids) => this.repository.childrenOf(p, ids), (r) => r.__key as string));
  }

  household(fields: Iterable<string>): DataLoader<string, Row | null> {
    const p = project(HOUSEHOLD, fields);
    return this.households.get(p.signature, () => rowLoader((ids) => this.repository.householdsByIds(p, ids), (r) => r.id as string));
  }
}

/** What the population source needs from the request context. */
export interface PopulationContext {
  population: PopulationLoaders;
}
