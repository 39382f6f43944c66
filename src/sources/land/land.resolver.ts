import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { requireCode } from '../../graphql/arguments.js';
import { selectedFields } from '../../graphql/selection.js';
import type { LandContext } from './land.loaders.js';
import { LandCertificate } from './land.types.js';

@Resolver()
export class LandQueries {
  @Query(() => LandCertificate, { nullable: true, description: 'One land-use-right certificate by its serial.' })
  async landCertificate(
    @Arg('certificateNumber', () => String) certificateNumber: string,
    @Ctx() ctx: LandContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LandCertificate | null> {
    requireCode(certificateNumber, 'certificateNumber', 24);
    return (await ctx.land.certificate(selectedFields(info)).load(certificateNumber)) as LandCertificate | null;
  }
}
