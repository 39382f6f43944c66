/**
 * Refuses, before anything executes, an operation past the configured limits (depth, aliases,
 * root fields, directives, cost; the token limit is the parser's and the document and body
 * sizes the HTTP handler's). Each refusal is QUERY_TOO_COMPLEX naming the limit, and a log line.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, type GraphQLSchema } from 'graphql';
import type { QueryLimits } from '../config/index.js';
import { FragmentCycleError, type OperationSize, measureOperation } from '../graphql/document-limits.js';
import type { Logger } from '../log/logger.js';

type Limit = 'depth' | 'aliases' | 'rootFields' | 'directives' | 'cost' | 'tokens' | 'documentBytes' | 'bodyBytes' | 'fragments';

interface LimitContext {
  readonly requestId: string;
  readonly logger: Logger;
}

const CHECKED = ['depth', 'aliases', 'rootFields', 'directives', 'cost'] as const;

/**
 * graphql-js's message when the parser stops at `maxTokens` (see tokenLimitOf). Version 16 spells
 * it "more that"; a later one may fix the typo. The limits test pins it.
 */
const TOKENS_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/;

export function limitsPlugin<C extends LimitContext>(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin<C> {
  // Sizes that do not depend on the variables are the document's: measured once per parsed document.
  const sizes = new WeakMap<DocumentNode, Map<string, OperationSize>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const name = request.operationName ?? '';
          let size = sizes.get(document)?.get(name);
          if (!size) {
            try {
              size = measureOperation(schema, document, request.operationName, request.variables ?? {}) ?? undefined;
            } catch (error) {
              if (error instanceof FragmentCycleError) throw tooComplex(contextValue, 'fragments', 1, 0);
              throw error;
            }
            if (!size) return;
            if (!size.variablePages) {
              const byName = sizes.get(document) ?? new Map<string, OperationSize>();
              byName.set(name, size);
              sizes.set(document, byName);
            }
          }
          for (const limit of CHECKED) if (size[limit] > limits[limit]) throw tooComplex(contextValue, limit, size[limit], limits[limit]);
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const max = tokenLimitOf(error);
            if (max !== null) logRefusal(contextValue, 'tokens', max + 1, max);
          }
        },
      };
    },
  };
}

/** The token limit a parse error says was passed, or null for any other error. */
export function tokenLimitOf(error: { message: string }): number | null {
  const match = TOKENS_MESSAGE.exec(error.message);
  return match ? Number(match[1]) : null;
}

/** The coded error of a limit, as the HTTP handler and the plugin send it. */
export function limitError(limit: Limit, max: number): { message: string; extensions: Record<string, unknown> } {
  return { message: `The request is past the ${limit} limit (${max})`, extensions: { code: 'QUERY_TOO_COMPLEX', limit, max } };
}

export function logRefusal(ctx: LimitContext, limit: Limit, value: number, max: number): void {
  ctx.logger.warn({ code: 'QUERY_TOO_COMPLEX', limit, value, max }, 'request refused by a limit');
}

function tooComplex(ctx: LimitContext, limit: Limit, value: number, max: number): GraphQLError {
  logRefusal(ctx, limit, value, max);
  const { message, extensions } = limitError(limit, max);
  return new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });
}
