import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { BirthRegistration, DeathRegistration, MarriageRegistration } from '../../sources/civil/index.js';
import { AdministrativeUnit, Citizen, type PopulationContext } from '../../sources/population/index.js';
import { citizenOf, unitOf } from './link-helpers.js';

/** civil → population: the people in a registration and the unit that registered it. */
@Resolver(() => BirthRegistration)
export class BirthLinks {
  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The registering unit as it was on the day of registration.' })
  registeringUnit(@Root() b: BirthRegistration, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, b.registeringUnitCode);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  child(@Root() b: BirthRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, b.childPersonalId);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  father(@Root() b: BirthRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, b.fatherPersonalId);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  mother(@Root() b: BirthRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, b.motherPersonalId);
  }
}

@Resolver(() => MarriageRegistration)
export class MarriageLinks {
  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The registering unit as it was on the day of registration.' })
  registeringUnit(@Root() m: MarriageRegistration, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, m.registeringUnitCode);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  husband(@Root() m: MarriageRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, m.husbandPersonalId);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  wife(@Root() m: MarriageRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, m.wifePersonalId);
  }
}

@Resolver(() => DeathRegistration)
export class DeathLinks {
  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The registering unit as it was on the day of registration.' })
  registeringUnit(@Root() d: DeathRegistration, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, d.registeringUnitCode);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  deceased(@Root() d: DeathRegistration, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, d.deceasedPersonalId);
  }
}
