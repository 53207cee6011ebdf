import type { FastifyRequest } from 'fastify';
import { principalOf } from './auth-hook.js';

export type AuditDetails = Record<string, string | number | boolean | null>;

/**
 * Audits one action of the request's principal: who, whose (`subjectUserId`, null when the subject is not an account),
 * what, which request. `details` must never carry health values (counts, ids and filter names only).
 */
export function auditRequest(
  request: FastifyRequest,
  action: string,
  subjectUserId: string | null,
  resource: { type: string; id?: string | null },
  details: AuditDetails = {},
): Promise<void> {
  const principal = principalOf(request);
  return request.server.services.audit.record({
    action,
    outcome: 'success',
    actorId: principal.userId,
    actorRole: principal.role,
    subjectUserId,
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    requestId: request.id,
    ip: request.ip ?? null,
    details,
  });
}

/** Audits one access to a person's health data. */
export const auditHealthAccess = (
  request: FastifyRequest,
  action: string,
  personId: string,
  resource: { type: string; id?: string | null },
  details: AuditDetails = {},
): Promise<void> => auditRequest(request, action, personId, resource, details);
