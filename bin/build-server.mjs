// Compiles a TypeScript entry (the `lienthong` command, a bench server) and everything it
// imports from the project into plain ESM with esbuild, once per version of the sources, and
// returns the compiled entry's path. Running that instead of the sources through tsx's loader
// saves the loader's thread and its compiler: 40-55 MiB of resident memory in every gateway
// process, and no transpiling while a process starts.
//
// - Packages stay imports (`packages: 'external'`); lazily imported modules stay separate
//   chunks (`splitting`), so `lienthong token` still loads no server code.
// - Cached in .cache/server/<entry>-<fingerprint>/. The fingerprint covers every source file
//   (src/, bin/ and the entry's directory), tsconfig.json, the lockfile and this script: a
//   changed source is a new directory, never a stale build. Built into a temporary directory and
//   renamed into place, so processes starting together (the tests) never see half a build.
// - Returns null when it cannot write the cache (a read-only install); the caller then runs the
//   sources through tsx as before.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashTree } from './fingerprint.mjs';
import { PROJECT_ROOT } from './project-root.mjs';

// In the project, not in node_modules: a checkout whose node_modules is a link to another's
// (bench:ab's worktree) must find its own files from its compiled copy (project-root.mjs).
const CACHE = path.join(PROJECT_ROOT, '.cache', 'server');
/** What a build may import from the project: these, and the entry's own top directory (bench/). */
const SOURCE_DIRS = ['src', 'bin'];
/** Builds of other fingerprints older than this are removed (no running process still loads from them). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** Every file a build of `entry` may read, hashed in a stable order. */
function fingerprint(entry) {
  const hash = createHash('sha256');
  // Not the bench's caches and results, nor anything but code and JSON.
  const skip = (e) => e.name.startsWith('.') || e.name === 'results' || e.name === 'node_modules' || (e.isFile() && !/\.(ts|mts|mjs|js|json)$/.test(e.name));
  for (const dir of new Set([...SOURCE_DIRS, entry.split(/[\\/]/)[0]])) hashTree(hash, PROJECT_ROOT, path.join(PROJECT_ROOT, dir), skip);
  for (const file of ['tsconfig.json', 'package-lock.json']) {
    if (fs.existsSync(path.join(PROJECT_ROOT, file))) hash.update(`${file}\0`).update(fs.readFileSync(path.join(PROJECT_ROOT, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The compiled form of `entry` (relative to the project root, e.g. src/cli/main.ts), or null if it cannot be written. */
export async function builtEntry(entry) {
  const name = path.basename(entry).replace(/\.[cm]?ts$/, '');
  const label = entry.replace(/\.[cm]?ts$/, '').replaceAll(/[^A-Za-z0-9]+/g, '-');
  const dir = path.join(CACHE, `${label}-${fingerprint(entry)}`);
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return compiled;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    fs.accessSync(CACHE, fs.constants.W_OK);
  } catch {
    return null;
  }
  const temporary = `${dir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    const { build } = await import('esbuild');
    await build({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: [entry],
      outdir: temporary,
      bundle: true,
      splitting: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: 'tsconfig.json',
      // Stack traces in logs point at the sources (the caller enables source maps).
      sourcemap: 'linked',
      logLevel: 'error',
    });
    try {
      fs.renameSync(temporary, dir);
    } catch (error) {
      // Another process built the same sources first: theirs is the same build.
      if (!fs.existsSync(compiled)) throw error;
      fs.rmSync(temporary, { recursive: true, force: true });
    }
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  removeOldBuilds(label, dir);
  return compiled;
}

function removeOldBuilds(label, current) {
  const now = Date.now();
  for (const entry of fs.readdirSync(CACHE)) {
    const full = path.join(CACHE, entry);
    if (full === current || !entry.startsWith(`${label}-`)) continue;
    try {
      if (now - fs.statSync(full).mtimeMs > KEEP_OLD_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process.
    }
  }
}
