/** GraphQL types of the access log: a citizen's view of who read their data, and the auditor's full view. */
import { DateTimeResolver } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../graphql/pagination.js';

@ObjectType('MyAccessLogEntry', { simpleResolvers: true, description: 'Who read the signed-in citizen\'s data: the agency (not the officer), when, why, and which kinds of data.' })
export class MyAccessLogEntry {
  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => String)
  agencyCode!: string;

  @Field(() => String, { nullable: true, description: "The agency's name." })
  agencyName!: string | null;

  @Field(() => String, { nullable: true, description: 'The purpose it declared (a code of the policy).' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'What the purpose means, from the policy.' })
  purposeDescription!: string | null;

  @Field(() => [String], { description: 'Categories of the data released (identity, residence, civil status …).' })
  categories!: readonly string[];
}

@ObjectType('MyAccessLogEdge', { simpleResolvers: true })
export class MyAccessLogEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => MyAccessLogEntry)
  node!: MyAccessLogEntry;
}

@ObjectType('MyAccessLogConnection', { simpleResolvers: true, description: 'Newest first.' })
export class MyAccessLogConnection {
  @Field(() => [MyAccessLogEdge])
  edges!: MyAccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('AccessLogEntry', { simpleResolvers: true, description: 'One record of the access log, as stored (the payload is never stored).' })
export class AccessLogEntry {
  @Field(() => Int, { description: 'Position in the hash chain.' })
  seq!: number;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => String)
  requestId!: string;

  @Field(() => String)
  agency!: string;

  @Field(() => String, { description: "The officer (token's sub)." })
  officer!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true })
  caseRef!: string | null;

  @Field(() => String, { nullable: true })
  operation!: string | null;

  @Field(() => [String], { description: 'Personal IDs whose data was released.' })
  subjects!: readonly string[];

  @Field(() => [String], { description: 'Coordinates (Type.field) released as they are.' })
  released!: readonly string[];

  @Field(() => [String])
  masked!: readonly string[];

  @Field(() => [String])
  denied!: readonly string[];

  @Field(() => [String])
  categories!: readonly string[];

  @Field(() => String, { description: 'RELEASED, PARTIAL, NOTHING_RELEASED, REFUSED or FAILED.' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => String, { nullable: true })
  client!: string | null;

  @Field(() => String, { description: 'The record\'s hash in the chain (SHA-256, hex).' })
  hash!: string;
}

@ObjectType('AccessLogEdge', { simpleResolvers: true })
export class AccessLogEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AccessLogEntry)
  node!: AccessLogEntry;
}

@ObjectType('AccessLogConnection', { simpleResolvers: true, description: 'Newest first.' })
export class AccessLogConnection {
  @Field(() => [AccessLogEdge])
  edges!: AccessLogEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType('AccessLogFilter', { description: 'All given conditions must hold.' })
export class AccessLogFilter {
  @Field(() => String, { nullable: true })
  agency?: string | null;

  @Field(() => String, { nullable: true, description: 'Records that released this personal ID.' })
  personalId?: string | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'At or after this instant.' })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Before this instant.' })
  to?: Date | null;
}
