import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars.js';

@ObjectType('LandCertificate', { simpleResolvers: true, description: 'A land-use-right certificate (giấy chứng nhận quyền sử dụng đất).' })
export class LandCertificate {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { nullable: true, description: 'Certificate serial, e.g. "CS 0012345".' })
  certificateNumber!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  issuedOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Map sheet (tờ bản đồ số).' })
  mapSheet!: number | null;

  @Field(() => Int, { nullable: true, description: 'Parcel (thửa đất số).' })
  parcelNumber!: number | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Float, { nullable: true, description: 'Area in square metres.' })
  areaM2!: number | null;

  @Field(() => String, { nullable: true, description: 'Land-use purpose code, e.g. ODT (urban residential).' })
  landUse!: string | null;

  issuingUnitCode?: string;
  wardCode?: string;
  ownerPersonalIds?: string[];
}
