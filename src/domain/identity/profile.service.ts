import type { AuditLog } from '../../platform/audit/audit.port.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { requireAccessToPerson } from './access-policy.js';
import type { RequestMeta } from './auth.service.js';
import type { Principal } from './principal.js';
import type { ProfilePatch, User } from './user.js';
import type { UserRepository } from './user.repository.js';

/** Reading and changing a person's profile: authorised and audited (height, weight and blood type are health data). */
export class ProfileService {
  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(principal: Principal, personId: string, meta: RequestMeta): Promise<User> {
    requireAccessToPerson(principal, personId);
    const user = personId === principal.userId ? principal.account : await this.users.findById(personId);
    if (!user) throw new AppError('not_found', 'User not found');
    await this.record('profile.read', principal, personId, meta);
    return user;
  }

  async update(principal: Principal, personId: string, patch: ProfilePatch, meta: RequestMeta): Promise<User> {
    requireAccessToPerson(principal, personId);
    const changed = Object.keys(patch).filter((k) => patch[k as keyof ProfilePatch] !== undefined);
    const user = await this.users.updateProfile(personId, patch, this.clock.now().toISOString());
    if (!user) throw new AppError('not_found', 'User not found');
    await this.record('profile.update', principal, personId, meta, { fields: changed.sort().join(',') });
    return user;
  }

  private record(action: string, principal: Principal, personId: string, meta: RequestMeta, details: Record<string, string> = {}): Promise<void> {
    return this.audit.record({
      action,
      outcome: 'success',
      actorId: principal.userId,
      actorRole: principal.role,
      subjectUserId: personId,
      resourceType: 'profile',
      resourceId: personId,
      requestId: meta.requestId,
      ip: meta.ip,
      details,
    });
  }
}
