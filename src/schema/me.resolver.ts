/** `me`: the signed-in citizen's own record (the e-ID's subject is their personal ID). */
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, Info, Query, Resolver } from 'type-graphql';
import type { AuthorizedContext } from '../auth/request-auth.js';
import { isPersonalId } from '../lib/personal-id.js';
import { Citizen, type PopulationContext, citizenOf } from '../sources/population/index.js';

@Resolver()
export class MeQuery {
  @Query(() => Citizen, { nullable: true, description: "The signed-in citizen's own record (role citizen); null for officers." })
  me(@Ctx() ctx: PopulationContext & AuthorizedContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    const { role, sub } = ctx.auth.principal;
    return role === 'citizen' && isPersonalId(sub) ? citizenOf(ctx, info, sub) : Promise.resolve(null);
  }
}
