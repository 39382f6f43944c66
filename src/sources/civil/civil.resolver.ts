import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { selectedFields } from '../../graphql/selection.js';
import type { CivilContext } from './civil.loaders.js';
import { BirthRegistration } from './civil.types.js';

@Resolver()
export class CivilQueries {
  @Query(() => BirthRegistration, { nullable: true, description: 'One birth registration by id.' })
  async birthRegistration(@Arg('id', () => Int) id: number, @Ctx() ctx: CivilContext, @Info() info: GraphQLResolveInfo): Promise<BirthRegistration | null> {
    return (await ctx.civil.birth(selectedFields(info)).load(id)) as BirthRegistration | null;
  }
}
