/**
 * Per-request loaders of the population source. Other sources reach citizens only through
 * these (by personal ID), never through the tables.
 */
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Projection } from '../../db/projection.js';
import { LoaderFamily, groupLoader, rowLoader } from '../../graphql/loaders.js';
import { fieldKey, selectedFields } from '../../graphql/selection.js';
import { type CitizenPlan, type HouseholdPlan, type PopulationRepository, type RelativeColumn, type Row, planCitizens, planHouseholds } from './population.repository.js';
import { type CitizenScope, type ScopeShape, scopeShape } from './citizen.scope.js';
import type { UnitCatalogue } from './unit-catalogue.js';

/**
 * A hint that a selection below a citizen usually reaches one of the citizen's own relatives:
 * `birthRegistration.father` (civil source) is, in consistent data, the registry's `fatherId`.
 * The relative is then read speculatively in the citizen's statement and primed into the
 * loader; if the other source names someone else, the loader simply misses and reads them.
 * The composition layer supplies the hints, so this source knows no other source's fields.
 */
export interface RelativeHint {
  path: readonly string[];
  column: RelativeColumn;
}

export class PopulationLoaders {
  private readonly citizens = new LoaderFamily<DataLoader<string, Row | null>>();
  private readonly members = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly childLists = new LoaderFamily<DataLoader<string, Row[]>>();
  private readonly households = new LoaderFamily<DataLoader<string, Row | null>>();

  constructor(
    readonly repository: PopulationRepository,
    readonly units: UnitCatalogue,
    private readonly hints: readonly RelativeHint[] = [],
    /**
     * The request's row scope (null: every citizen). Every statement that reads citizens, nested
     * ones included, carries its conditions (see citizen.scope.ts).
     */
    readonly scope: CitizenScope | null = null,
  ) {
    this.shape = scopeShape(scope);
  }

  private readonly shape: ScopeShape;

  /** How to read the citizens selected at `path` below the current field (cached per query field and scope shape). */
  plan(info: GraphQLResolveInfo, path: readonly string[] = []): CitizenPlan {
    return citizenPlanFor(info, path, this.hints, this.shape);
  }

  /** How to read the households selected by the current field, members included when asked. */
  householdPlan(info: GraphQLResolveInfo): HouseholdPlan {
    return householdPlanFor(info, this.shape);
  }

  /** Citizens by personal ID, reading what the plan says; relatives read alongside are primed. */
  citizen(plan: CitizenPlan): DataLoader<string, Row | null> {
    return this.citizens.get(plan.signature, () =>
      rowLoader(
        async (ids) => this.primeRelatives(plan, await this.repository.citizensByIds(plan, ids, this.scope)),
        (r) => r.personalId as string,
      ),
    );
  }

  /** Citizens already read elsewhere (a page), so their relatives are primed too. */
  primeRelatives<R extends Row>(plan: CitizenPlan, rows: R[]): R[] {
    for (const relative of plan.relatives) {
      const loader = this.citizen(relative.plan);
      for (const row of rows) {
        const value = row[relative.key] as Row | null | undefined;
        delete row[relative.key];
        if (value) loader.prime(value.personalId as string, value);
      }
    }
    return rows;
  }

  householdMembers(plan: Projection): DataLoader<string, Row[]> {
    return this.members.get(plan.signature, () => groupLoader((ids) => this.repository.citizensByHouseholds(plan, ids, this.scope), (r) => r.__key as string));
  }

  children(plan: Projection): DataLoader<string, Row[]> {
    return this.childLists.get(plan.signature, () => groupLoader((ids) => this.repository.childrenOf(plan, ids, this.scope), (r) => r.__key as string));
  }

  household(plan: HouseholdPlan): DataLoader<string, Row | null> {
    return this.households.get(plan.signature, () => rowLoader((ids) => this.repository.householdsByIds(plan, ids, this.scope), (r) => r.id as string));
  }
}

const citizenPlans = new WeakMap<object, Map<string, CitizenPlan>>();
const householdPlans = new WeakMap<object, Map<ScopeShape, HouseholdPlan>>();

function citizenPlanFor(info: GraphQLResolveInfo, path: readonly string[], hints: readonly RelativeHint[], shape: ScopeShape): CitizenPlan {
  let byPath = citizenPlans.get(fieldKey(info));
  if (!byPath) {
    byPath = new Map();
    citizenPlans.set(fieldKey(info), byPath);
  }
  const key = `${shape}:${path.join('.')}`;
  let plan = byPath.get(key);
  if (!plan) {
    const fields = selectedFields(info, path);
    const household = fields.has('household') ? selectedFields(info, [...path, 'household']) : null;
    const members = household?.has('members') ? selectedFields(info, [...path, 'household', 'members']) : null;
    plan = planCitizens({
      citizen: fields,
      household: household ? { fields: household, members } : null,
      relatives: relativesFor(info, path, fields, hints),
    }, shape);
    byPath.set(key, plan);
  }
  return plan;
}

/** The hinted relatives this selection reaches, when their own selection is flat (no household). */
function relativesFor(info: GraphQLResolveInfo, path: readonly string[], fields: ReadonlySet<string>, hints: readonly RelativeHint[]) {
  return hints.flatMap((hint) => {
    if (!fields.has(hint.path[0] as string)) return [];
    const relativeFields = selectedFields(info, [...path, ...hint.path]);
    return relativeFields.size > 0 && !relativeFields.has('household') ? [{ column: hint.column, fields: relativeFields }] : [];
  });
}

/** How to read the households selected by the current field, members included when asked. */
function householdPlanFor(info: GraphQLResolveInfo, shape: ScopeShape): HouseholdPlan {
  let byScope = householdPlans.get(fieldKey(info));
  if (!byScope) {
    byScope = new Map();
    householdPlans.set(fieldKey(info), byScope);
  }
  let plan = byScope.get(shape);
  if (!plan) {
    const fields = selectedFields(info);
    plan = planHouseholds(fields, fields.has('members') ? selectedFields(info, ['members']) : null, shape);
    byScope.set(shape, plan);
  }
  return plan;
}

/** What the population source needs from the request context. */
export interface PopulationContext {
  population: PopulationLoaders;
}
