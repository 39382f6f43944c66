#!/usr/bin/env node
// Runs `drizzle-kit generate` once per source. Never regenerate an applied migration from
// scratch: drizzle-kit diffs against migrations/<source>/meta and writes only the change.
import { spawnSync } from 'node:child_process';

const sources = ['population', 'records', 'civil', 'land', 'business', 'gateway'];
for (const source of process.argv.length > 2 ? process.argv.slice(2) : sources) {
  const run = spawnSync('npx', ['drizzle-kit', 'generate', '--config', 'drizzle.config.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SOURCE: source },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
