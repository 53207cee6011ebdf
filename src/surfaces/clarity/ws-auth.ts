import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../domain/identity/index.js';

/**
 * Authenticates a WebSocket upgrade with the same access tokens, checks and revocation list as the HTTP API.
 * Browsers cannot set headers on a WebSocket, so the token comes as `?token=` (spec §6); an `Authorization: Bearer`
 * header is accepted too. Query strings are never logged. Throws the AppError the HTTP API would.
 */
export async function authenticateSocket(request: FastifyRequest): Promise<Principal> {
  const { authenticator } = request.server.services.identity;
  const token = (request.query as { token?: unknown }).token;
  const principal =
    typeof token === 'string' && token !== ''
      ? await authenticator.fromToken(token)
      : await authenticator.authenticate(request.headers.authorization);
  // The audit helpers read the caller from the request, as on HTTP routes.
  request.principal = principal;
  return principal;
}
