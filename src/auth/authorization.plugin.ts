/**
 * The Apollo plugin that applies the policy to an operation once it is parsed and validated,
 * before anything executes:
 * - analyses the document for the caller's grant (cached per document and grant);
 * - refuses, before any data is read, an operation that reads personal data without a declared
 *   purpose (PURPOSE_REQUIRED), and introspection a role may not do (FORBIDDEN);
 * - executes an operation that selects a field the grant denies on the shielded schema, so each
 *   denied field is null with a FORBIDDEN error at its path and the rest is answered;
 * - executes introspection on the schema as the role sees it.
 * Every other operation runs on the plain schema, unchanged (shield would allow each field).
 */
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, execute } from 'graphql';
import { ForbiddenError, LienThongError } from '../errors/index.js';
import { executionResponse } from '../graphql/compiled-execution.js';
import { analyzeDocument } from './document-analysis.js';
import { schemaVisibleTo } from './introspection.js';
import type { Policy } from './policy/policy.types.js';
import type { AuthorizedContext } from './request-auth.js';

export interface AuthorizationPluginOptions<C extends AuthorizedContext> {
  /** The schema Apollo serves (masks applied). */
  schema: GraphQLSchema;
  /** The same schema with graphql-shield applied. */
  shielded: GraphQLSchema;
  policy: Policy;
  /** Outside production every role may introspect its own view; in production only roles the policy allows. */
  production: boolean;
  /** Logs and formats the errors of operations this plugin executes itself, as Apollo would. */
  formatErrors(errors: readonly GraphQLError[], ctx: C): GraphQLFormattedError[];
}

export function authorizationPlugin<C extends AuthorizedContext>(options: AuthorizationPluginOptions<C>): ApolloServerPlugin<C> {
  const { schema, shielded, policy, production } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const auth = contextValue.auth;
          const analysis = analyzeDocument(schema, policy, document, auth.grant);
          auth.analysis = analysis;
          if (analysis.introspection) {
            if (production && !auth.grant.introspection) throw refusal(new ForbiddenError('Introspection is not allowed for this role'));
            if (analysis.denied.size > 0) throw refusal(new ForbiddenError('An introspection query cannot also select fields this role may not read'));
          }
          if (analysis.personal && auth.purpose === null) {
            throw refusal(new LienThongError('PURPOSE_REQUIRED', 'This operation reads personal data: declare the purpose in the x-purpose header'));
          }
        },
        async responseForOperation(requestContext) {
          const analysis = requestContext.contextValue.auth.analysis;
          if (!analysis) return null;
          if (analysis.introspection) return run(schemaVisibleTo(schema, requestContext.contextValue.auth.grant), requestContext, options);
          if (analysis.denied.size > 0) return run(shielded, requestContext, options);
          return null;
        },
      };
    },
  };
}

/** A refusal before execution: Apollo answers with this error and its HTTP status. */
function refusal(error: LienThongError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: error.httpStatus } } });
}

async function run<C extends AuthorizedContext>(target: GraphQLSchema, rc: GraphQLRequestContext<C>, options: AuthorizationPluginOptions<C>): Promise<GraphQLResponse> {
  const result = (await execute({
    schema: target,
    document: rc.document as DocumentNode,
    contextValue: rc.contextValue,
    variableValues: rc.request.variables,
    operationName: rc.request.operationName,
  })) as ExecutionResult;
  // No `data` at all: graphql-js refused the request before executing it, which here can only be
  // the caller's variables (the document was validated): a client error, as Apollo reports it.
  if (!('data' in result) && result.errors) {
    const errors = result.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
    return { http: { status: 400, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: options.formatErrors(errors, rc.contextValue) } } };
  }
  return executionResponse(result, rc.contextValue, options.formatErrors);
}
