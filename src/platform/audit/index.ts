export type { AuditEvent, AuditLog } from './audit.port.js';
export { SqlAuditLog, type AuditEntry, type AuditFilter, type AuditPage, type AuditPageRequest } from './audit-log.js';
export { verifyChain, type ChainProblem, type ChainProblemKind, type VerifyOptions, type VerifyResult } from './verify-chain.js';
