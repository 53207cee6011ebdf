import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../platform/http/app-error.js';
import { requireAccessToPerson, type Principal } from '../../domain/identity/index.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { serverMessage, type ClientMessage, type OutboundMessage } from './ws-messages.js';
import { openSession, refuseUnauthorised } from './ws-open.js';
import { personOfRoom, type ConnectionRegistry } from './ws-rooms.js';
import type { WsSession } from './ws-session.js';

/** The pub/sub channel of a room: every API node with a member in the room relays what is said there. */
export const roomChannel = (roomId: string): string => `chat:${roomId}`;

/** What crosses the pub/sub channel: the message and the connection it came from (TYPING is not echoed to it). */
interface RoomEnvelope {
  origin: string;
  message: OutboundMessage;
}

/**
 * `/api/v1/ws/chat/{room_id}`: a person's care room (see ws-rooms.ts). MESSAGE is relayed to everyone in the room,
 * sender included (their copy is the acknowledgement); TYPING to everyone else; joins and leaves are announced as
 * SYSTEM messages. Chat is a relay: nothing said is stored or logged.
 */
export async function runChatSession(
  socket: WebSocket,
  request: FastifyRequest<{ Params: { room_id: string } }>,
  registry: ConnectionRegistry,
): Promise<void> {
  const { pubsub, clock } = request.server.services;
  const roomId = request.params.room_id;
  const session = openSession(socket, request);
  const personId = personOfRoom(roomId);

  const principal = await refuseUnauthorised(session, request, (caller) => {
    if (!personId) throw new AppError('not_found', 'Unknown room: room ids are "user:{user_id}", the care room of that person');
    requireAccessToPerson(caller, personId);
  });
  if (!principal || !personId) return;
  await auditHealthAccess(request, 'realtime.chat.join', personId, { type: 'chat_room' });

  const channel = roomChannel(roomId);
  const unsubscribe = await pubsub.subscribe(channel, (text) => relay(session, text));
  session.onClose(unsubscribe);
  if (!session.isOpen) return;

  const now = () => clock.now().toISOString();
  const joinedAt = now();
  registry.join(roomId, session.id, { userId: principal.userId, role: principal.role, connectedAt: joinedAt, lastSeen: joinedAt });
  const publish = (message: OutboundMessage) =>
    pubsub.publish(channel, JSON.stringify({ origin: session.id, message } satisfies RoomEnvelope)).catch((error: unknown) => {
      request.log.warn({ err: error }, 'chat message not relayed');
      session.error('INTERNAL_ERROR', 'The message could not be relayed; try again');
    });
  session.onClose(() => {
    registry.leave(roomId, session.id);
    // Best effort: on shutdown the pub/sub may already be closed, and nobody is left to tell.
    pubsub
      .publish(channel, JSON.stringify({ origin: session.id, message: presence(principal, now(), 'left') } satisfies RoomEnvelope))
      .catch(() => undefined);
  });

  session.send(serverMessage('SYSTEM', clock.now(), `Connected to room ${roomId}`, { room_id: roomId, connection_id: session.id }));
  void publish(presence(principal, joinedAt, 'joined'));
  session.start((message) => {
    registry.touch(roomId, session.id, now());
    handle(session, message, principal, roomId, now(), publish);
  });
}

function handle(
  session: WsSession,
  message: ClientMessage,
  principal: Principal,
  roomId: string,
  at: string,
  publish: (message: OutboundMessage) => Promise<void>,
): void {
  switch (message.type) {
    case 'MESSAGE':
      if (!message.content?.trim()) {
        session.error('INVALID_MESSAGE', 'A MESSAGE needs a non-empty "content"');
        return;
      }
      void publish({ type: 'MESSAGE', user_id: principal.userId, timestamp: at, content: message.content, room_id: roomId });
      return;
    case 'TYPING':
      void publish({
        type: 'TYPING',
        user_id: principal.userId,
        timestamp: at,
        content: '',
        room_id: roomId,
        is_typing: message.is_typing ?? true,
      });
      return;
    case 'HEALTH_INSIGHT':
      // Never a made-up answer: there is no insight generator behind chat yet.
      session.error(
        'NOT_AVAILABLE',
        'Health insights are not generated over chat on this server; follow /api/v1/ws/health-analysis/{user_id} for analysis updates',
      );
      return;
    default:
      session.error('UNSUPPORTED_MESSAGE_TYPE', `Clients may not send ${message.type} messages`);
  }
}

function presence(principal: Principal, at: string, change: 'joined' | 'left'): OutboundMessage {
  return {
    type: 'SYSTEM',
    user_id: principal.userId,
    timestamp: at,
    content: `${principal.userId} ${change} the room`,
    event: `user_${change}`,
  };
}

function relay(session: WsSession, text: string): void {
  let envelope: RoomEnvelope;
  try {
    envelope = JSON.parse(text) as RoomEnvelope;
  } catch {
    return;
  }
  if (envelope.origin === session.id && envelope.message.type !== 'MESSAGE') return;
  session.send(envelope.message);
}
