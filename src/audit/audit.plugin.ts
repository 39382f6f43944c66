/**
 * The Apollo plugin that writes the access record of every request that read, or was refused,
 * personal data, before its response leaves: it starts the commit when the response is ready
 * and the HTTP handler holds the response until it is done (release-gate.ts). If the record
 * cannot be committed, an AUDIT_UNAVAILABLE error is sent instead: no personal data without its record.
 */
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { DocumentAnalysis } from '../auth/document-analysis.js';
import type { RequestAuth } from '../auth/request-auth.js';
import type { Policy } from '../auth/policy/policy.types.js';
import type { Logger } from '../log/logger.js';
import { createHmac, createSecretKey } from 'node:crypto';
import { type FieldSet, NO_FIELDS, type NewAccessRecord, fieldSet } from '../sources/gateway/index.js';
import { holdRelease } from './release-gate.js';
import type { AuditedContext } from './release-tracking.js';
import type { AccessLogWriter } from './writer.js';

export interface AuditContext extends AuditedContext {
  readonly auth: RequestAuth;
  readonly requestId: string;
  readonly logger: Logger;
  /** The client's address, as the HTTP server saw it. */
  readonly client: string | null;
}

/** Codes of refusals that are themselves logged (an identified caller asked for what it may not have). */
const REFUSALS = new Set(['FORBIDDEN', 'PURPOSE_REQUIRED', 'QUERY_TOO_COMPLEX']);
const FAILURES = new Set(['INTERNAL_SERVER_ERROR', 'SOURCE_UNAVAILABLE']);

export interface AuditPluginOptions {
  writer: AccessLogWriter;
  policy: Policy;
  /**
   * Keys the document and variables hashes (HMAC-SHA-256). A plain SHA-256 of variables that are
   * just a personal ID could be reversed by trying every ID; keyed, it still tells equal
   * requests apart from different ones, and reveals nothing without the key.
   */
  hashKey: Uint8Array;
}

export function auditPlugin<C extends AuditContext>(options: AuditPluginOptions): ApolloServerPlugin<C> {
  const { writer, policy } = options;
  // Imported once: a raw key given to createHmac is imported again on every call.
  const key = createSecretKey(options.hashKey);
  const keyed = (text: string) => createHmac('sha256', key).update(text).digest('hex');
  // A document's hash is the same on every request that sends it: computed once per parsed document.
  const documentHashes = new WeakMap<object, string>();
  const documentHash = (rc: GraphQLRequestContextWillSendResponse<C>): string | null => {
    if (!rc.queryHash) return null;
    if (!rc.document) return keyed(rc.queryHash);
    let hash = documentHashes.get(rc.document);
    if (hash === undefined) documentHashes.set(rc.document, (hash = keyed(rc.queryHash)));
    return hash;
  };
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const record = recordOf(rc, policy, keyed, documentHash(rc));
          if (!record) return;
          // The context's logger is the request's own: its lines carry the request id.
          const { logger, audit } = rc.contextValue;
          // Not awaited: Apollo serializes the body while the record is being committed.
          holdRelease(audit, writer.append(record), (error) => {
            logger.error({ err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, 'access log write failed: response withheld');
          });
        },
      };
    },
  };
}

/** What a record says of the fields: for an answered request, and for one refused during execution (nothing released). */
interface Fields {
  readonly answered: FieldSet;
  readonly refused: FieldSet;
}

const NONE: Fields = { answered: NO_FIELDS, refused: NO_FIELDS };
const fieldsByAnalysis = new WeakMap<DocumentAnalysis, Fields>();

/**
 * What a record says of the fields: derived from the document's analysis alone, so computed
 * (sorted and hashed into field sets) once per (document, grant) like the analysis, not per request.
 */
function fieldsOf(analysis: DocumentAnalysis, policy: Policy): Fields {
  let fields = fieldsByAnalysis.get(analysis);
  if (!fields) {
    const released = [...analysis.coordinates].filter((c) => !analysis.denied.has(c) && !analysis.masked.has(c));
    const masked = [...analysis.masked];
    const denied = [...analysis.denied];
    const categories = new Set<string>();
    // The data's categories, not the root fields' (a lookup is not a kind of data).
    for (const c of [...released, ...masked]) {
      if (c.startsWith('Query.')) continue;
      const category = policy.categoryOf.get(c);
      if (category && policy.categories.get(category)?.personal) categories.add(category);
    }
    fields = {
      answered: fieldSet({ released, masked, denied, categories: [...categories] }),
      refused: fieldSet({ released: [], masked, denied, categories: [] }),
    };
    fieldsByAnalysis.set(analysis, fields);
  }
  return fields;
}

/** The record of this request, or null when it touched no personal data and was not refused. */
function recordOf<C extends AuditContext>(
  rc: GraphQLRequestContextWillSendResponse<C>,
  policy: Policy,
  keyed: (text: string) => string,
  documentHash: string | null,
): NewAccessRecord | null {
  const ctx = rc.contextValue;
  const analysis = ctx.auth.analysis;
  const body = rc.response.body.kind === 'single' ? rc.response.body.singleResult : null;
  const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? ''));
  const refused = body?.data === undefined ? codes.find((c) => REFUSALS.has(c)) : undefined;
  if (!refused && !analysis?.personal) return null;
  const fields = analysis ? fieldsOf(analysis, policy) : NONE;
  const failure = codes.find((c) => FAILURES.has(c));
  const subjects = [...ctx.audit.subjects];
  const outcome = refused ? 'REFUSED' : failure && !body?.data ? 'FAILED' : fields.answered.denied.length > 0 ? 'PARTIAL' : subjects.length > 0 ? 'RELEASED' : 'NOTHING_RELEASED';
  const variables = rc.request.variables;
  return {
    at: new Date(),
    requestId: ctx.requestId,
    agency: ctx.auth.principal.agency,
    officer: text(ctx.auth.principal.sub) as string,
    role: ctx.auth.principal.role,
    purpose: ctx.auth.purpose,
    caseRef: text(ctx.audit.caseRef),
    operation: text(rc.operationName ?? rc.request.operationName ?? null),
    // Keyed over Apollo's own SHA-256 of the document (a literal personal ID may sit in its text).
    documentHash,
    variablesHash: variables && Object.keys(variables).length > 0 ? keyed(JSON.stringify(variables)) : null,
    subjects,
    fields: refused ? fields.refused : fields.answered,
    outcome,
    code: refused ?? failure ?? null,
    client: ctx.client,
  };
}

/**
 * Text a caller chose, made storable: PostgreSQL text cannot hold NUL, and a record that cannot
 * be stored would withhold an honest answer. Bounded, so no caller can bloat the log.
 */
function text(value: string | null): string | null {
  return value === null ? null : value.replace(/\u0000/g, '\uFFFD').slice(0, 256);
}
