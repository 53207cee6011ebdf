import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireAccessToPerson, type User } from '../../domain/identity/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf } from '../shared/auth-hook.js';

/** `?user_id=`: whose data (default: the caller's own; someone else's only for a caller allowed to access them). */
export const SubjectQuery = Type.Object(
  { user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);

/** The person whose data is asked for: the caller, or `userId` when the caller may access them (403 first, then 404). */
export async function subjectOf(request: FastifyRequest, userId: string | undefined): Promise<User> {
  const principal = principalOf(request);
  const personId = userId ?? principal.userId;
  requireAccessToPerson(principal, personId);
  if (personId === principal.userId) return principal.account;
  const user = await request.server.services.identity.users.findById(personId);
  if (!user) throw new AppError('not_found', 'User not found');
  return user;
}
