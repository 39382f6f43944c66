#!/usr/bin/env -S node --max-semi-space-size=16
// The `lienthong` command. It runs the TypeScript sources compiled on first use
// (bin/build-server.mjs, a quarter of a second, cached until a source changes), so there is no
// build step between a clone and `npm start`.
// --max-semi-space-size=16: a GraphQL server allocates many short-lived objects per request; a
// young generation larger than V8's default means fewer scavenges. 32 MiB was worth 20-40% req/s
// on a list of 50 results while graphql-js executed; compiled (graphql-jit) a request leaves
// less garbage, and 16 MiB answers as fast with about 30 MiB less peak RSS (A/B, 2026-12-06).
// V8 reads it only at start, hence the shebang and the same flag in `npm start`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Seeding streams; it needs little memory, but V8 on a large machine lets garbage pile up to
// gigabytes before collecting. Cap the heap for `seed` so the resident set stays well under 1 GiB.
const SEED_HEAP_MB = 384;
if (process.argv[2] === 'seed' && !process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${SEED_HEAP_MB}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const { builtEntry } = await import('./build-server.mjs');
const compiled = await builtEntry('src/cli/main.ts');
if (compiled) {
  // As tsx did: errors' stack traces name the sources.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(compiled).href);
} else {
  // The cache cannot be written (a read-only install): the sources through tsx's loader.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
