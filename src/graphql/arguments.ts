/** Argument checks shared by every source, run before any query. */
import { BadUserInputError } from '../errors/index.js';
import { personalIdProblem } from '../lib/personal-id.js';

/** A personal ID argument: a clear BAD_USER_INPUT, never a database round trip, never an echo. */
export function requirePersonalId(value: string, argument = 'personalId'): string {
  const problem = personalIdProblem(value);
  if (problem) throw new BadUserInputError(`${argument}: ${problem}`, { details: { argument } });
  return value;
}

/** A short code argument (unit, procedure): bounded length, no control characters. */
export function requireCode(value: string, argument: string, maxLength = 32): string {
  if (value.length === 0 || value.length > maxLength || /[\u0000-\u001f]/.test(value)) {
    throw new BadUserInputError(`${argument}: expected a code of 1 to ${maxLength} characters`, { details: { argument } });
  }
  return value;
}
