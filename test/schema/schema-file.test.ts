import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, printGatewaySchema } from '../../src/schema/print.js';

describe('schema/schema.graphql', () => {
  it('matches the running schema (run `npm run schema:print` after changing types)', () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../..', SCHEMA_FILE), 'utf8');
    expect(printGatewaySchema()).toBe(committed);
  });

  it('documents the page sizes and makes cross-source fields nullable', () => {
    const sdl = printGatewaySchema();
    expect(sdl).toContain('Page size: 20 by default, at most 100.');
    expect(sdl).toMatch(/results\(after: String, filter: ResultFilter, first: Int\): ResultConnection!|results\(\s+"""/);
    for (const field of ['subject: Citizen\n', 'issuingUnit: AdministrativeUnit\n', 'owners: [Citizen!]\n', 'birthRegistration: BirthRegistration\n', 'landCertificates: [LandCertificate!]\n']) {
      expect(sdl).toContain(field);
    }
  });
});
