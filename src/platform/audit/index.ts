export type { AuditEvent, AuditLog } from './audit.port.js';
export { SqlAuditLog, type AuditEntry, type AuditFilter, type VerifyResult } from './audit-log.js';
