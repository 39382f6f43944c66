import type { Config } from '../config/index.js';
import { type Storage, migrateAll, openLockedStorage } from '../db/index.js';
import { createLogger } from '../log/logger.js';
import { planFor } from '../seed/plan.js';
import { isSeeded, seed } from '../seed/seed.js';
import { gatewaySchema } from '../schema/build-schema.js';
import { createContextFactory } from '../schema/context.js';
import { createGraphQLEndpoint } from '../server/graphql.js';
import { startServer } from '../server/http.js';

/** `lienthong serve`: serve whatever the sources hold. */
export async function serveCommand(config: Config): Promise<void> {
  const storage = await openLockedStorage(config, {
    statementTimeoutMs: config.database.statementTimeoutMs,
    poolMax: config.database.poolMax,
    connectTimeoutSeconds: config.database.connectTimeoutSeconds,
  });
  await serveWith(config, storage);
}

/** `npm start`: migrate, seed the demo scale into empty sources, serve. One process, one lock. */
export async function startCommand(config: Config): Promise<void> {
  const storage = await openLockedStorage(config, {
    statementTimeoutMs: config.database.statementTimeoutMs,
    poolMax: config.database.poolMax,
    connectTimeoutSeconds: config.database.connectTimeoutSeconds,
  });
  try {
    await migrateAll(storage);
    if (!(await isSeeded(storage))) {
      process.stderr.write('first start: seeding the demo data (two wards of Hai Bà Trưng)…\n');
      const report = await seed(storage, planFor('demo'));
      process.stderr.write(`seeded ${report.rows.citizens.toLocaleString('en')} citizens and ${report.rows.results.toLocaleString('en')} results in ${(report.milliseconds / 1000).toFixed(1)} s\n`);
    }
  } catch (error) {
    await storage.close();
    throw error;
  }
  await serveWith(config, storage);
}

async function serveWith(config: Config, storage: Storage): Promise<void> {
  const logger = createLogger(config.log.level);
  const graphql = await createGraphQLEndpoint(gatewaySchema(), createContextFactory(storage), logger);
  const server = await startServer({ host: config.server.host, port: config.server.port, storage, logger, routes: { '/graphql': graphql.handler } });
  logger.info({ url: server.url, storage: storage.describe() }, 'gateway listening');
  process.stderr.write(`\nLiên Thông is listening on ${server.url}\n  GraphQL:   ${server.url}/graphql\n  health:    ${server.url}/healthz\n  readiness: ${server.url}/readyz\n\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await server.close();
    await graphql.stop();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
