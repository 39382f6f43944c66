/** GraphQL types of the digitization-progress report. */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum DigitizationLevel {
  DISTRICT = 'DISTRICT',
  WARD = 'WARD',
}
registerEnumType(DigitizationLevel, { name: 'DigitizationLevel', description: 'The level whose results a target applies to.' });

export enum DigitizationUnits {
  ISSUING_UNIT = 'ISSUING_UNIT',
  ISSUING_DISTRICT = 'ISSUING_DISTRICT',
  TODAYS_UNIT = 'TODAYS_UNIT',
}
registerEnumType(DigitizationUnits, {
  name: 'DigitizationUnits',
  description: 'How results are attributed to units.',
  valuesConfig: {
    ISSUING_UNIT: { description: 'The unit that issued them, as it was.' },
    ISSUING_DISTRICT: { description: 'The district the issuing unit belonged to.' },
    TODAYS_UNIT: { description: "Today's unit responsible for them, through the unit lineage." },
  },
});

@ObjectType('DigitizationRow', { simpleResolvers: true, description: "A unit's (or all units') results of one level: how many, how many digitized by the end of the year, and the target." })
export class DigitizationRow {
  @Field(() => String, { nullable: true, description: 'Null on a total row.' })
  unitCode!: string | null;

  @Field(() => String, { nullable: true })
  unitName!: string | null;

  @Field(() => DigitizationLevel)
  level!: DigitizationLevel;

  @Field(() => Int, { description: 'Results in the campaign (issued before 2022).' })
  results!: number;

  @Field(() => Int, { description: 'Of those, digitized by 31 December of the year.' })
  digitized!: number;

  @Field(() => Float, { description: 'Pages of the digitized results.' })
  pagesDigitized!: number;

  @Field(() => Float, { description: 'Scanned files of the digitized results.' })
  filesDigitized!: number;

  @Field(() => Float, { description: 'Percent digitized, to 2 decimals.' })
  rate!: number;

  @Field(() => Float, { nullable: true, description: "The year's target in percent; null before the campaign (2022)." })
  target!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'rate ≥ target; null without a target.' })
  onTrack!: boolean | null;
}

@ObjectType('DigitizationProgress', { simpleResolvers: true, description: 'Digitization progress by the end of a year against the city targets (30%/25% in 2022, +25 points a year, 100% before 2025).' })
export class DigitizationProgress {
  @Field(() => Int)
  year!: number;

  @Field(() => DigitizationUnits)
  units!: DigitizationUnits;

  @Field(() => [DigitizationRow])
  rows!: DigitizationRow[];

  @Field(() => [DigitizationRow], { description: 'All units of the report together, per level.' })
  totals!: DigitizationRow[];
}
