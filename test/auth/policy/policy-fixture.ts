/** Helpers for the policy suites: compile a policy text and collect its problems. */
import { PolicyError } from '../../../src/errors/index.js';
import { parsePolicy } from '../../../src/auth/policy/load-policy.js';
import type { Policy } from '../../../src/auth/policy/policy.types.js';
import { gatewaySchema } from '../../../src/schema/build-schema.js';

export const FILE = 'test.yaml';

/**
 * Removes the common indentation of a template literal and its first newline, so that a test's
 * YAML reads as it is in a file and its line numbers can be counted in the test itself.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(...text.split('\n').filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return text
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}

/** The problems of `text`, or [] when it compiles. */
export function problemsOf(text: string): string[] {
  try {
    parsePolicy(text, FILE, gatewaySchema());
    return [];
  } catch (error) {
    if (error instanceof PolicyError) return [...error.problems];
    throw error;
  }
}

export function compile(text: string): Policy {
  return parsePolicy(text, FILE, gatewaySchema());
}

/** A header every small policy of the suites starts with (lines 1-13). */
export const HEADER = yaml`
  version: 1
  purposes:
    AUDIT: Thanh tra (audit)
  categories:
    catalogue:
      personal: false
      description: Catalogue
      fields: { Query: [procedures, units], Procedure: [code, name], AdministrativeUnit: [code, name] }
    identity:
      personal: true
      description: Identity
      fields: { Citizen: [personalId, fullName, dateOfBirth, sex, household, children], Query: [citizen] }
  agencies:
`;
