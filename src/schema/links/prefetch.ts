/** The eager links of the schema: which cross-source fields are loaded for whole lists at once. */
import type { GraphQLResolveInfo } from 'graphql';
import type { Prefetcher, Row } from '../../graphql/prefetch.js';
import { selectedFields } from '../../graphql/selection.js';
import type { PopulationContext, RelativeHint } from '../../sources/population/index.js';

interface EagerLink {
  type: string;
  /** A link field without arguments (with arguments, one attached value could not serve every alias). */
  field: string;
  load(ctx: PopulationContext, rows: readonly Row[], info: GraphQLResolveInfo, path: readonly string[]): Promise<unknown[]>;
}

const EAGER_LINKS: readonly EagerLink[] = [
  {
    type: 'AdministrativeResult',
    field: 'subject',
    load: (ctx, rows, info, path) => ctx.population.citizen(ctx.population.plan(info, [...path, 'subject'])).loadMany(rows.map((r) => r.subjectPersonalId as string)),
  },
];

export function createPrefetcher(ctx: PopulationContext): Prefetcher {
  return async (typeName, rows, info, path) => {
    if (rows.length === 0) return;
    const selected = selectedFields(info, path);
    const links = EAGER_LINKS.filter((link) => link.type === typeName && selected.has(link.field));
    await Promise.all(
      links.map(async (link) => {
        let values: unknown[];
        try {
          values = await link.load(ctx, rows, info, path);
        } catch (error) {
          values = rows.map(() => error);
        }
        rows.forEach((row, i) => {
          row[link.field] = values[i] ?? null;
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
