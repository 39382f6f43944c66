/**
 * Limits every request meets before anything executes (README, "Security"). The defaults let
 * every query of the README, the benchmarks and GraphiQL's introspection through with room to
 * spare, and stop documents built to exhaust the server.
 */
export interface QueryLimits {
  /** Nested field levels (citizen → household → members → household … counts each level). */
  readonly depth: number;
  readonly aliases: number;
  /** Fields at the top of the operation, fragments expanded. */
  readonly rootFields: number;
  readonly directives: number;
  /** Lexical tokens of the document: the parser stops past this many. */
  readonly tokens: number;
  /** Bytes of the document text. */
  readonly documentBytes: number;
  /** Fields selected, each list's selection multiplied by its page (see document-limits.ts). */
  readonly cost: number;
  /** Bytes of a request body. */
  readonly bodyBytes: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  depth: 15,
  aliases: 30,
  rootFields: 20,
  directives: 30,
  tokens: 5_000,
  documentBytes: 32_768,
  cost: 25_000,
  bodyBytes: 1_048_576,
};
