/** What the gateway knows about a request's caller, carried in the GraphQL context. */
import type { DocumentAnalysis } from './document-analysis.js';
import type { Principal } from './identity/principal.js';
import type { Grant } from './policy/policy.types.js';

export interface RequestAuth {
  readonly principal: Principal;
  /** The policy's grant for the caller's agency and role. */
  readonly grant: Grant;
  /** The purpose declared in `x-purpose` (already checked against the grant), or null. */
  readonly purpose: string | null;
  /** Set once the operation is known (see the authorization plugin). */
  analysis?: DocumentAnalysis;
}

export interface AuthorizedContext {
  readonly auth: RequestAuth;
}
