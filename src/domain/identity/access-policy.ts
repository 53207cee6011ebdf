import { AppError } from '../../platform/http/app-error.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

/**
 * The one RBAC helper. Routes declare `config.auth.roles`; the auth hook calls `requireRole`.
 * Domain services call `requireAccessToPerson` before touching anyone's personal data.
 */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (allowed.length > 0 && !allowed.includes(principal.role)) {
    throw new AppError('forbidden', 'Your role does not allow this action', {
      details: { required_roles: [...allowed] },
    });
  }
}

/**
 * A person's own data, or an admin acting on it. Clinicians will get access through care relationships
 * (added with the data issues); until then they see only their own.
 */
export function requireAccessToPerson(principal: Principal, personId: string): void {
  if (principal.userId === personId || principal.role === 'admin') return;
  throw new AppError('forbidden', "You may not access another person's data");
}
