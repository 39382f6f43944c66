/** The gateway's own store: the agencies it serves, their trusted documents and the access log. */
export { AgencyRegistry, type AgencyRecord, type AgencyStatus } from './agency-registry.js';
export {
  type AccessRecord,
  type FieldLists,
  type FieldSet,
  GENESIS_HASH,
  NO_FIELDS,
  type StoredAccessRecord,
  chainHash,
  fieldSet,
  fieldSetId,
  sha256Hex,
} from './access-log.chain.js';
export { AccessLogStore, CheckpointWriter, type AccessLogFilter, type Checkpoint, type NewAccessRecord } from './access-log.store.js';
export { toColumns } from './access-log.rows.js';
export { TrustedDocuments, documentHash, type TrustedDocument } from './trusted-documents.js';
