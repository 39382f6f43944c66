/**
 * The `lienthong` command line. This is the only module that reads `process.env`: it validates
 * the whole configuration once and hands a frozen object to everything else.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Config, loadConfig } from '../config/index.js';
import { isLienThongError } from '../errors/index.js';
import { SCALES, type Scale } from '../seed/plan.js';
import { ROLES } from '../auth/identity/principal.js';
import { type TokenOptions, parseCode, parseTtl, refuseInProduction, tokenCommand } from './token.command.js';
import type { AuditExportOptions, AuditVerifyOptions } from './audit.command.js';

// Each command's module is loaded when that command runs: the server's (Apollo, the schema, the
// pages) made every `lienthong token` or `audit verify` take seconds to start.
const commands = {
  audit: () => import('./audit.command.js'),
  documents: () => import('./documents.command.js'),
  migrate: () => import('./migrate.command.js'),
  policy: () => import('./policy.command.js'),
  seed: () => import('./seed.command.js'),
  serve: () => import('./serve.command.js'),
};

const program = new Command('lienthong')
  .description('Liên Thông: the GraphQL data-sharing gateway over the population registry, the digitized results store and specialist sources.')
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Configuration comes from the environment (see README.md, "Configuration"):
  DATA_DIR                 embedded databases and local keys (default ./data)
  DATABASE_URL             put every source on this PostgreSQL server instead
  <SOURCE>_DATABASE_URL    put one source on its own server, e.g. LAND_DATABASE_URL
  PORT, HOST               where the gateway listens (default 127.0.0.1:4000)
  AUTH_ISSUER              the trusted token issuer, with AUTH_JWKS_URL or AUTH_JWKS_FILE
                           (required with NODE_ENV=production; elsewhere a local dev key is trusted too)
  AUDIT_SIGNING_KEY_FILE   the private JWK signing the access log's checkpoints (required with NODE_ENV=production)

Examples:
  npx lienthong start                              migrate, seed demo data if empty, serve
  DATABASE_URL=postgres://postgres@127.0.0.1/lt npx lienthong migrate
  DATABASE_URL=postgres://postgres@127.0.0.1/lt npx lienthong seed --scale district
  npx lienthong token --agency UBND.BACHMAI --role counter --unit HN.BACHMAI   a dev bearer token`,
  );

let config: Config | undefined;
/** Validated once, the first time a command needs it. */
function getConfig(): Config {
  config ??= loadConfig(process.env);
  return config;
}

program
  .command('migrate')
  .description("apply each source's migrations (migrations/<source>/) to its database; safe to repeat")
  .action(async () => (await commands.migrate()).migrateCommand(getConfig()));

program
  .command('seed')
  .description('generate deterministic demo data and bulk-load it (COPY) into every source')
  .addOption(new Option('--scale <scale>', 'demo: two wards; district: Hai Bà Trưng as published; city: ~8.5 M citizens (PostgreSQL only)').choices(SCALES).default('demo'))
  .option('--seed <n>', 'random seed; the same seed gives the same data byte for byte', parseSeed, 1)
  .option('--replace', 'empty the seeded tables first instead of refusing when data is present', false)
  .addHelpText('after', '\nThe sources must be migrated first (`lienthong migrate`). Prints the totals and the time taken.')
  .action(async (options: { scale: Scale; seed: number; replace: boolean }) => {
    await (await commands.seed()).seedCommand(getConfig(), options);
  });

program
  .command('serve')
  .description('serve the gateway (GraphQL at /graphql, health at /healthz and /readyz)')
  .action(async () => (await commands.serve()).serveCommand(getConfig()));

program
  .command('start')
  .description('what `npm start` runs: migrate, seed the demo data if the sources are empty, then serve')
  .action(async () => (await commands.serve()).startCommand(getConfig()));

program
  .command('token')
  .description('print a bearer token signed with the local dev key (not in production)')
  .requiredOption('--agency <code>', 'agency code, e.g. CA.HBT (its form only is checked here; the server applies the policy)', parseCode)
  .addOption(new Option('--role <role>', 'the role the token grants').choices(ROLES).makeOptionMandatory())
  .option('--unit <code>', 'the unit the officer works for, e.g. HBT.NGUYENDU.2020', parseCode)
  .option('--sub <id>', 'subject (default officer@<agency>; required for citizen: a 12-digit personal ID)')
  .addOption(new Option('--ttl <duration>', 'lifetime: 30m, 1h, 8h, at most 24h').argParser(parseTtl).default(3600, '1h'))
  .addHelpText('after', '\nPrints the token alone on stdout, e.g. curl -H "authorization: Bearer $(npx lienthong token …)". Opens no database.')
  .action(async (options: TokenOptions) => {
    refuseInProduction(process.env.NODE_ENV);
    await tokenCommand(getConfig(), options);
  });

program
  .command('policy')
  .description('authorization policy tools')
  .command('check <file>')
  .description('validate a policy file (e.g. policy/default.yaml) against the schema and print what each agency/role sees; exit 1 on problems')
  .action(async (file: string) => {
    process.exitCode = (await commands.policy()).policyCheckCommand(file);
  });

const documents = program.command('documents').description("trusted documents: the operations an agency's software may send (required in production for roles without adHocDocuments)");

documents
  .command('register <files...>')
  .description('register .graphql files as documents the agency may send; each file is one document, hashed (SHA-256) as the client will send it, byte for byte')
  .requiredOption('--agency <code>', 'the agency whose software sends them, e.g. CA.HBT', parseCode)
  .action(async (files: string[], options: { agency: string }) => (await commands.documents()).documentsRegisterCommand(getConfig(), options.agency, files));

documents
  .command('list')
  .description('print the registered documents: hash, agency, file name')
  .option('--agency <code>', 'only this agency', parseCode)
  .action(async (options: { agency?: string }) => (await commands.documents()).documentsListCommand(getConfig(), options.agency ?? null));

const AUDIT_LOCK_NOTE = `
On the embedded engine (PGlite) this takes the data-directory lock, so it cannot run while the
server runs: stop the server first. On PostgreSQL (DATABASE_URL) it runs beside the gateway.`;

const audit = program.command('audit').description('the access log: verify its hash chain and signed checkpoints, export it for a breach report');

audit
  .command('verify')
  .description('check every record of the access log and every signed checkpoint; name the first record altered, deleted, inserted or reordered')
  .option('--public-key <file>', "a public JWK (ES256 or EdDSA) to check the checkpoint signatures with, instead of the gateway's own key")
  .addHelpText('after', `\nExit 0 and "access log verified: …" when everything checks; exit 1 and "access log FAILED verification at seq S: …" otherwise.${AUDIT_LOCK_NOTE}`)
  .action(async (options: AuditVerifyOptions) => {
    process.exitCode = await (await commands.audit()).auditVerifyCommand(getConfig(), options);
  });

audit
  .command('export')
  .description('print the access log of a time window as JSON lines (every column, chain order): who accessed whose data')
  .option('--from <time>', 'start, inclusive: ISO 8601 with its zone, e.g. 2026-01-31T00:00:00+07:00 (required)')
  .option('--to <time>', 'end, exclusive (required)')
  .option('--agency <code>', 'only this agency, e.g. VPDK.HN')
  .option('--personal-id <id>', "only records that released this citizen's data (12 digits)")
  .option('--purpose <code>', 'only this declared purpose, e.g. LAND_REGISTRATION')
  .addHelpText('after', `\nRecords go to stdout, one JSON object a line; the count goes to stderr.${AUDIT_LOCK_NOTE}`)
  .action(async (options: AuditExportOptions) => (await commands.audit()).auditExportCommand(getConfig(), options));

audit
  .command('checkpoints')
  .description('print every signed checkpoint as JSON lines ({ seq, hash, signed_at, jws }), to keep copies away from the database')
  .addHelpText('after', AUDIT_LOCK_NOTE)
  .action(async () => (await commands.audit()).auditCheckpointsCommand(getConfig()));

function parseSeed(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number from 0 to 999999999');
  return Number(value);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isLienThongError(error)) {
    process.stderr.write(`lienthong: ${error.message}\n`);
    process.exit(error.code === 'CONFIG_INVALID' ? 2 : 1);
  }
  process.stderr.write(`lienthong: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
