import type { FastifyRequest } from 'fastify';
import { principalOf } from './auth-hook.js';

/**
 * Audits one access to a person's health data: who, whose, what, which request. `details` must never carry health
 * values (counts, ids and filter names only).
 */
export function auditHealthAccess(
  request: FastifyRequest,
  action: string,
  personId: string,
  resource: { type: string; id?: string | null },
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  const principal = principalOf(request);
  return request.server.services.audit.record({
    action,
    outcome: 'success',
    actorId: principal.userId,
    actorRole: principal.role,
    subjectUserId: personId,
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    requestId: request.id,
    ip: request.ip ?? null,
    details,
  });
}
