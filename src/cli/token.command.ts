/**
 * `lienthong token`: prints a bearer token signed with the local dev key, for trying the gateway
 * by hand. It needs no database and takes no data-directory lock: it only reads (or atomically
 * creates) the key file, so it is safe to run while the server runs. The agency and role are
 * checked for form only; whether that agency may do anything is the server's policy decision.
 */
import { InvalidArgumentError } from 'commander';
import { type Role, ensureDevKey, isCode, isSubjectFor, MAX_DEV_TOKEN_TTL_SECONDS } from '../auth/identity/index.js';
import type { Config } from '../config/index.js';
import { BadUserInputError, ForbiddenError } from '../errors/index.js';

/** Why the command refuses to run in production. */
export const PRODUCTION_REFUSAL = 'local dev keys are refused in production: tokens come from the configured issuer';

export interface TokenOptions {
  readonly agency: string;
  readonly role: Role;
  readonly unit?: string;
  readonly sub?: string;
  /** Lifetime in seconds (parsed from `--ttl`). */
  readonly ttl: number;
}

/**
 * Refuses production before anything else, the configuration included: there the dev key is
 * never trusted, so a token from it could only mislead.
 * @throws ForbiddenError when `nodeEnv` is `production`.
 */
export function refuseInProduction(nodeEnv: string | undefined): void {
  if (nodeEnv === 'production') throw new ForbiddenError(PRODUCTION_REFUSAL);
}

/** Writes one token and a newline to `out` (stdout): nothing else, so `$(lienthong token …)` works. */
export async function tokenCommand(config: Config, options: TokenOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (!config.auth.devKeys) throw new ForbiddenError(PRODUCTION_REFUSAL);
  const sub = options.sub ?? defaultSubject(options);
  if (!isSubjectFor(options.role, sub)) {
    throw new BadUserInputError(
      options.role === 'citizen' ? '--sub must be the citizen\'s 12-digit personal ID' : '--sub must be 1 to 256 characters without spaces',
    );
  }
  const devKey = await ensureDevKey(config.dataDir, { audience: config.auth.audience });
  const token = await devKey.sign({ sub, agency: options.agency, role: options.role, unit: options.unit, ttlSeconds: options.ttl });
  out.write(`${token}\n`);
}

function defaultSubject(options: TokenOptions): string {
  // A citizen is identified by their personal ID; inventing one would name a real person.
  if (options.role === 'citizen') throw new BadUserInputError("--sub is required for role citizen (the citizen's 12-digit personal ID)");
  return `officer@${options.agency}`;
}

/** Commander parser for `--agency` and `--unit`: an upper-case code such as CA.HBT or HBT.NGUYENDU.2020. */
export function parseCode(value: string): string {
  if (!isCode(value)) throw new InvalidArgumentError('expected an upper-case code of letters, digits and . _ - (at most 32), e.g. CA.HBT');
  return value;
}

/** Commander parser for `--ttl`: a number of minutes or hours (`30m`, `1h`, `8h`), at most 24 h. */
export function parseTtl(value: string): number {
  const match = /^(\d{1,5})([mh])$/.exec(value.trim());
  const seconds = match === null ? 0 : Number(match[1]) * (match[2] === 'h' ? 3600 : 60);
  if (seconds < 60 || seconds > MAX_DEV_TOKEN_TTL_SECONDS) throw new InvalidArgumentError('expected a duration such as 30m, 1h or 8h, from 1m to 24h');
  return seconds;
}
