/**
 * graphql-shield, generated from the policy. Every coordinate some grant of the policy allows
 * gets the `granted` rule, which looks the coordinate up in the request's grant (a Set: the
 * decision is computed once per request, the check per field is a lookup); every other field
 * falls to `deny`, so a field added to the schema later is denied until a policy grants it.
 *
 * Shield wraps every field in an asynchronous middleware, which costs several times the
 * execution of a large list. So the gateway runs this schema only for operations that select
 * a coordinate the caller may not read (see the authorization plugin): for every other
 * operation shield would allow each field anyway, and the plain schema answers.
 */
import type { GraphQLSchema } from 'graphql';
import { type IRule, type IRules, applyMiddleware, deny, rule, shield } from './graphql-shield.js';
import { ForbiddenError } from '../errors/index.js';
import type { Policy } from './policy/policy.types.js';
import type { AuthorizedContext } from './request-auth.js';

const granted = rule('granted', { cache: 'no_cache' })((_parent, _args, ctx: AuthorizedContext, info) =>
  ctx.auth.grant.fields.has(`${info.parentType.name}.${info.fieldName}`),
);

export function shieldedSchema(schema: GraphQLSchema, policy: Policy): GraphQLSchema {
  const tree: Record<string, Record<string, IRule>> = {};
  for (const agency of policy.agencies.values()) {
    for (const grant of agency.grants.values()) {
      for (const coordinate of grant.fields) {
        const [type, field] = coordinate.split('.') as [string, string];
        (tree[type] ??= {})[field] = granted;
      }
    }
  }
  const permissions = shield(tree satisfies IRules, {
    fallbackRule: deny,
    // Deliberate: resolver errors do not pass through shield's own path; fallbackError below
    // tells a denial (err === null) from a resolver's error, which keeps its own code, so a
    // source outage never reads as "not authorised".
    allowExternalErrors: false,
    fallbackError: (error, _parent, _args, _ctx, info) => {
      if (error === null) return new ForbiddenError(`Not allowed to read ${info.parentType.name}.${info.fieldName}`, { details: { coordinate: `${info.parentType.name}.${info.fieldName}` } });
      return error as Error;
    },
  });
  return applyMiddleware(schema, permissions);
}
