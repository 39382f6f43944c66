import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex' });

/**
 * A citizen of the population registry (cơ sở dữ liệu quốc gia về dân cư). Every field is
 * nullable: a policy may withhold any of them, and links into other sources may fail alone.
 */
@ObjectType('Citizen', { simpleResolvers: true, description: 'A citizen of the population registry, keyed by the 12-digit personal ID.' })
export class Citizen {
  @Field(() => String, { nullable: true, description: 'The 12-digit personal ID (số định danh cá nhân).' })
  personalId!: string | null;

  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => Sex, { nullable: true })
  sex!: Sex | null;

  @Field(() => String, { nullable: true, description: 'Ethnic group (dân tộc).' })
  ethnicity!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166 country code.' })
  nationality!: string | null;

  @Field(() => String, { nullable: true, description: 'Home town (quê quán).' })
  homeTown!: string | null;

  @Field(() => String, { nullable: true, description: 'Permanent residence (thường trú), street address.' })
  permanentAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Current residence (nơi ở hiện tại), street address.' })
  currentAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Relation to the household head: HEAD, SPOUSE, CHILD, PARENT.' })
  relationToHead!: string | null;

  @Field(() => Boolean, { nullable: true })
  alive!: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dateOfDeath!: string | null;

  /** Read in the same statement when the query asked for it (see planCitizens). */
  household?: import('./household.type.js').Household | null;

  // Keys the links resolve through; not part of the schema.
  permanentWardCode?: string | null;
  currentWardCode?: string | null;
  householdId?: string | null;
  fatherId?: string | null;
  motherId?: string | null;
  spouseId?: string | null;
}
