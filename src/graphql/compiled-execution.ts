/**
 * Executes operations through graphql-jit: each document is compiled, once, into plain
 * JavaScript that calls the schema's own resolvers and builds the answer directly.
 *
 * Why: for every field of every row, graphql-js builds an argument map and a path, checks for a
 * promise and collects the answer into a null-prototype object, which JSON.stringify then
 * serializes at about half speed. On a partner's list of 50 results with subjects and files
 * (about 750 fields) that walk was a large part of the request's CPU; compiled, the gateway
 * answered 1.39 times as many such requests a second at 16 connections (A/B in
 * bench/README.md). The resolvers, their errors, the masks and the release tracking are the
 * same code either way: only the walk over the selection changes.
 *
 * One difference to keep in mind: a field without a resolver is read as the property is. graphql-js
 * would call a function there and wait for a promise; compiled, neither happens. A field whose
 * value is computed or awaited needs a resolver of its own (as `totalCount` has).
 *
 * graphql-js still executes:
 * - a document's first use: compiling costs about a millisecond (0.5-1 ms for the bench's
 *   documents), which an ad hoc question asked once should not pay (compiled on its second
 *   use, then kept as long as Apollo keeps the parsed document);
 * - a document graphql-jit cannot compile;
 * - a request whose variables do not coerce, so the caller gets graphql-js's usual error;
 * - the authorization plugin's own paths (graphql-shield for denied fields, introspection),
 *   which answer before this plugin is asked.
 */
import { type ApolloServerPlugin, type BaseContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** What executed an operation: graphql-jit, or graphql-js (a first use, a document that would not compile, variables that did not coerce). */
export type ExecutionEngine = 'compiled' | 'graphql-js';

/** A document is compiled on this use of it, by default. */
export const COMPILE_ON_USE = 2;

/** Per operation of a parsed document: uses so far, then what compiling gave (null: it cannot be compiled). */
type Entry = { uses: number } | { compiled: CompiledQuery | null };

export interface CompiledExecutionOptions<C> {
  /** The schema Apollo serves (masks applied): the one graphql-js would execute. */
  schema: GraphQLSchema;
  /** Logs and formats errors as Apollo would (the errors of a response a plugin gives are not formatted by Apollo). */
  formatErrors(errors: readonly GraphQLError[], ctx: C): GraphQLFormattedError[];
  /** The use of a document that compiles it (default COMPILE_ON_USE; the tests compile on the first). */
  compileOnUse?: number;
  /** Told which engine executed each operation this plugin was asked about (metrics). */
  executed?: (engine: ExecutionEngine) => void;
}

export function compiledExecutionPlugin<C extends BaseContext>(options: CompiledExecutionOptions<C>): ApolloServerPlugin<C> {
  const { schema } = options;
  const compileOnUse = options.compileOnUse ?? COMPILE_ON_USE;
  // Keyed by Apollo's parsed document, which its document store reuses for the same text.
  const entries = new WeakMap<DocumentNode, Map<string, Entry>>();

  const compiledFor = (document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let byOperation = entries.get(document);
    if (!byOperation) entries.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const entry = byOperation.get(key) ?? { uses: 0 };
    if ('compiled' in entry) return entry.compiled;
    if (entry.uses + 1 < compileOnUse) {
      byOperation.set(key, { uses: entry.uses + 1 });
      return null;
    }
    const compiled = compileQuery(schema, document, operationName ?? undefined, {
      // A resolver's error is reported by its code and message; its stack is never shown or logged.
      disablingCapturingStackErrors: true,
    });
    const result = isCompiledQuery(compiled) ? compiled : null;
    byOperation.set(key, { compiled: result });
    return result;
  };

  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          const query = rc.document ? compiledFor(rc.document, rc.operationName ?? rc.request.operationName ?? null) : null;
          const result = query ? ((await query.query(undefined, rc.contextValue, rc.request.variables ?? {})) as ExecutionResult) : null;
          // No data: the variables did not coerce and nothing ran; graphql-js answers, in its words.
          if (!result || !('data' in result)) {
            options.executed?.('graphql-js');
            return null;
          }
          options.executed?.('compiled');
          return executionResponse(result, rc.contextValue, options.formatErrors);
        },
      };
    },
  };
}

/** The response for an executed operation whose errors Apollo will not format itself. */
export function executionResponse<C>(result: ExecutionResult, ctx: C, formatErrors: (errors: readonly GraphQLError[], ctx: C) => GraphQLFormattedError[]): GraphQLResponse {
  const errors = result.errors && result.errors.length > 0 ? formatErrors(result.errors, ctx) : undefined;
  return {
    http: { status: undefined, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { data: result.data, ...(errors ? { errors } : {}) } },
  };
}
