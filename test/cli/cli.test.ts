import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/index.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/lienthong.mjs');
const temp: string[] = [];

function run(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$/.test(k)));
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-cli-'));
  temp.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('lienthong CLI', () => {
  it('explains its commands', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['migrate', 'seed', 'serve', 'start']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('DATABASE_URL');
    const seedHelp = run(['seed', '--help']);
    expect(seedHelp.stdout).toMatch(/--scale <scale>.*demo.*district.*city/s);
  });

  it('refuses a malformed configuration value, naming it, before touching any data', () => {
    const dataDir = path.join(tempDir(), 'never-created');
    const result = run(['migrate'], { DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://u:secret@h/db' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT: expected a whole number from 1 to 65535, got "eighty"');
    expect(result.stderr).toContain('DATABASE_URL: expected a postgres:// or postgresql:// URL');
    expect(result.stderr).not.toContain('secret');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses to seed an embedded data directory another process holds', async () => {
    const dataDir = tempDir();
    const release = await lockDataDir(dataDir);
    try {
      const result = run(['seed'], { DATA_DIR: dataDir });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/is in use by another lienthong process \(is the server running\?\)/);
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    } finally {
      await release();
    }
  });

  it('registers trusted documents from .graphql files, refusing one that is not a document, and lists them', () => {
    const dir = tempDir();
    const env = { DATA_DIR: path.join(dir, 'data') };
    expect(run(['migrate'], env).status).toBe(0);
    const lookup = path.join(dir, 'lookup.graphql');
    fs.writeFileSync(lookup, 'query Lookup($id: String!) { citizen(personalId: $id) { fullName } }\n');
    const broken = path.join(dir, 'broken.graphql');
    fs.writeFileSync(broken, 'query {');
    const refused = run(['documents', 'register', '--agency', 'CA.HBT', lookup, broken], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('broken.graphql: not a GraphQL document');
    const registered = run(['documents', 'register', '--agency', 'CA.HBT', lookup], env);
    expect(registered.stdout).toContain('1 registered, 0 already were');
    const hash = createHash('sha256').update(fs.readFileSync(lookup)).digest('hex');
    expect(run(['documents', 'list'], env).stdout).toBe(`${hash}  CA.HBT  lookup.graphql\n`);
    expect(run(['documents', 'register', '--agency', 'CA.HBT', lookup], env).stdout).toContain('0 registered, 1 already were');
  });

  it('refuses the city scale on the embedded engine', () => {
    const result = run(['seed', '--scale', 'city'], { DATA_DIR: tempDir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/city scale .* needs PostgreSQL/);
  });
});
