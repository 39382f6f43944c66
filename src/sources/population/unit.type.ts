import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

export enum UnitLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  WARD = 'WARD',
}
registerEnumType(UnitLevel, { name: 'UnitLevel', description: 'Tier of an administrative unit. DISTRICT units ceased on 30 June 2025.' });

export enum LineageKind {
  WHOLE = 'WHOLE',
  PART = 'PART',
}
registerEnumType(LineageKind, { name: 'LineageKind', description: 'Whether all of a unit, or part of it, went to a successor.' });

/** An administrative unit as it was while in force (a re-formed unit has a new code). */
@ObjectType('AdministrativeUnit', { simpleResolvers: true, description: 'An administrative unit (city, district, ward) as it was while in force.' })
export class AdministrativeUnit {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => UnitLevel, { nullable: true })
  level!: UnitLevel | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day in force.' })
  validFrom!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day in force; null while in force today.' })
  validTo!: string | null;

  parentCode!: string | null;
}

@ObjectType('UnitLineageEdge', { simpleResolvers: true, description: 'One step of the unit lineage: what went where, when.' })
export class UnitLineageEdge {
  @Field(() => AdministrativeUnit, { nullable: true, description: 'The unit on the other side of the change.' })
  unit!: AdministrativeUnit | null;

  @Field(() => LocalDateScalar, { nullable: true })
  effectiveOn!: string | null;

  @Field(() => LineageKind, { nullable: true })
  kind!: LineageKind | null;

  @Field(() => Float, { nullable: true, description: 'Share of the predecessor population that went to the successor (1 for WHOLE).' })
  share!: number | null;
}
