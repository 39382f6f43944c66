import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { type PrefetchContext, adoptPrefetched } from '../../graphql/prefetch.js';
import { PAGE_ARGS_DESCRIPTION, decodeCursor, pageSize, toConnection } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { requireCode, requirePersonalId } from '../../graphql/arguments.js';
import { CitizenConnection, CitizenFilter } from './citizen.inputs.js';
import { Citizen } from './citizen.type.js';
import { Household } from './household.type.js';
import { citizenOf, unitOf } from './lookups.js';
import type { PopulationContext } from './population.loaders.js';
import { AdministrativeUnit } from './unit.type.js';

@Resolver()
export class PopulationQueries {
  @Query(() => Citizen, { nullable: true, description: 'One citizen by personal ID; null when there is none.' })
  async citizen(
    @Arg('personalId', () => String) personalId: string,
    @Ctx() ctx: PopulationContext & PrefetchContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Citizen | null> {
    requirePersonalId(personalId);
    // The key is known before the row arrives: the links keyed by it (results, birth
    // registration) are read at the same time as the citizen, not after.
    const standIn = { personalId };
    const [row] = await Promise.all([ctx.population.citizen(ctx.population.plan(info)).load(personalId), ctx.prefetch?.('Citizen', [standIn], info, [])]);
    if (row) adoptPrefetched(standIn, row);
    return row as Citizen | null;
  }

  @Query(() => CitizenConnection, { nullable: true, description: 'Citizens matching a filter, a page at a time, ordered by personal ID.' })
  async citizens(
    @Arg('filter', () => CitizenFilter, { nullable: true }) filter: CitizenFilter | null,
    @Arg('first', () => Int, { nullable: true, description: PAGE_ARGS_DESCRIPTION.first }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: PAGE_ARGS_DESCRIPTION.after }) after: string | null,
    @Ctx() ctx: PopulationContext & PrefetchContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CitizenConnection> {
    const size = pageSize(first);
    const key = decodeCursor(after, (k) => (/^\d{12}$/.test(k) ? k : null));
    const values = filter ?? {};
    const plan = ctx.population.plan(info, ['edges', 'node']);
    const rows = ctx.population.primeRelatives(plan, await ctx.population.repository.citizensPage(plan, values, key, size + 1, ctx.population.scope));
    await ctx.prefetch?.('Citizen', rows.slice(0, size), info, ['edges', 'node']);
    return { ...toConnection(rows as unknown as Citizen[], size, (c) => c.personalId as string), count: () => ctx.population.repository.countCitizens(values, ctx.population.scope) };
  }

  @Query(() => Household, { nullable: true })
  async household(@Arg('id', () => String) id: string, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Household | null> {
    requireCode(id, 'id');
    return (await ctx.population.household(ctx.population.householdPlan(info)).load(id)) as Household | null;
  }

  @Query(() => [AdministrativeUnit], { nullable: true, description: 'The catalogue of administrative units, past and present.' })
  async units(
    @Arg('inForceOn', () => LocalDateScalar, { nullable: true, description: 'Only units in force on this day.' }) inForceOn: string | null,
    @Ctx() ctx: PopulationContext,
  ): Promise<AdministrativeUnit[]> {
    const { all } = await ctx.population.units.get();
    if (inForceOn == null) return [...all];
    return all.filter((u) => (u.validFrom ?? '') <= inForceOn && (u.validTo === null || inForceOn <= u.validTo));
  }

  @Query(() => AdministrativeUnit, { nullable: true })
  async unit(@Arg('code', () => String) code: string, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, code);
  }
}

@Resolver(() => Citizen)
export class CitizenFamilyLinks {
  @FieldResolver(() => Household, { nullable: true })
  async household(@Root() c: Citizen, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Household | null> {
    // Read with the citizen in the same statement when the plan asked for it.
    if (c.household !== undefined) return c.household;
    return c.householdId ? ((await ctx.population.household(ctx.population.householdPlan(info)).load(c.householdId)) as Household | null) : null;
  }

  @FieldResolver(() => Citizen, { nullable: true })
  father(@Root() c: Citizen, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, c.fatherId);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  mother(@Root() c: Citizen, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, c.motherId);
  }

  @FieldResolver(() => Citizen, { nullable: true })
  spouse(@Root() c: Citizen, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, c.spouseId);
  }

  @FieldResolver(() => [Citizen], { nullable: true, description: 'Children registered with this citizen as father or mother, oldest first.' })
  async children(@Root() c: Citizen, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen[]> {
    return (await ctx.population.children(ctx.population.plan(info)).load(c.personalId as string)) as unknown as Citizen[];
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'Ward of permanent residence (a unit in force today).' })
  async permanentWard(@Root() c: Citizen, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, c.permanentWardCode);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'Ward of current residence (a unit in force today).' })
  async currentWard(@Root() c: Citizen, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, c.currentWardCode);
  }
}

@Resolver(() => Household)
export class HouseholdLinks {
  @FieldResolver(() => [Citizen], { nullable: true, description: 'Members ordered by personal ID.' })
  async members(@Root() h: Household, @Ctx() ctx: PopulationContext & PrefetchContext, @Info() info: GraphQLResolveInfo): Promise<Citizen[]> {
    const members = h.members ?? ((await ctx.population.householdMembers(ctx.population.plan(info)).load(h.id as string)) as unknown as Citizen[]);
    await ctx.prefetch?.('Citizen', members as unknown as Record<string, unknown>[], info, []);
    return members;
  }

  @FieldResolver(() => Citizen, { nullable: true, description: 'The household head (chủ hộ).' })
  head(@Root() h: Household, @Ctx() ctx: PopulationContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return citizenOf(ctx, info, h.headPersonalId);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true })
  async ward(@Root() h: Household, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, h.wardCode);
  }
}

@Resolver(() => CitizenConnection)
export class CitizenConnectionFields {
  @FieldResolver(() => Int, { nullable: true, description: 'How many citizens match the filter (counted only when asked for).' })
  totalCount(@Root() page: CitizenConnection): Promise<number> {
    return page.count();
  }
}
