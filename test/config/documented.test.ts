/**
 * Every variable the configuration reads is documented, in docs/operations.md (with its
 * validation) and in the README's table, so neither drifts from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_VARIABLES } from '../../src/config/config.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the settings are documented', () => {
  it.each(['docs/operations.md', 'README.md'])('in %s', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(ENVIRONMENT_VARIABLES.length).toBeGreaterThan(40);
    // The README names the per-source URLs by pattern (`<SOURCE>_DATABASE_URL`).
    const expected = file === 'README.md' ? ENVIRONMENT_VARIABLES.filter((v) => !/^[A-Z]+_DATABASE_URL$/.test(v) || v === 'DATABASE_URL') : ENVIRONMENT_VARIABLES;
    expect(expected.filter((name) => !text.includes(`\`${name}\``))).toEqual([]);
  });
});
