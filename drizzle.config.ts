/**
 * drizzle-kit configuration for ONE source at a time: each source has its own schema file and its
 * own migration folder, because in production each is a different agency's database.
 *   SOURCE=land npx drizzle-kit generate     (or `npm run db:generate` for every source)
 */
import { defineConfig } from 'drizzle-kit';
import { SOURCE_NAMES, type SourceName } from './src/config/sources.js';

const source = process.env.SOURCE as SourceName | undefined;
if (!source || !SOURCE_NAMES.includes(source)) {
  throw new Error(`Set SOURCE to one of ${SOURCE_NAMES.join(', ')} (got ${JSON.stringify(source ?? '')})`);
}

export default defineConfig({
  dialect: 'postgresql',
  schema: `./src/sources/${source}/${source}.tables.ts`,
  out: `./migrations/${source}`,
  schemaFilter: [source],
  strict: true,
  verbose: false,
});
