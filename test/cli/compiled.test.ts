/**
 * `lienthong` runs a compiled copy of the sources (bin/build-server.mjs). These prove the copy is
 * never stale and finds the project's own files; the CLI tests run every command through it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const temp: string[] = [];

afterAll(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project (its node_modules linked) to change sources in without touching ours. */
function projectCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-compiled-'));
  temp.push(dir);
  for (const entry of ['src', 'bin', 'policy', 'migrations']) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Builds src/cli/main.ts in `project` with that project's own build script; returns the compiled entry. */
function build(project: string): string {
  const script = `const { builtEntry } = await import(${JSON.stringify(path.join(project, 'bin/build-server.mjs'))}); process.stdout.write(await builtEntry('src/cli/main.ts'));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  return run.stdout;
}

describe('the compiled lienthong command', () => {
  it('is built once per version of the sources, in the project, and again when a source changes', () => {
    const project = projectCopy();
    const first = build(project);
    expect(path.relative(project, first)).toMatch(/^\.cache\/server\/src-cli-main-[0-9a-f]{16}\/main\.js$/);
    expect(fs.existsSync(first)).toBe(true);
    expect(build(project)).toBe(first);

    fs.appendFileSync(path.join(project, 'src/lib/day.ts'), '\n// changed\n');
    const second = build(project);
    expect(second).not.toBe(first);
    expect(fs.existsSync(second)).toBe(true);
  }, 60_000);

  it("applies the project's migrations from the compiled copy", () => {
    const project = projectCopy();
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$/.test(k)));
    const migrate = spawnSync(process.execPath, [path.join(project, 'bin/lienthong.mjs'), 'migrate'], { env: { ...env, DATA_DIR: path.join(project, 'data') }, encoding: 'utf8', timeout: 120_000 });
    expect(migrate.status, migrate.stderr).toBe(0);
    // It ran compiled, in the copy: migrations are found from .cache/server/…, not next to the module.
    expect(fs.readdirSync(path.join(project, '.cache', 'server')).some((d) => d.startsWith('src-cli-main-'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'data'))).toBe(true);
  }, 180_000);
});
