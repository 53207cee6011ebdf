import websocket from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebSocket } from 'ws';
import { requireAccessToPerson, type Principal } from '../../domain/identity/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf } from '../shared/auth-hook.js';
import { runChatSession } from './ws-chat.session.js';
import { runHealthAnalysisSession } from './ws-health-analysis.session.js';
import { CLOSE, MAX_MESSAGE_BYTES, errorMessage } from './ws-messages.js';
import { ConnectionRegistry, personOfRoom } from './ws-rooms.js';

/** Frames past this are cut by `ws` itself (close 1009, no ERROR); up to it we read the frame and answer with an ERROR. */
const FRAME_LIMIT_BYTES = 4 * MAX_MESSAGE_BYTES;
/** On shutdown, clients get this long to answer the close handshake before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

const RoomParams = Type.Object({ room_id: Type.String({ minLength: 1, maxLength: 200 }) });
const UserParams = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 128 }) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 8192 })) });
/** Never sent: the route contract wants a 2xx schema, and a WebSocket endpoint answers 101 or an error. */
const UpgradeOnly = Type.Null({ description: 'not used: the endpoint answers an Upgrade request with 101 Switching Protocols' });

const Stats = Type.Object({
  total_users: Type.Integer({ description: 'distinct users in chat rooms on this instance' }),
  total_connections: Type.Integer({ description: 'chat connections on this instance' }),
  rooms: Type.Record(Type.String(), Type.Integer(), { description: 'users per room, for the rooms the caller may join' }),
  health_analysis_connections: Type.Integer(),
  scope: Type.Literal('instance', { description: 'counts are of this API node; with REDIS_URL each node counts its own sockets' }),
});
const RoomUsers = Type.Object({
  room_id: Type.String(),
  users: Type.Array(
    Type.Object({
      user_id: Type.String(),
      role: Type.String(),
      connected_at: Type.String({ format: 'date-time' }),
      last_seen: Type.String({ format: 'date-time' }),
      connection_count: Type.Integer(),
    }),
  ),
  scope: Type.Literal('instance'),
});

/** Clarity `/api/v1/ws`: chat rooms and the health-analysis feed over WebSocket, plus chat statistics over HTTP. */
export const clarityWsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const registry = new ConnectionRegistry();
  await app.register(websocket, {
    options: { maxPayload: FRAME_LIMIT_BYTES },
    errorHandler: (error, socket, request) => {
      // Protocol errors (bad frames, oversize) are the client's; log the kind, not the content.
      request.log.info({ err: error }, 'websocket error');
      socket.terminate();
    },
    preClose: async () => {
      const clients = [...app.websocketServer.clients];
      for (const client of clients) client.close(CLOSE.goingAway, 'server shutting down');
      await waitForClose(clients, CLOSE_GRACE_MS);
      for (const client of clients) client.terminate();
    },
  });

  const notAnUpgrade = async () => {
    throw new AppError('bad_request', 'This is a WebSocket endpoint: connect with an Upgrade request (ws:// or wss://)');
  };

  app.route({
    method: 'GET',
    url: '/chat/:room_id',
    schema: {
      summary: 'WebSocket: a care room chat (room ids are "user:{user_id}"); token in ?token=',
      params: RoomParams,
      querystring: TokenQuery,
      response: { 200: UpgradeOnly },
      // OpenAPI cannot describe a WebSocket session; docs/realtime.md does.
      hide: true,
    },
    config: { auth: false },
    handler: notAnUpgrade,
    wsHandler: (socket: WebSocket, request) =>
      guard(request, socket, () => runChatSession(socket, request as FastifyRequest<{ Params: { room_id: string } }>, registry)),
  });

  app.route({
    method: 'GET',
    url: '/health-analysis/:user_id',
    schema: {
      summary: "WebSocket: a person's upload, import, PAT, twin and alert updates; token in ?token=",
      params: UserParams,
      querystring: TokenQuery,
      response: { 200: UpgradeOnly },
      // OpenAPI cannot describe a WebSocket session; docs/realtime.md does.
      hide: true,
    },
    config: { auth: false },
    handler: notAnUpgrade,
    wsHandler: (socket: WebSocket, request) =>
      guard(request, socket, () => runHealthAnalysisSession(socket, request as FastifyRequest<{ Params: { user_id: string } }>, registry)),
  });

  const mayJoin = (principal: Principal) => (roomId: string) => {
    const personId = personOfRoom(roomId);
    if (!personId) return false;
    try {
      requireAccessToPerson(principal, personId);
      return true;
    } catch {
      return false;
    }
  };

  app.get('/chat/stats', { schema: { summary: 'Chat connection counts on this instance', response: { 200: Stats } } }, async (request) => ({
    ...registry.stats(mayJoin(principalOf(request))),
    scope: 'instance' as const,
  }));

  app.get(
    '/chat/users/:room_id',
    { schema: { summary: 'Users connected to a room on this instance', params: RoomParams, response: { 200: RoomUsers } } },
    async (request) => {
      const { room_id: roomId } = request.params;
      const personId = personOfRoom(roomId);
      if (!personId) throw new AppError('not_found', 'Unknown room: room ids are "user:{user_id}"');
      requireAccessToPerson(principalOf(request), personId);
      return { room_id: roomId, users: registry.users(roomId), scope: 'instance' as const };
    },
  );
};

/** A session that fails unexpectedly tells its client and closes, instead of leaving a silent open socket. */
async function guard(request: FastifyRequest, socket: WebSocket, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    request.log.error({ err: error }, 'websocket session failed');
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify(errorMessage(request.server.services.clock.now(), 'INTERNAL_ERROR', 'Internal error')));
      socket.close(CLOSE.internalError, 'internal error');
    }
  }
}

function waitForClose(clients: WebSocket[], ms: number): Promise<void> {
  const open = clients.filter((client) => client.readyState !== client.CLOSED);
  if (open.length === 0) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    let remaining = open.length;
    for (const client of open) {
      client.once('close', () => {
        remaining -= 1;
        if (remaining === 0) {
          clearTimeout(timer);
          done();
        }
      });
    }
  });
}
