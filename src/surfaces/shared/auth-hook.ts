import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/app-error.js';
import { requireRole, type Principal, type RequestMeta } from '../../domain/identity/index.js';
import './fastify-augment.js';

/**
 * The one place requests are authenticated and roles enforced. Routes are protected unless they say
 * `config: { auth: false }`; `config: { auth: { roles: [...] } }` narrows who may call them.
 */
export function installAuth(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === false || request.is404) return;
    request.principal = await app.services.identity.authenticator.authenticate(request.headers.authorization);
    if (auth?.roles) requireRole(request.principal, auth.roles);
  });
}

/** The authenticated caller; routes that are protected can rely on it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'Authentication required', { details: { reason: 'Missing Authorization header' } });
  return request.principal;
}

export const requestMeta = (request: FastifyRequest): RequestMeta => ({ requestId: request.id, ip: request.ip ?? null });
