import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination.js';
import { LocalDateScalar } from '../../graphql/scalars.js';
import { AdministrativeResult, ResultStatus } from './result.type.js';

@InputType('ResultFilter', { description: 'All given conditions must hold.' })
export class ResultFilter {
  @Field(() => String, { nullable: true })
  procedureCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Procedure domain, e.g. LAND.' })
  domain?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the issuing unit as it was on the day of issue.' })
  issuingUnitCode?: string | null;

  @Field(() => ResultStatus, { nullable: true })
  status?: ResultStatus | null;

  @Field(() => String, { nullable: true, description: 'Personal ID of the subject.' })
  subjectPersonalId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Issued on or after this day.' })
  issuedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Issued on or before this day.' })
  issuedTo?: string | null;
}

@ObjectType('ResultEdge', { simpleResolvers: true })
export class ResultEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AdministrativeResult)
  node!: AdministrativeResult;
}

@ObjectType('ResultConnection', { simpleResolvers: true, description: 'A page of results ordered by id.' })
export class ResultConnection {
  @Field(() => [ResultEdge])
  edges!: ResultEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /**
   * Counts what matches the filter: a statement of its own, run only when `totalCount` is
   * selected (its field resolver calls it). A method, not a value the field reads itself:
   * graphql-js's default resolver would call a function, graphql-jit's reads it as it is.
   */
  count!: () => Promise<number>;
}
