import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { prefetched, selectionSignature } from '../../graphql/prefetch.js';
import { selectedFields } from '../../graphql/selection.js';
import { type BusinessContext, HouseholdBusiness } from '../../sources/business/index.js';
import { BirthRegistration, type CivilContext, DeathRegistration, MarriageRegistration } from '../../sources/civil/index.js';
import { LandCertificate, type LandContext } from '../../sources/land/index.js';
import { Citizen } from '../../sources/population/index.js';
import { AdministrativeResult, type RecordsContext, ResultStatus, resultPlanFor } from '../../sources/records/index.js';

/** population → records, civil, land, business: everything held about a citizen elsewhere. */
@Resolver(() => Citizen)
export class CitizenSourceLinks {
  @FieldResolver(() => [AdministrativeResult], { nullable: true, description: 'Digitized results about this citizen, newest first (records source).' })
  results(
    @Root() c: Citizen,
    @Arg('status', () => ResultStatus, { nullable: true }) status: ResultStatus | null,
    @Ctx() ctx: RecordsContext,
    @Info() info: GraphQLResolveInfo,
  ): AdministrativeResult[] | Promise<AdministrativeResult[]> {
    const plan = resultPlanFor(info);
    // Attached for a whole list by the prefetcher (only where no occurrence passes `status`):
    // answer without a promise.
    const attached = status == null ? prefetched<AdministrativeResult[]>(c, 'results', plan.signature) : undefined;
    if (attached !== undefined) return attached;
    return ctx.records.resultsOfSubject(plan, status ?? null).load(c.personalId as string) as unknown as Promise<AdministrativeResult[]>;
  }

  @FieldResolver(() => BirthRegistration, { nullable: true, description: "This citizen's birth registration (civil-status source)." })
  birthRegistration(@Root() c: Citizen, @Ctx() ctx: CivilContext, @Info() info: GraphQLResolveInfo): BirthRegistration | null | Promise<BirthRegistration | null> {
    const fields = selectedFields(info);
    const attached = prefetched<BirthRegistration | null>(c, 'birthRegistration', selectionSignature(fields));
    if (attached !== undefined) return attached;
    return ctx.civil.birthOfChild(fields).load(c.personalId as string) as Promise<BirthRegistration | null>;
  }

  @FieldResolver(() => [MarriageRegistration], { nullable: true, description: 'Marriages registered with this citizen as husband or wife.' })
  async marriages(@Root() c: Citizen, @Ctx() ctx: CivilContext, @Info() info: GraphQLResolveInfo): Promise<MarriageRegistration[]> {
    return (await ctx.civil.marriagesOf(selectedFields(info)).load(c.personalId as string)) as unknown as MarriageRegistration[];
  }

  @FieldResolver(() => DeathRegistration, { nullable: true })
  async deathRegistration(@Root() c: Citizen, @Ctx() ctx: CivilContext, @Info() info: GraphQLResolveInfo): Promise<DeathRegistration | null> {
    return (await ctx.civil.deathOf(selectedFields(info)).load(c.personalId as string)) as DeathRegistration | null;
  }

  @FieldResolver(() => [LandCertificate], { nullable: true, description: 'Land-use-right certificates this citizen owns or co-owns (land source).' })
  async landCertificates(@Root() c: Citizen, @Ctx() ctx: LandContext, @Info() info: GraphQLResolveInfo): Promise<LandCertificate[]> {
    return (await ctx.land.certificatesOf(selectedFields(info)).load(c.personalId as string)) as unknown as LandCertificate[];
  }

  @FieldResolver(() => [HouseholdBusiness], { nullable: true, description: 'Household businesses this citizen owns (business source).' })
  async businesses(@Root() c: Citizen, @Ctx() ctx: BusinessContext, @Info() info: GraphQLResolveInfo): Promise<HouseholdBusiness[]> {
    return (await ctx.business.businessesOf(selectedFields(info)).load(c.personalId as string)) as unknown as HouseholdBusiness[];
  }
}
