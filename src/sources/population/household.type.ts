import { Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

@ObjectType('Household', { simpleResolvers: true, description: 'A household (hộ gia đình) of the population registry.' })
export class Household {
  @Field(() => String, { nullable: true })
  id!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  registeredOn!: string | null;

  /** Read in the same statement when the query asked for it. */
  members?: import('./citizen.type.js').Citizen[];
  wardCode?: string | null;
  headPersonalId?: string | null;
}
