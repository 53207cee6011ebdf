import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../../domain/identity/index.js';
import { isAppError, type ErrorKind } from '../../platform/http/app-error.js';
import { authenticateSocket } from './ws-auth.js';
import { CLOSE, MAX_MESSAGE_BYTES, type WsErrorCode } from './ws-messages.js';
import { WsSession } from './ws-session.js';

/** A session with the limits from the configuration (WS_IDLE_TIMEOUT_MS, WS_MESSAGES_PER_MINUTE, WS_MESSAGE_BURST). */
export function openSession(socket: WebSocket, request: FastifyRequest): WsSession {
  const { config, clock } = request.server.services;
  const session = new WsSession(
    socket,
    {
      idleTimeoutMs: config.WS_IDLE_TIMEOUT_MS,
      messagesPerMinute: config.WS_MESSAGES_PER_MINUTE,
      burst: config.WS_MESSAGE_BURST,
      maxMessageBytes: MAX_MESSAGE_BYTES,
    },
    () => clock.now(),
  );
  const opened = performance.now();
  // No ids or paths: the route says which endpoint, the close code says how it ended.
  socket.once('close', (code) =>
    request.log.info(
      { route: request.routeOptions.url, close_code: code, duration_ms: Math.round(performance.now() - opened) },
      'websocket closed',
    ),
  );
  return session;
}

/**
 * Authenticates the connection's token and runs `authorise`; on failure the client gets an ERROR saying why and the
 * connection is closed with 1008 (policy violation), and this returns undefined. The upgrade itself is always
 * accepted: a browser cannot read the status of a refused upgrade, but it can read an ERROR message and a close code.
 */
export async function refuseUnauthorised(
  session: WsSession,
  request: FastifyRequest,
  authorise: (principal: Principal) => void,
): Promise<Principal | undefined> {
  let principal: Principal;
  try {
    principal = await authenticateSocket(request);
  } catch (error) {
    refuse(session, request, error);
    return undefined;
  }
  try {
    authorise(principal);
  } catch (error) {
    refuse(session, request, error);
    return undefined;
  }
  if (!session.isOpen) return undefined;
  session.expireAt(principal.expiresAt);
  return principal;
}

const REFUSAL_CODES: Partial<Record<ErrorKind, WsErrorCode>> = {
  unauthorized: 'AUTHENTICATION_FAILED',
  forbidden: 'FORBIDDEN',
  not_found: 'UNKNOWN_ROOM',
};

function refuse(session: WsSession, request: FastifyRequest, error: unknown): void {
  const code = isAppError(error) ? REFUSAL_CODES[error.kind] : undefined;
  if (!code || !isAppError(error)) {
    request.log.error({ err: error }, 'websocket authorisation failed unexpectedly');
    session.fail(CLOSE.internalError, 'INTERNAL_ERROR', 'Internal error');
    return;
  }
  const reason = typeof error.details.reason === 'string' ? error.details.reason : undefined;
  session.fail(CLOSE.policyViolation, code, error.message, reason ? { reason } : undefined);
}
