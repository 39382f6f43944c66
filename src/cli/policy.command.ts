/**
 * `lienthong policy check <file>`: validates a policy file against the gateway's schema and
 * shows what each agency/role would see. Opens no database and reads no configuration, so it
 * can run in CI and on a reviewer's laptop.
 */
import { PolicyError } from '../errors/index.js';
import { renderCheckTable } from '../auth/policy/check-table.js';
import { loadPolicy } from '../auth/policy/load-policy.js';
import { gatewaySchema } from '../schema/build-schema.js';

export interface CheckStreams {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

/**
 * Checks `file`; prints the table to `out`, or every problem to `err`, one a line, as
 * `<file>:<line>:<col>: <path>: <problem>` (the form editors and CI annotations jump to).
 *
 * @returns the exit code: 0 when the policy is usable, 1 when it has problems.
 */
export function policyCheckCommand(file: string, streams: CheckStreams = { out: process.stdout, err: process.stderr }): 0 | 1 {
  let policy;
  try {
    policy = loadPolicy(file, gatewaySchema());
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    streams.err.write(`${error.problems.join('\n')}\n${file}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  const grants = [...policy.agencies.values()].reduce((n, a) => n + a.grants.size, 0);
  streams.out.write(`${file}: no problems (${policy.categories.size} categories, ${policy.agencies.size} agencies, ${grants} agency/role grants)\n\n`);
  streams.out.write(renderCheckTable(policy));
  return 0;
}
