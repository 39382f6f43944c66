import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { Citizen, Sex } from './citizen.type.js';

@InputType('CitizenFilter', { description: 'All given conditions must hold.' })
export class CitizenFilter {
  @Field(() => String, { nullable: true, description: 'Code of the ward of current residence (a unit in force today).' })
  currentWardCode?: string | null;

  @Field(() => String, { nullable: true })
  householdId?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Born on or after this day.' })
  bornFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Born on or before this day.' })
  bornTo?: string | null;

  @Field(() => Boolean, { nullable: true })
  alive?: boolean | null;
}

@ObjectType('CitizenEdge', { simpleResolvers: true })
export class CitizenEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Citizen)
  node!: Citizen;
}

@ObjectType('CitizenConnection', { simpleResolvers: true, description: 'A page of citizens ordered by personal ID.' })
export class CitizenConnection {
  @Field(() => [CitizenEdge])
  edges!: CitizenEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /**
   * Counts what matches the filter: a statement of its own, run only when `totalCount` is
   * selected (its field resolver calls it). A method, not a value the field reads itself:
   * graphql-js's default resolver would call a function, graphql-jit's reads it as it is.
   */
  count!: () => Promise<number>;
}
