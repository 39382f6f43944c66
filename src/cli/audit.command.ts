/**
 * `lienthong audit verify`, `audit export` and `audit checkpoints`. They open the storage like
 * every other command: on the embedded engine that takes the data-directory lock, so they cannot
 * run while the server runs (stop it first); on PostgreSQL they run beside the gateway.
 */
import path from 'node:path';
import { isCode } from '../auth/identity/index.js';
import { AUDIT_KEY_PATH, checkpointPublicKey, readPublicKeyFile } from '../audit/checkpoint-signer.js';
import { type ExportFilter, exportAccessLog, exportCheckpoints } from '../audit/export.js';
import { type ChainReport, verifyChain } from '../audit/verify-chain.js';
import { CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_RECORDS } from '../audit/writer.js';
import type { Config } from '../config/index.js';
import { type Storage, openLockedStorage } from '../db/index.js';
import { BadUserInputError } from '../errors/index.js';
import { personalIdProblem } from '../lib/personal-id.js';
import { AccessLogStore } from '../sources/gateway/index.js';

export interface AuditVerifyOptions {
  /** A public JWK file to check the checkpoints with, instead of the gateway's own key. */
  readonly publicKey?: string;
}

export interface AuditExportOptions {
  readonly from?: string;
  readonly to?: string;
  readonly agency?: string;
  readonly personalId?: string;
  readonly purpose?: string;
}

/**
 * Verifies the whole chain and prints one line: `access log verified: …` (resolves 0) or
 * `access log FAILED verification at seq S: <kind>: <explanation>` (resolves 1).
 * @throws BadUserInputError for an unusable `--public-key`; LienThongError if the storage or key cannot be opened.
 */
export async function auditVerifyCommand(config: Config, options: AuditVerifyOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  // The key first: a bad --public-key is reported before any database is opened or locked.
  const publicJwk = options.publicKey ? await readPublicKeyFile(path.resolve(options.publicKey)) : await checkpointPublicKey(config);
  const report = await withAccessLog(config, (store) => verifyChain(store, publicJwk));
  out.write(`${formatReport(report, publicJwk === null ? path.join(config.dataDir, AUDIT_KEY_PATH) : null)}\n`);
  return report.ok ? 0 : 1;
}

/**
 * Writes the records of a time window as JSON lines to `out` (nothing for an empty window) and
 * the count to stderr.
 * @throws BadUserInputError listing every bad argument (a personal ID is never echoed).
 */
export async function auditExportCommand(config: Config, options: AuditExportOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const filter = parseExportOptions(options);
  const count = await withAccessLog(config, (store) => exportAccessLog(store, filter, out));
  process.stderr.write(`exported ${count.toLocaleString('en')} access log record(s) from ${filter.from.toISOString()} to ${filter.to.toISOString()}\n`);
}

/** Writes every signed checkpoint as JSON lines to `out`, and the count to stderr. */
export async function auditCheckpointsCommand(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const count = await withAccessLog(config, (store) => exportCheckpoints(store, out));
  process.stderr.write(`exported ${count.toLocaleString('en')} checkpoint(s)\n`);
}

/** One line for the operator. `missingKey` is the local key's path when there was no key to check signatures with. */
export function formatReport(report: ChainReport, missingKey: string | null = null): string {
  if (report.problem) return `access log FAILED verification at seq ${report.problem.seq}: ${report.problem.kind}: ${report.problem.explanation}`;
  const noKey = `signatures NOT checked: no public key${missingKey ? `, ${missingKey} does not exist; pass --public-key` : ''}`;
  const signatures = report.signatures === 'checked' ? 'signatures checked' : report.checkpoints === 0 ? 'none signed yet' : noKey;
  const head = report.head ? `head seq ${report.head.seq} hash ${report.head.hash.slice(0, 16)}…` : 'the log is empty';
  const unsigned =
    report.head && report.head.seq !== report.lastCheckpointSeq
      ? `\n  records after seq ${report.lastCheckpointSeq ?? 0} are not yet under a signed checkpoint (one is signed every ${CHECKPOINT_EVERY_RECORDS.toLocaleString('en')} records or ${CHECKPOINT_EVERY_MS / 1000} s)`
      : '';
  return `access log verified: ${report.records.toLocaleString('en')} records, ${report.checkpoints.toLocaleString('en')} checkpoints (${signatures}), ${head}${unsigned}`;
}

/**
 * Checks the export arguments, all at once. Times are ISO 8601 with their zone (a breach report
 * must not depend on the machine's zone): `--from` inclusive, `--to` exclusive.
 * @throws BadUserInputError naming every bad argument; a personal ID's value is never shown.
 */
export function parseExportOptions(options: AuditExportOptions): ExportFilter {
  const problems: string[] = [];
  const from = parseTime('--from', options.from, problems);
  const to = parseTime('--to', options.to, problems);
  if (from && to && from.getTime() >= to.getTime()) problems.push('--from must be before --to');
  if (options.agency !== undefined && !isCode(options.agency)) problems.push('--agency: expected an upper-case agency code of letters, digits and . _ - (at most 32), e.g. CA.HBT');
  const idProblem = options.personalId === undefined ? null : personalIdProblem(options.personalId);
  if (idProblem !== null) problems.push(`--personal-id: ${idProblem} (value not shown)`);
  if (options.purpose !== undefined && !/^[^\p{Cc}]{1,64}$/u.test(options.purpose)) problems.push('--purpose: expected 1 to 64 characters, e.g. LAND_REGISTRATION');
  if (problems.length > 0 || !from || !to) throw new BadUserInputError(`Invalid arguments:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { from, to, agency: options.agency ?? null, personalId: options.personalId ?? null, purpose: options.purpose ?? null };
}

/** Date, hours and minutes, optional seconds and milliseconds, and the zone: Z or ±hh:mm. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

function parseTime(name: string, raw: string | undefined, problems: string[]): Date | null {
  const expected = 'an ISO 8601 time with its zone, e.g. 2026-01-31T00:00:00+07:00 or 2026-01-30T17:00:00Z';
  if (raw === undefined || raw === '') {
    problems.push(`${name} is required: ${expected}`);
    return null;
  }
  const parts = TIME.exec(raw);
  const [year, month, day] = [Number(parts?.[1]), Number(parts?.[2]), Number(parts?.[3])];
  // The pattern bounds the clock; the calendar (30 February, 31 April) needs the date itself.
  const calendarDay = month >= 1 && month <= 12 && day >= 1 && day === new Date(Date.UTC(year, month - 1, day)).getUTCDate();
  if (parts === null || !calendarDay) {
    problems.push(`${name}: expected ${expected}; got ${JSON.stringify(raw.slice(0, 40))}`);
    return null;
  }
  return new Date(raw);
}

/** Opens the storage, checks the log's tables exist, runs `work`, closes. */
async function withAccessLog<T>(config: Config, work: (store: AccessLogStore) => Promise<T>): Promise<T> {
  const storage: Storage = await openLockedStorage(config, { poolMax: 2, connectTimeoutSeconds: config.database.connectTimeoutSeconds });
  try {
    const gateway = storage.sources.gateway;
    const [found] = await gateway.query<{ table: string | null }>("SELECT to_regclass('gateway.access_log')::text AS table");
    if (!found?.table) throw new BadUserInputError(`The access log does not exist in ${storage.describe().gateway}: run \`lienthong migrate\` first`);
    return await work(new AccessLogStore(gateway));
  } finally {
    await storage.close();
  }
}
