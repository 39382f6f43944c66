/**
 * Who is calling and what they may do, settled before any GraphQL runs: the bearer token
 * (UNAUTHENTICATED, 401), the agency's standing in the gateway's store, the policy's grant for
 * the agency and role, and the declared purpose (FORBIDDEN, 403).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ForbiddenError } from '../errors/index.js';
import type { AgencyRegistry } from '../sources/gateway/index.js';
import type { Principal } from './identity/principal.js';
import type { TokenVerifier } from './identity/verifier.js';
import type { Policy } from './policy/policy.types.js';
import type { RequestAuth } from './request-auth.js';

/** A purpose code as the policy writes them (X-Road's "issue" header carries the same idea). */
const PURPOSE = /^[A-Z][A-Z0-9_]{1,63}$/;

export interface Authenticator {
  /** @throws UnauthenticatedError, ForbiddenError, SourceUnavailableError (agency store down) */
  authenticate(headers: IncomingHttpHeaders, request: RequestMeta): Promise<RequestAuth>;
}

export interface RequestMeta {
  readonly requestId: string;
  readonly client: string | null;
}

/**
 * Told of every refusal of an identified caller (the access log records refused attempts); its
 * failure fails the request too.
 */
export type RefusalListener = (principal: Principal, refusal: ForbiddenError, request: RequestMeta & { /** The declared purpose if it is a well-formed code. */ purpose: string | null }) => Promise<void>;

export function createAuthenticator(options: { verifier: TokenVerifier; policy: Policy; agencies: AgencyRegistry; onRefusal?: RefusalListener }): Authenticator {
  const { verifier, agencies } = options;
  return {
    async authenticate(headers, request) {
      const principal = await verifier.verify(single(headers.authorization));
      try {
        return await authorize(principal, headers, options.policy, agencies);
      } catch (error) {
        if (error instanceof ForbiddenError && options.onRefusal) {
          // Only a well-formed purpose code is passed on: the header is the caller's free text.
          const declared = single(headers['x-purpose'])?.trim();
          await options.onRefusal(principal, error, { ...request, purpose: declared && PURPOSE.test(declared) ? declared : null });
        }
        throw error;
      }
    },
  };
}

/** The agency's standing, the grant, and the declared purpose of a verified caller. */
async function authorize(principal: Principal, headers: IncomingHttpHeaders, policy: Policy, agencies: AgencyRegistry): Promise<RequestAuth> {
  const status = await agencies.status(principal.agency);
  if (status === null) throw new ForbiddenError('The agency in the token is not registered with the gateway');
  if (status === 'SUSPENDED') throw new ForbiddenError('The agency in the token is suspended');
  const grant = policy.agencies.get(principal.agency)?.grants.get(principal.role);
  if (!grant) throw new ForbiddenError('The policy grants nothing to this role of the agency');
  const declared = single(headers['x-purpose'])?.trim();
  let purpose: string | null = null;
  if (declared !== undefined && declared !== '') {
    if (!PURPOSE.test(declared) || !grant.purposes.has(declared)) {
      throw new ForbiddenError('The declared purpose (x-purpose) is not one this agency may declare', { details: { reason: 'PURPOSE_NOT_DECLARED' } });
    }
    purpose = declared;
  }
  return { principal, grant, purpose };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
