import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ISSUER, createIdentity } from '../../../src/auth/identity/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { lockDataDir } from '../../../src/db/index.js';
import { parseCode, parseTtl } from '../../../src/cli/token.command.js';
import { removeTempDirs, tempDir } from './fixtures.js';

const BIN = path.resolve(import.meta.dirname, '../../../bin/lienthong.mjs');

afterAll(removeTempDirs);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `lienthong token …` (asynchronously, so a test can run several side by side). */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$|^PORT$|^DATA_DIR$|^NODE_ENV$|^AUTH_/.test(k)));
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'token', ...args], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

describe('lienthong token', () => {
  it('prints only a token that the gateway verifier accepts, without opening the databases', async () => {
    const dataDir = tempDir();
    // The server holds the data-directory lock: the token command must not need it.
    const release = await lockDataDir(dataDir);
    try {
      const result = await run(['--agency', 'CA.HBT', '--role', 'counter', '--unit', 'HBT.NGUYENDU.2020', '--ttl', '30m'], { DATA_DIR: dataDir });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(false);

      const { verifier } = await createIdentity(loadConfig({ DATA_DIR: dataDir }));
      const principal = await verifier.verify(`Bearer ${result.stdout.trim()}`);
      expect(principal).toMatchObject({ sub: 'officer@CA.HBT', agency: 'CA.HBT', role: 'counter', unit: 'HBT.NGUYENDU.2020', issuer: DEV_ISSUER });
      const lifetime = principal.expiresAt - Math.floor(Date.now() / 1000);
      expect(lifetime).toBeGreaterThan(1700);
      expect(lifetime).toBeLessThanOrEqual(1800);
    } finally {
      await release();
    }
  });

  it('requires a 12-digit --sub for a citizen', async () => {
    const env = { DATA_DIR: tempDir() };
    const [missing, bad] = await Promise.all([
      run(['--agency', 'DVC.HN', '--role', 'citizen'], env),
      run(['--agency', 'DVC.HN', '--role', 'citizen', '--sub', 'someone'], env),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--sub is required for role citizen/);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/12-digit personal ID/);
  });

  it('checks the form of its options', async () => {
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('24h')).toBe(86_400);
    for (const bad of ['25h', '0m', '90s', '1d', 'h', '']) expect(() => parseTtl(bad), bad).toThrow(/from 1m to 24h/);
    expect(parseCode('HBT.NGUYENDU.2020')).toBe('HBT.NGUYENDU.2020');
    for (const bad of ['ca.hbt', '.HBT', 'A'.repeat(33), 'CA HBT']) expect(() => parseCode(bad), bad).toThrow(/upper-case code/);
    // The parsers and the role choices as the command line applies them (exit code 1, nothing printed).
    const [agency, role] = await Promise.all([
      run(['--agency', 'ca.hbt', '--role', 'counter', '--ttl', '25h'], { DATA_DIR: tempDir() }),
      run(['--agency', 'CA.HBT', '--role', 'root'], { DATA_DIR: tempDir() }),
    ]);
    expect(agency.stderr).toMatch(/--agency <code>' argument 'ca.hbt' is invalid/);
    expect(role.stderr).toMatch(/Allowed choices are partner, counter/);
    for (const result of [agency, role]) {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
    }
  });

  it('is refused in production, creating no key', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const result = await run(['--agency', 'CA.HBT', '--role', 'admin'], { DATA_DIR: dataDir, NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('local dev keys are refused in production: tokens come from the configured issuer');
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
