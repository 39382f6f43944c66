/**
 * Prints the gateway's SDL. `npm run schema:print` rewrites schema/schema.graphql; a test fails
 * when the running schema and the committed file differ.
 */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { gatewaySchema } from './build-schema.js';

export const SCHEMA_FILE = 'schema/schema.graphql';

export function printGatewaySchema(): string {
  return `${printSchema(lexicographicSortSchema(gatewaySchema()))}\n`;
}
