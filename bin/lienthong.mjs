#!/usr/bin/env -S node --max-semi-space-size=32
// The `lienthong` command. The gateway runs from its TypeScript sources through tsx's loader
// (esbuild), so there is no build step between a clone and `npm start`.
// --max-semi-space-size=32: a GraphQL server allocates many short-lived objects per request; a
// larger young generation means far fewer scavenges (measured +20-40% req/s on a list of 50
// results, for about the same peak RSS). V8 reads it only at start, hence the shebang and the
// same flag in `npm start`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Seeding streams; it needs little memory, but V8 on a large machine lets garbage pile up to
// gigabytes before collecting. Cap the heap for `seed` so the resident set stays well under 1 GiB.
const SEED_HEAP_MB = 384;
if (process.argv[2] === 'seed' && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${SEED_HEAP_MB}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
