/**
 * The gateway's GraphQL endpoint, assembled: the schema with the policy's masks, the same
 * schema under graphql-shield, identity and policy checks before execution, and the per-request
 * context with each source's row scope.
 */
import type { Authenticator } from '../auth/authenticate.js';
import { createAuthenticator } from '../auth/authenticate.js';
import type { TokenVerifier } from '../auth/identity/verifier.js';
import { withMasks } from '../auth/masks.js';
import type { Policy } from '../auth/policy/policy.types.js';
import { shieldedSchema } from '../auth/shield.js';
import type { Storage } from '../db/index.js';
import type { Logger } from '../log/logger.js';
import { gatewaySchema } from '../schema/build-schema.js';
import { createContextFactory } from '../schema/context.js';
import { AgencyRegistry } from '../sources/gateway/index.js';
import { type GraphQLEndpoint, createGraphQLEndpoint } from './graphql.js';

export interface GatewayEndpointOptions {
  storage: Storage;
  policy: Policy;
  verifier: TokenVerifier;
  logger: Logger;
  /** NODE_ENV=production: introspection only for roles the policy allows. */
  production: boolean;
  /** The secret behind `hash` masks (stable pseudonyms). */
  pseudonymSecret: Uint8Array;
}

export interface GatewayEndpoint extends GraphQLEndpoint {
  readonly agencies: AgencyRegistry;
  readonly authenticator: Authenticator;
}

export async function createGatewayEndpoint(options: GatewayEndpointOptions): Promise<GatewayEndpoint> {
  const { storage, policy, verifier, logger, production } = options;
  const schema = withMasks(gatewaySchema(), policy, options.pseudonymSecret);
  const agencies = new AgencyRegistry(storage.sources.gateway);
  const authenticator = createAuthenticator({ verifier, policy, agencies });
  const endpoint = await createGraphQLEndpoint({
    schema,
    shielded: shieldedSchema(schema, policy),
    policy,
    authenticator,
    createContext: createContextFactory(storage),
    logger,
    production,
  });
  return { ...endpoint, agencies, authenticator };
}
