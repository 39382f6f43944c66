/** `lienthong policy check`: the table of what each agency/role sees, and the command end to end. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryCell, renderCheckTable, summarizeRows } from '../../../src/auth/policy/check-table.js';
import { loadPolicy } from '../../../src/auth/policy/load-policy.js';
import type { FieldCategory, Grant } from '../../../src/auth/policy/policy.types.js';
import { gatewaySchema } from '../../../src/schema/build-schema.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/lienthong.mjs');
const DEFAULT_POLICY = path.join(ROOT, 'policy/default.yaml');

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

const category: FieldCategory = { name: 'identity', description: 'Identity', personal: true, fields: new Set(['Citizen.personalId', 'Citizen.fullName', 'Citizen.sex']) };
function grantOf(fields: string[], masks: Record<string, Grant['masks'] extends ReadonlyMap<string, infer K> ? K : never> = {}): Grant {
  return { key: 'X/partner', agency: 'X', agencyName: 'X', role: 'partner', purposes: new Set(), fields: new Set(fields), masks: new Map(Object.entries(masks)), rows: {}, introspection: false, adHocDocuments: false };
}

describe('check table', () => {
  it('says per category whether a grant reads it whole, in part, masked, or not at all', () => {
    expect(categoryCell(grantOf([]), category)).toBe('—');
    expect(categoryCell(grantOf(['Citizen.personalId', 'Citizen.fullName', 'Citizen.sex']), category)).toBe('read');
    expect(categoryCell(grantOf(['Citizen.fullName']), category)).toBe('1/3');
    expect(categoryCell(grantOf(['Citizen.personalId', 'Citizen.fullName', 'Citizen.sex'], { 'Citizen.personalId': 'partial' }), category)).toBe('masked (1)');
    expect(categoryCell(grantOf(['Citizen.personalId', 'Citizen.fullName'], { 'Citizen.personalId': 'hash' }), category)).toBe('2/3 masked (1)');
  });

  it('summarizes row rules, cutting long unit lists', () => {
    expect(summarizeRows({})).toBe('');
    expect(summarizeRows({ AdministrativeResult: { domains: ['LAND', 'CONSTRUCTION'] }, Citizen: { jurisdiction: ['HN.HAIBATRUNG', 'HN.BACHMAI', 'HN.VINHTUY'] } })).toBe(
      'results: domains LAND, CONSTRUCTION; citizens: jurisdiction HN.HAIBATRUNG… (3 units)',
    );
    expect(summarizeRows({ AdministrativeResult: { jurisdiction: 'unit', statuses: ['VALID'], subject: 'self' } })).toBe(
      "results: jurisdiction token's unit, statuses VALID, subject self",
    );
  });

  it('renders the default policy within 160 columns, one row per agency/role', () => {
    const policy = loadPolicy(DEFAULT_POLICY, gatewaySchema());
    const table = renderCheckTable(policy);
    const lines = table.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(160);
    for (const name of policy.categories.keys()) expect(lines.slice(0, 2).join('\n')).toContain(name);
    // Rows start at column 0 with the grant's key (long keys wrap after the "/").
    const starts = lines.slice(0, lines.indexOf('')).filter((l) => /^[A-Z]/.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(starts).toContain('CA.HBT/partner');
    expect(starts).toContain('UBND.HAIBATRUNG/');
    expect(starts.length).toBe([...policy.agencies.values()].reduce((n, a) => n + a.grants.size, 0));
    // A grant's row wraps over several lines: its last column (the row rules) read down the lines.
    const cct = lines.findIndex((l) => l.startsWith('CCT.HBT/partner'));
    const next = lines.findIndex((l, i) => i > cct && /^[A-Z]/.test(l));
    const rulesAt = lines[cct]!.indexOf('results:');
    const rules = lines.slice(cct, next).map((l) => l.slice(rulesAt).trim()).filter(Boolean).join(' ');
    expect(lines[cct]).toMatch(/^CCT\.HBT\/partner +TAX_ASSESSMENT /);
    expect(rules).toBe('results: domains BUSINESS, LAND');
    expect(table).toContain('introspection in production: CA.HBT/partner, CTK.HN/analyst, LT.ADMIN/admin');
    expect(table).toContain('unclassified coordinates: none');
  });
});

describe('lienthong policy check', () => {
  it('checks the default policy and prints what each agency sees (exit 0)', () => {
    const result = run(['policy', 'check', 'policy/default.yaml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^policy\/default\.yaml: no problems \(\d+ categories, 15 agencies, 21 agency\/role grants\)/);
    for (const agency of ['CA.HBT', 'STP.HN', 'CCT.HBT', 'VPDK.HN', 'UBND.HAIBATRUNG', 'UBND.BACHMAI', 'UBND.VINHTUY', 'UBND.HONGHA', 'UBND.TUONGMAI', 'UBND.CUANAM', 'UBND.HBT', 'CTK.HN', 'TTR.HN', 'VNEID', 'LT.ADMIN']) {
      expect(result.stdout).toContain(`\n${agency}/`);
    }
    expect(result.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints every problem of a broken file as file:line:col and exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-policy-cli-'));
    try {
      const file = path.join(dir, 'broken.yaml');
      const text = fs.readFileSync(DEFAULT_POLICY, 'utf8').replace('Citizen.dateOfBirth: yearOnly', 'Citizen.dateOfBirth: blur').replace('version: 1', 'version: 2');
      fs.writeFileSync(file, text);
      const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const result = run(['policy', 'check', file]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${file}:${lineOf('version: 2')}:10: version: expected 1 (the only version of the format), got the number 2\n`);
      expect(result.stderr).toContain(`${file}:${lineOf('Citizen.dateOfBirth: blur')}:32: agencies.CCT.HBT.roles.partner.mask.Citizen.dateOfBirth: unknown mask kind "blur"`);
      expect(result.stderr).toContain(`${file}: 2 problems`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
