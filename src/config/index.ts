export { loadConfig, type Config, type SourceStorage, type NodeEnv } from './config.js';
export { SOURCE_NAMES, type SourceName, sourceUrlVariable } from './sources.js';
export { DEFAULT_LIMITS, type QueryLimits } from './limits.js';
