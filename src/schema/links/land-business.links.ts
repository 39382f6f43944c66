import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { HouseholdBusiness } from '../../sources/business/index.js';
import { LandCertificate } from '../../sources/land/index.js';
import { AdministrativeUnit, Citizen, type PopulationContext } from '../../sources/population/index.js';
import { citizenOf, citizensOf, unitOf } from './link-helpers.js';

/** land → population: a certificate's owners and units. */
@Resolver(() => LandCertificate)
export class LandCertificateLinks {
  @FieldResolver(() => [Citizen], { nullable: true, description: 'Owners, by personal ID (population source).' })
  owners(@Root() l: LandCertificate, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen[]> {
    return citizensOf(ctx, info, l.ownerPersonalIds);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The issuing unit as it was on the day of issue.' })
  issuingUnit(@Root() l: LandCertificate, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, l.issuingUnitCode);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The ward (in force today) where the parcel lies.' })
  ward(@Root() l: LandCertificate, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, l.wardCode);
  }
}

/** business → population: a business's owner and units. */
@Resolver(() => HouseholdBusiness)
export class BusinessLinks {
  @FieldResolver(() => Citizen, { nullable: true })
  owner(@Root() b: HouseholdBusiness, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, b.ownerPersonalId);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The ward (in force today) of the business address.' })
  ward(@Root() b: HouseholdBusiness, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, b.wardCode);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The registering unit as it was on the day of registration.' })
  issuingUnit(@Root() b: HouseholdBusiness, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, b.issuingUnitCode);
  }
}
