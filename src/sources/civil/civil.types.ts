import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

/** Fields every civil-status registration has: an entry in a register book of a unit. */
@InterfaceType('CivilRegistration', { description: 'An entry in a civil-status register book (sổ hộ tịch).' })
export abstract class Registration {
  @Field(() => Int)
  id!: number;

  @Field(() => LocalDateScalar, { nullable: true })
  registeredOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Register book (sổ), e.g. 01/1985.' })
  bookNumber!: string | null;

  @Field(() => Int, { nullable: true })
  entryNumber!: number | null;

  registeringUnitCode?: string;
}

@ObjectType('BirthRegistration', { implements: Registration, simpleResolvers: true, description: 'A birth registration (đăng ký khai sinh).' })
export class BirthRegistration extends Registration {
  @Field(() => String, { nullable: true })
  childName!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  placeOfBirth!: string | null;

  childPersonalId?: string;
  fatherPersonalId?: string | null;
  motherPersonalId?: string | null;
}

@ObjectType('MarriageRegistration', { implements: Registration, simpleResolvers: true, description: 'A marriage registration (đăng ký kết hôn).' })
export class MarriageRegistration extends Registration {
  husbandPersonalId?: string;
  wifePersonalId?: string;
}

@ObjectType('DeathRegistration', { implements: Registration, simpleResolvers: true, description: 'A death registration (đăng ký khai tử).' })
export class DeathRegistration extends Registration {
  @Field(() => LocalDateScalar, { nullable: true })
  dateOfDeath!: string | null;

  @Field(() => String, { nullable: true })
  placeOfDeath!: string | null;

  deceasedPersonalId?: string;
}
