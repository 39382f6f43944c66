/**
 * PostGraphile 5 on the bench database, as a user of it would set it up to answer the same
 * questions: the amber preset, simple lists beside connections, and the cross-source links the
 * database cannot declare (each source is its own schema without foreign keys into the others)
 * given as smart tags. No authorization and no access log: it is the reference for what a
 * schema-generating GraphQL server costs.
 *
 *   PORT=4200 DATABASE_URL=postgres://postgres@127.0.0.1:5432/lienthong_bench \
 *     node --import tsx bench/postgraphile.ts
 */
import http from 'node:http';

// PostGraphile 5 declares Node >= 22 and calls Promise.withResolvers, which Node 20 lacks. This is
// the whole difference it needs to run here (PERF-ANCHORS.md); nothing else is patched.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { jsonPgSmartTags } = await import('postgraphile/utils');
const { W5_FUNCTION_SCHEMA } = await import('./lib/w5.js');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('postgraphile: DATABASE_URL is required\n');
  process.exit(2);
}

/** `table.column -> table.column`, as smart tags on the referencing table. */
const links = {
  'records.results': ['(subject_personal_id) references population.citizens (personal_id)|@fieldName subject|@foreignFieldName results'],
  'civil.births': [
    '(child_personal_id) references population.citizens (personal_id)|@fieldName child|@foreignFieldName births',
    '(father_personal_id) references population.citizens (personal_id)|@fieldName father|@foreignFieldName birthsAsFather',
    '(mother_personal_id) references population.citizens (personal_id)|@fieldName mother|@foreignFieldName birthsAsMother',
    '(registering_unit_code) references population.units (code)|@fieldName registeringUnit|@foreignFieldName births',
  ],
  'population.citizens': ['(household_id) references population.households (id)|@fieldName household|@foreignFieldName members'],
};

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [jsonPgSmartTags({ version: 1, config: { class: Object.fromEntries(Object.entries(links).map(([table, keys]) => [table, { tags: { foreignKey: keys } }])) } })],
  pgServices: [
    makePgService({
      connectionString: databaseUrl,
      schemas: ['population', 'records', 'civil', W5_FUNCTION_SCHEMA],
      // The same pool size as the gateway's default and the floor's (DB_POOL_MAX).
      poolConfig: { max: Number(process.env.DB_POOL_MAX ?? 4) },
    }),
  ],
  // Simple lists beside connections, as PostGraphile users typically switch on (`simpleCollections: both` in v4).
  schema: { defaultBehavior: 'connection resource:connection list resource:list', pgForbidSetofFunctionsToReturnNull: false },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = http.createServer();
serv.addTo(server);
server.keepAliveTimeout = 65_000;
// Build the schema before listening, so the first request does not pay for it.
await pgl.getSchema();
server.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  process.stderr.write(`postgraphile listening on ${typeof address === 'object' && address ? address.port : address}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  });
}
