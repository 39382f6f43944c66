import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SafeIntResolver } from 'graphql-scalars';
import { LocalDateScalar } from '../../graphql/scalars.js';

export enum ResultStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ResultStatus, { name: 'ResultStatus', description: 'Validity of a result (còn hiệu lực) as the issuing unit recorded it.' });

export enum ProcedureLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  WARD = 'WARD',
}
registerEnumType(ProcedureLevel, { name: 'ProcedureLevel', description: 'The tier that decides a procedure.' });

@ObjectType('Procedure', { simpleResolvers: true, description: 'An administrative procedure (thủ tục hành chính) of the catalogue.' })
export class Procedure {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true, description: 'Vietnamese title.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'English gloss of the title.' })
  nameEn!: string | null;

  @Field(() => String, { nullable: true, description: 'Domain (lĩnh vực): CIVIL_STATUS, LAND, CONSTRUCTION, BUSINESS, SOCIAL_PROTECTION, CERTIFICATION.' })
  domain!: string | null;

  @Field(() => ProcedureLevel, { nullable: true })
  level!: ProcedureLevel | null;

  @Field(() => Int, { nullable: true, description: 'How long a result stays valid; null when it does not expire.' })
  validityMonths!: number | null;
}

@ObjectType('ResultDocument', { simpleResolvers: true, description: 'A scanned file of a result.' })
export class ResultDocument {
  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => String, { nullable: true })
  mimeType!: string | null;

  @Field(() => SafeIntResolver, { nullable: true })
  sizeBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, hexadecimal.' })
  sha256!: string | null;

  @Field(() => Int, { nullable: true })
  pageCount!: number | null;
}

@ObjectType('AdministrativeResult', {
  simpleResolvers: true,
  description: 'A digitized result of an administrative procedure (a decision, certificate, licence or confirmation).',
})
export class AdministrativeResult {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { nullable: true, description: 'Dossier code (mã hồ sơ).' })
  dossierCode!: string | null;

  @Field(() => Procedure, { nullable: true })
  procedure!: Procedure | null;

  @Field(() => String, { nullable: true })
  decisionNumber!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  issuedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of validity; null when the result does not expire.' })
  validUntil!: string | null;

  @Field(() => ResultStatus, { nullable: true })
  status!: ResultStatus | null;

  @Field(() => LocalDateScalar, { nullable: true })
  digitizedOn!: string | null;

  @Field(() => Int, { nullable: true })
  pageCount!: number | null;

  @Field(() => [ResultDocument], { nullable: true, description: 'Scanned files, in order.' })
  documents!: ResultDocument[] | null;

  // Keys the cross-source links resolve through.
  subjectPersonalId?: string;
  issuingUnitCode?: string;
  procedureCode?: string;
}
