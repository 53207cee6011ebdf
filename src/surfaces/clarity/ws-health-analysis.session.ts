import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { requireAccessToPerson } from '../../domain/identity/index.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import type { ConnectionRegistry } from './ws-rooms.js';
import { personEventText } from './ws-event-messages.js';
import { serverMessage } from './ws-messages.js';
import { openSession, refuseUnauthorised } from './ws-open.js';

/**
 * `/api/v1/ws/health-analysis/{user_id}`: the person's own feed of upload, import, PAT, twin and alert events (or a
 * feed the access policy lets the caller see). The client only sends HEARTBEATs; anything else gets an ERROR.
 */
export async function runHealthAnalysisSession(
  socket: WebSocket,
  request: FastifyRequest<{ Params: { user_id: string } }>,
  registry: ConnectionRegistry,
): Promise<void> {
  const { personEvents, clock } = request.server.services;
  const personId = request.params.user_id;
  const session = openSession(socket, request);

  const principal = await refuseUnauthorised(session, request, (caller) => requireAccessToPerson(caller, personId));
  if (!principal) return;
  await auditHealthAccess(request, 'realtime.health_analysis.subscribe', personId, { type: 'health_analysis_feed' });

  const unsubscribe = await personEvents.subscribe(personId, (event) => session.sendText(personEventText(event)));
  session.onClose(unsubscribe);
  if (!session.isOpen) return;
  session.onClose(registry.healthAnalysisOpened());
  session.send(
    serverMessage('SYSTEM', clock.now(), 'Connected to health analysis updates', {
      connection_id: session.id,
      subscribed_user_id: personId,
    }),
  );
  session.start((message) => session.error('UNSUPPORTED_MESSAGE_TYPE', `This channel only takes HEARTBEAT messages (got ${message.type})`));
}
