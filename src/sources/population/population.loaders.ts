/**
 * Per-request loaders of the population source. Other sources reach citizens only through
 * these (by personal ID), never through the tables.
 */
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Projection } from '../../db/projection.js';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import { selectedFields } from '../../graphql/selection.js';
import { type PopulationRepository, type Row, planCitizens, planHouseholds } from './population.repository.js';
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

  /** Citizens by personal ID, reading what the plan says (see `citizenPlanFor`). */
  citizen(plan: Projection): DataLoader<string, Row | null> {
    return this.citizens.get(plan.signature, () => rowLoader((ids) => this.repository.citizensByIds(plan, ids), (r) => r.personalId as string));
  }

  householdMembers(plan: Projection): DataLoader<string, Row[]> {
    return this.members.get(plan.signature, () => groupLoader((ids) => this.repository.citizensByHouseholds(plan, ids), (r) => r.__key as string));
  }

  children(plan: Projection): DataLoader<string, Row[]> {
    return this.childLists.get(plan.signature, () => groupLoader((ids) => this.repository.childrenOf(plan, ids), (r) => r.__key as string));
  }

  household(plan: Projection): DataLoader<string, Row | null> {
    return this.households.get(plan.signature, () => rowLoader((ids) => this.repository.householdsByIds(plan, ids), (r) => r.id as string));
  }
}

const citizenPlans = new WeakMap<object, Map<string, Projection>>();
const householdPlans = new WeakMap<object, Projection>();

/**
 * How to read the citizens selected at `path` below the current field: their fields and, if
 * asked, household and members in the same statement. Cached per field of the query.
 */
export function citizenPlanFor(info: GraphQLResolveInfo, path: readonly string[] = []): Projection {
  let byPath = citizenPlans.get(info.fieldNodes);
  if (!byPath) {
    byPath = new Map();
    citizenPlans.set(info.fieldNodes, byPath);
  }
  const key = path.join('.');
  let plan = byPath.get(key);
  if (!plan) {
    const fields = selectedFields(info, path);
    const household = fields.has('household') ? selectedFields(info, [...path, 'household']) : null;
    plan = planCitizens({
      citizen: fields,
      household: household ? { fields: household, members: household.has('members') ? selectedFields(info, [...path, 'household', 'members']) : null } : null,
    });
    byPath.set(key, plan);
  }
  return plan;
}

/** How to read the households selected by the current field, members included when asked. */
export function householdPlanFor(info: GraphQLResolveInfo): Projection {
  let plan = householdPlans.get(info.fieldNodes);
  if (!plan) {
    const fields = selectedFields(info);
    plan = planHouseholds(fields, fields.has('members') ? selectedFields(info, ['members']) : null);
    householdPlans.set(info.fieldNodes, plan);
  }
  return plan;
}

/** What the population source needs from the request context. */
export interface PopulationContext {
  population: PopulationLoaders;
}
