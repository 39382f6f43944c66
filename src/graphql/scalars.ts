/**
 * `Date`: a calendar date as `YYYY-MM-DD` (ISO 8601), with no time or zone. Results are issued on
 * a day, not at an instant; the database's `date` values pass through as strings untouched.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || value.length !== 10 || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError('Date: expected a calendar date as YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  // 2023-02-31 parses in JS as March 3rd: reject dates that do not round-trip.
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new GraphQLError('Date: no such calendar day', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (ISO 8601), without time or time zone. Where the policy shows a caller only the year, the value is YYYY (ISO 8601 reduced precision).',
  serialize: (value) => value as string,
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date: expected a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});
