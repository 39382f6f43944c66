import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { unitOf } from './lookups.js';
import type { PopulationContext } from './population.loaders.js';
import type { UnitIndex } from './unit-catalogue.js';
import { AdministrativeUnit, UnitLineageEdge } from './unit.type.js';

@Resolver(() => AdministrativeUnit)
export class UnitLinks {
  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit this one belonged to while in force.' })
  async parent(@Root() u: AdministrativeUnit, @Ctx() ctx: PopulationContext): Promise<AdministrativeUnit | null> {
    return unitOf(ctx, u.parentCode);
  }

  @FieldResolver(() => [UnitLineageEdge], { nullable: true, description: 'Where this unit went when it ceased (empty while in force).' })
  async successors(@Root() u: AdministrativeUnit, @Ctx() ctx: PopulationContext): Promise<UnitLineageEdge[]> {
    return (await ctx.population.units.get()).successors.get(u.code) ?? [];
  }

  @FieldResolver(() => [UnitLineageEdge], { nullable: true, description: 'The units this one was formed from.' })
  async predecessors(@Root() u: AdministrativeUnit, @Ctx() ctx: PopulationContext): Promise<UnitLineageEdge[]> {
    return (await ctx.population.units.get()).predecessors.get(u.code) ?? [];
  }

  @FieldResolver(() => [UnitLineageEdge], {
    nullable: true,
    description: "Today's units that took this unit's area, following the lineage through every change, with the share of its population each took (itself, share 1, while in force).",
  })
  async todaysUnits(@Root() u: AdministrativeUnit, @Ctx() ctx: PopulationContext): Promise<UnitLineageEdge[]> {
    return traceToToday(await ctx.population.units.get(), u.code);
  }
}

/** Follows successor edges to the units in force today, multiplying shares along each path. */
export function traceToToday(index: UnitIndex, code: string): UnitLineageEdge[] {
  const shares = new Map<string, { share: number; effectiveOn: string | null }>();
  const walk = (current: string, share: number, effectiveOn: string | null, depth: number) => {
    const edges = index.successors.get(current) ?? [];
    const unit = index.byCode.get(current);
    if (edges.length === 0 || depth > 16) {
      if (unit && unit.validTo === null) {
        const seen = shares.get(current);
        shares.set(current, { share: (seen?.share ?? 0) + share, effectiveOn: effectiveOn ?? seen?.effectiveOn ?? null });
      }
      return;
    }
    for (const edge of edges) if (edge.unit) walk(edge.unit.code, share * (edge.share ?? 0), edge.effectiveOn, depth + 1);
  };
  walk(code, 1, null, 0);
  return [...shares].map(([to, { share, effectiveOn }]) => ({
    unit: index.byCode.get(to) ?? null,
    share: Math.round(share * 10_000) / 10_000,
    effectiveOn,
    kind: share >= 0.99995 ? ('WHOLE' as UnitLineageEdge['kind']) : ('PART' as UnitLineageEdge['kind']),
  }));
}
