/** The eager links of the schema: which cross-source fields are loaded for whole lists at once. */
import type { GraphQLResolveInfo } from 'graphql';
import { type Prefetcher, type Row, attachKey, selectionSignature } from '../../graphql/prefetch.js';
import { selectedFields, selectedWithoutArguments } from '../../graphql/selection.js';
import type { CivilContext } from '../../sources/civil/index.js';
import type { PopulationContext, RelativeHint } from '../../sources/population/index.js';
import { type RecordsContext, resultPlanFor } from '../../sources/records/index.js';

type LinkContext = PopulationContext & RecordsContext & CivilContext;

interface EagerLink {
  type: string;
  /**
   * Prefetched only where every occurrence of the field passes no arguments: one attached value
   * could not serve aliases that ask for different things.
   */
  field: string;
  /** Reads the link for every row; `signature` identifies what was read (see attachKey). */
  load(ctx: LinkContext, rows: readonly Row[], info: GraphQLResolveInfo, path: readonly string[]): { signature: string; values: Promise<unknown[]> };
}

const EAGER_LINKS: readonly EagerLink[] = [
  {
    type: 'AdministrativeResult',
    field: 'subject',
    load: (ctx, rows, info, path) => {
      const plan = ctx.population.plan(info, [...path, 'subject']);
      return { signature: plan.signature, values: ctx.population.citizen(plan).loadMany(rows.map((r) => r.subjectPersonalId as string)) };
    },
  },
  {
    type: 'Citizen',
    field: 'results',
    load: (ctx, rows, info, path) => {
      const plan = resultPlanFor(info, [...path, 'results']);
      return { signature: plan.signature, values: ctx.records.resultsOfSubject(plan, null).loadMany(rows.map((r) => r.personalId as string)) };
    },
  },
  {
    type: 'Citizen',
    field: 'birthRegistration',
    load: (ctx, rows, info, path) => {
      const fields = selectedFields(info, [...path, 'birthRegistration']);
      return { signature: selectionSignature(fields), values: ctx.civil.birthOfChild(fields).loadMany(rows.map((r) => r.personalId as string)) };
    },
  },
];

/**
 * @param granted the caller's granted coordinates: a link the caller may not read is not read
 *   at all (its field will be refused), so nothing is fetched ahead of the decision.
 */
export function createPrefetcher(ctx: LinkContext, granted: ReadonlySet<string>): Prefetcher {
  return async (typeName, rows, info, path) => {
    if (rows.length === 0) return;
    const links = EAGER_LINKS.filter((link) => link.type === typeName && granted.has(`${link.type}.${link.field}`) && selectedWithoutArguments(info, path, link.field));
    await Promise.all(
      links.map(async (link) => {
        const { signature, values: pending } = link.load(ctx, rows, info, path);
        let values: unknown[];
        try {
          values = await pending;
        } catch (error) {
          values = rows.map(() => error);
        }
        const key = attachKey(link.field, signature);
        rows.forEach((row, i) => {
          row[key] = values[i] ?? null;
        });
      }),
    );
  };
}

/**
 * A birth registration's parents (civil source) are, in consistent data, the registry's own
 * father and mother of the child: read them with the citizen and save a round trip.
 */
export const RELATIVE_HINTS: readonly RelativeHint[] = [
  { path: ['birthRegistration', 'father'], column: 'fatherId' },
  { path: ['birthRegistration', 'mother'], column: 'motherId' },
];
