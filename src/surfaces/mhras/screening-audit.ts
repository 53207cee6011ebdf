import type { FastifyRequest } from 'fastify';
import { auditRequest, type AuditDetails } from '../shared/health-audit.js';

/**
 * Audits one screening action: who, which anonymized subject, what. The subject is an anonymized id, not an account,
 * so it goes in `details`; never scores, answers or free text.
 */
export const auditScreening = (
  request: FastifyRequest,
  action: string,
  resource: { type: string; id?: string | null },
  details: AuditDetails = {},
): Promise<void> => auditRequest(request, action, null, resource, details);

/** Who may do what on the MHRAS surface (canonical roles; `data_scientist` is `researcher`). */
export const MHRAS_ROLES = {
  screen: ['clinician', 'admin'],
  read: ['clinician', 'auditor', 'admin'],
  review: ['clinician', 'admin'],
  aggregates: ['clinician', 'auditor', 'researcher', 'admin'],
} as const;
