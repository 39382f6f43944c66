/**
 * A real gateway for tests: the HTTP server, Apollo and the schema over a test storage, on an
 * ephemeral port. Every statement each source sends is counted, so tests can prove batching.
 */
import { SOURCE_NAMES, type SourceName } from '../../src/config/index.js';
import type { Storage } from '../../src/db/index.js';
import { createLogger } from '../../src/log/logger.js';
import { gatewaySchema } from '../../src/schema/build-schema.js';
import { createContextFactory } from '../../src/schema/context.js';
import { createGraphQLEndpoint } from '../../src/server/graphql.js';
import { startServer } from '../../src/server/http.js';
import { type TestEngine, openTestStorage } from './engines.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
  text: string;
}

export interface TestGateway {
  url: string;
  storage: Storage;
  statements: Record<SourceName, number>;
  resetStatements(): void;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export async function startTestGateway(engine: TestEngine, options: { storage?: Storage } = {}): Promise<TestGateway> {
  const statements = Object.fromEntries(SOURCE_NAMES.map((s) => [s, 0])) as Record<SourceName, number>;
  const storage = options.storage ?? (await openTestStorage(engine, { onQuery: (source) => statements[source]++, statementTimeoutMs: 5_000 }));
  const logger = createLogger('silent');
  const graphql = await createGraphQLEndpoint(gatewaySchema(), createContextFactory(storage), logger);
  const server = await startServer({ host: '127.0.0.1', port: 0, storage, logger, routes: { '/graphql': graphql.handler } });
  return {
    url: server.url,
    storage,
    statements,
    resetStatements: () => {
      for (const s of SOURCE_NAMES) statements[s] = 0;
    },
    async query<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as GraphQLResponse<T>['body'], text };
    },
    async close() {
      await server.close();
      await graphql.stop();
      await storage.close();
    },
  };
}
