// npm run schema:print: writes the printed schema to schema/schema.graphql.
import fs from 'node:fs';
import { SCHEMA_FILE, printGatewaySchema } from '../src/schema/print.js';

fs.writeFileSync(SCHEMA_FILE, printGatewaySchema());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
