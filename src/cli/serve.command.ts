import type { Config } from '../config/index.js';
import { type Storage, migrateAll, openLockedStorage } from '../db/index.js';
import { createLogger } from '../log/logger.js';
import { planFor } from '../seed/plan.js';
import { isSeeded, seed } from '../seed/seed.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadCheckpointSigner } from '../audit/checkpoint-signer.js';
import { createIdentity } from '../auth/identity/index.js';
import { loadPolicy } from '../auth/policy/load-policy.js';
import { ensurePseudonymSecret } from '../auth/pseudonym-secret.js';
import { gatewaySchema } from '../schema/build-schema.js';
import { createGatewayEndpoint } from '../server/gateway.js';
import { startServer } from '../server/http.js';
import { type GatewayMetrics, createMetrics } from '../server/metrics.js';
import { startMetricsServer } from '../server/metrics-server.js';
import { installShutdown } from '../server/shutdown.js';
import { pageRoutes } from '../server/pages.js';
import { ensureWebBuilt } from '../../bin/build-web.mjs';
import { type DemoToken, demoTokens, formatDemoTokens, formatPageUrls, registerPolicyAgencies } from './demo-access.js';

/** `lienthong serve`: serve whatever the sources hold. */
export async function serveCommand(config: Config): Promise<void> {
  // One gateway per process: its registry also carries the process metrics, when scraped at all.
  const metrics = createMetrics({ processMetrics: config.metrics.port !== null });
  const storage = await openLockedStorage(config, {
    statementTimeoutMs: config.database.statementTimeoutMs,
    poolMax: config.database.poolMax,
    connectTimeoutSeconds: config.database.connectTimeoutSeconds,
    recordStatements: metrics.sourceQuery,
  });
  await serveWith(config, storage, metrics);
}

/** `npm start`: migrate, seed the demo scale into empty sources, serve. One process, one lock. */
export async function startCommand(config: Config): Promise<void> {
  const metrics = createMetrics({ processMetrics: config.metrics.port !== null });
  const storage = await openLockedStorage(config, {
    statementTimeoutMs: config.database.statementTimeoutMs,
    poolMax: config.database.poolMax,
    connectTimeoutSeconds: config.database.connectTimeoutSeconds,
    recordStatements: metrics.sourceQuery,
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
  await serveWith(config, storage, metrics, { demo: true });
}

async function serveWith(config: Config, storage: Storage, metrics: GatewayMetrics, options: { demo?: boolean } = {}): Promise<void> {
  const logger = createLogger(config.log.level);
  // Policy and keys before the port opens: a broken policy stops the start, with its problems.
  const policy = loadPolicy(config.policyFile, gatewaySchema());
  const identity = await createIdentity(config);
  const pseudonymSecret = config.pseudonymSecret ? new Uint8Array(Buffer.from(config.pseudonymSecret, 'utf8')) : await ensurePseudonymSecret(config.dataDir);
  const graphql = await createGatewayEndpoint({ storage, policy, verifier: identity.verifier, logger, production: config.nodeEnv === 'production', pseudonymSecret, analyticsTimeoutMs: config.database.analyticsTimeoutMs, limits: config.limits, rateLimit: config.rateLimit, trustedDocuments: config.trustedDocuments, compiledExecution: config.compiledExecution, checkpointSigner: await loadCheckpointSigner(config), metrics });
  let tokens: DemoToken[] | null = null;
  if (options.demo) {
    await registerPolicyAgencies(graphql.agencies, policy);
    if (identity.devKey) {
      tokens = await demoTokens(policy, identity.devKey);
      const file = path.join(config.dataDir, 'demo-tokens.json');
      await fs.writeFile(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
      process.stderr.write(`\n${formatDemoTokens(tokens, file)}`);
    }
  }
  // The pages are built at install; a clone whose web/ changed since is rebuilt here (seconds).
  // Demo tokens are offered to the pages only by `npm start`, whose dev key production refuses.
  const pages = pageRoutes({ distDir: await ensureWebBuilt(), demoTokens: tokens });
  const server = await startServer({ host: config.server.host, port: config.server.port, requestTimeoutMs: config.server.requestTimeoutMs, storage, logger, metrics, routes: { ...pages, '/graphql': graphql.handler, '/aggregate.csv': graphql.aggregateCsv } });
  logger.info({ url: server.url, storage: storage.describe() }, 'gateway listening');
  process.stderr.write(`\nLiên Thông is listening on ${server.url}\n  GraphQL:   ${server.url}/graphql\n  health:    ${server.url}/healthz\n  readiness: ${server.url}/readyz\n\n${formatPageUrls(server.url, tokens !== null)}\n`);
  const metricsServer = config.metrics.port === null ? null : await startMetricsServer({ ...config.metrics, port: config.metrics.port, metrics, logger });
  if (metricsServer) process.stderr.write(`  metrics:   ${metricsServer.url}/metrics\n\n`);
  installShutdown({
    server,
    then: [
      { name: 'endpoint', close: () => graphql.stop() },
      { name: 'sources', close: () => storage.close() },
      ...(metricsServer ? [{ name: 'metrics', close: () => metricsServer.close() }] : []),
    ],
    ...config.shutdown,
    logger,
  });
}
