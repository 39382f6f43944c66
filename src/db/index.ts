export { quoteIdent } from './identifiers.js';
export { openStorage, describeStorage, type Storage, type StorageOptions, type SourceConnection, type Database, type Engine, type CopySink, type TransactionQuery, type QueryOptions, type StatementRecorder } from './storage.js';
export { openLockedStorage, usesEmbedded } from './open.js';
export { migrateAll, migrateSource } from './migrate.js';
export { lockDataDir } from './lock.js';
