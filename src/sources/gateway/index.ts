/** The gateway's own store: the agencies it serves and the access log. */
export { AgencyRegistry, type AgencyRecord, type AgencyStatus } from './agency-registry.js';
export { type AccessRecord, GENESIS_HASH, chainHash, sha256Hex } from './access-log.chain.js';
export { AccessLogStore, CheckpointWriter, toColumns, type AccessLogFilter, type Checkpoint, type NewAccessRecord, type StoredAccessRecord } from './access-log.store.js';
