import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

export enum BusinessStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}
registerEnumType(BusinessStatus, { name: 'BusinessStatus' });

@ObjectType('HouseholdBusiness', { simpleResolvers: true, description: 'A household-business registration (hộ kinh doanh).' })
export class HouseholdBusiness {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { nullable: true })
  registrationNumber!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  lineOfBusiness!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  registeredOn!: string | null;

  @Field(() => BusinessStatus, { nullable: true })
  status!: BusinessStatus | null;

  ownerPersonalId?: string;
  wardCode?: string;
  issuingUnitCode?: string;
}
