/**
 * Loads the authorization policy (policy/default.yaml): which agency, in which role, may read
 * which fields and rows, masked how, for which declared purposes. Read once at start; a file
 * with any fault stops the gateway with every fault listed, since a half-applied policy would
 * grant or deny things nobody decided.
 */
import fs from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { LineCounter, parseDocument } from 'yaml';
import { PolicyError } from '../../errors/index.js';
import type { Role } from '../identity/principal.js';
import { compilePolicy } from './compile-policy.js';
import { Problems, SYNTAX_PATH } from './policy-problems.js';
import type { Grant, Policy } from './policy.types.js';
import { readPolicy } from './read-policy.js';
import { schemaFields } from './schema-fields.js';
import { Reader } from './yaml-reader.js';

/**
 * Reads and compiles a policy file (YAML, or JSON, which is YAML).
 *
 * @throws PolicyError listing every problem as `<file>:<line>:<col>: <path>: <problem>`; the
 *   file cannot be read → PolicyError with one problem at 1:1.
 * @example
 * const policy = loadPolicy('policy/default.yaml', gatewaySchema());
 * const grant = grantFor(policy, principal.agency, principal.role);
 */
export function loadPolicy(file: string, schema: GraphQLSchema): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new PolicyError(file, [`${file}:1:1: (file): ${reason}`]);
  }
  return parsePolicy(text, file, schema);
}

/**
 * Compiles policy text; `file` only names it in messages. Same contract as {@link loadPolicy}.
 * Coordinates of `schema` that no category holds do not fail the load: they are listed in
 * `policy.unclassified` and denied to everyone.
 */
export function parsePolicy(text: string, file: string, schema: GraphQLSchema): Policy {
  const lines = new LineCounter();
  // uniqueKeys off: read-policy reports duplicates itself, saying where the first one was.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const problems = new Problems(file, lines);
  if (doc.errors.length > 0) {
    // The tree of a document that does not parse is a guess; checking it would report phantoms.
    for (const error of doc.errors) problems.add(error.pos[0], SYNTAX_PATH, error.message);
    throw new PolicyError(file, problems.list());
  }
  const reader = new Reader(doc, problems);
  const policy = compilePolicy(file, readPolicy(reader), schemaFields(schema), reader);
  if (problems.size > 0) throw new PolicyError(file, problems.list());
  return policy;
}

/** The grant of one role of one agency; undefined when the policy gives that pair nothing. */
export function grantFor(policy: Policy, agency: string, role: Role): Grant | undefined {
  return policy.agencies.get(agency)?.grants.get(role);
}

/** Whether a grant scopes rows by the `unit` claim: its tokens must then carry one. */
export function needsUnitClaim(grant: Grant): boolean {
  return grant.rows.AdministrativeResult?.jurisdiction === 'unit' || grant.rows.Citizen?.jurisdiction === 'unit';
}
