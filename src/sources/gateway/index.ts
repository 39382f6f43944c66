/** The gateway's own store: the agencies it serves (and, later, the access log). */
export { AgencyRegistry, type AgencyRecord, type AgencyStatus } from './agency-registry.js';
