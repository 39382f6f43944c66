/**
 * GraphQL types of the analysts' aggregates. The dataset, measure and dimension enums are built
 * from the semantic layer (datasets.ts), so a new entry there appears here with no code.
 */
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DATASETS, vocabulary } from './datasets.js';

function enumOf(name: string, description: string, values: ReadonlyMap<string, string>): Record<string, string> {
  const enumObject = Object.fromEntries([...values.keys()].map((v) => [v, v]));
  registerEnumType(enumObject, { name, description, valuesConfig: Object.fromEntries([...values].map(([v, d]) => [v, { description: d }])) });
  return enumObject;
}

export const AggregateDataset = enumOf('AggregateDataset', 'A dataset analysts may aggregate.', new Map([...DATASETS.values()].map((d) => [d.name, d.description])));
export const AggregateMeasure = enumOf('AggregateMeasure', 'A measure; each dataset declares which it has (COUNT always).', vocabulary('measures'));
export const AggregateDimension = enumOf(
  'AggregateDimension',
  'A dimension to group or filter by; each dataset declares which it has. Never a personal ID, a name, an address or an exact date.',
  vocabulary('dimensions'),
);

export enum CellStatus {
  SHOWN = 'SHOWN',
  PRIMARY = 'PRIMARY',
  SECONDARY = 'SECONDARY',
}
registerEnumType(CellStatus, {
  name: 'CellStatus',
  description: 'Whether a cell is shown, or suppressed by the small-cell rule.',
  valuesConfig: {
    SHOWN: { description: 'Shown.' },
    PRIMARY: { description: 'Suppressed: it counts fewer rows than minCellCount.' },
    SECONDARY: { description: 'Suppressed so that a PRIMARY cell in the same line cannot be recovered by subtraction from a margin.' },
  },
});

export enum AnsweredFrom {
  ROLLUP = 'ROLLUP',
  ROWS = 'ROWS',
}
registerEnumType(AnsweredFrom, { name: 'AnsweredFrom', description: "Whether the dataset's pre-aggregated rollup or its rows answered." });

@InputType('AggregateFilter', { description: 'Keep rows whose dimension value is one of `in`, and (ordered dimensions: years, months, bands) between `min` and `max`.' })
export class AggregateFilterInput {
  @Field(() => AggregateDimension)
  dimension!: string;

  @Field(() => [String], { nullable: true })
  in?: string[] | null;

  @Field(() => String, { nullable: true })
  min?: string | null;

  @Field(() => String, { nullable: true })
  max?: string | null;
}

@ObjectType('AggregateCell', { simpleResolvers: true, description: 'One cell: a combination of dimension values and its measures.' })
export class AggregateCell {
  @Field(() => [String], { description: 'The dimension values, in the order of `groupBy` (empty for the total).' })
  key!: readonly string[];

  @Field(() => [String], { nullable: 'items', description: 'Names of unit-valued dimension values (null for other dimensions).' })
  labels!: ReadonlyArray<string | null>;

  @Field(() => Float, { nullable: true, description: 'Rows counted; null when suppressed.' })
  count!: number | null;

  @Field(() => [Float], { nullable: 'items', description: 'The measures, in the order asked for; null when suppressed.' })
  values!: ReadonlyArray<number | null>;

  @Field(() => CellStatus)
  status!: CellStatus;
}

@ObjectType('AggregateTable', { simpleResolvers: true, description: 'An aggregate answer, protected by the small-cell rule before it left the gateway.' })
export class AggregateTable {
  @Field(() => AggregateDataset)
  dataset!: string;

  @Field(() => String, { description: 'What one counted row is (results, citizens …).' })
  rowNoun!: string;

  @Field(() => [AggregateMeasure])
  measures!: readonly string[];

  @Field(() => [AggregateDimension])
  groupBy!: readonly string[];

  @Field(() => Int, { description: 'k of the small-cell rule (policy `aggregates.minCellCount`).' })
  minCellCount!: number;

  @Field(() => AnsweredFrom)
  answeredFrom!: AnsweredFrom;

  @Field(() => [AggregateCell], { description: 'Non-empty cells, ordered by their key.' })
  cells!: readonly AggregateCell[];

  @Field(() => AggregateCell, { description: 'All rows matching the filter.' })
  total!: AggregateCell;
}
