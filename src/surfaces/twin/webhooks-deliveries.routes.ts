import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { fieldError } from '../../platform/http/app-error.js';
import { CursorCodec, twinPage } from '../../platform/http/pagination.js';
import { deriveKey } from '../../platform/keys.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import {
  DeliveryDetail,
  DeliveryList,
  DeliveryListQuery,
  DeliveryParams,
  Replayed,
  ReplayBody,
  WebhookParams,
} from './webhooks.schemas.js';
import { attemptView, cursorPosition, deliveryView, listPosition } from './webhooks.views.js';

/** `/v1/webhooks/{id}/deliveries`: what was sent, every attempt with its status and latency, and replays. */
export const twinWebhookDeliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { webhooks, config } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));

  app.get(
    '/:webhook_id/deliveries',
    {
      schema: {
        summary: 'Deliveries to this webhook, newest first',
        params: WebhookParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList },
      },
    },
    async (request) => {
      const { limit, cursor, state, event } = request.query;
      const { webhook_id } = request.params;
      const scope = `webhook-deliveries:${webhook_id}:${JSON.stringify({ state, event })}`;
      const after = listPosition(cursor ? cursors.decode(scope, cursor) : undefined);
      const page = await webhooks.deliveries.list(principalOf(request).userId, webhook_id, { state, eventType: event }, limit, after);
      return twinPage({
        items: page.items.map(deliveryView),
        nextCursor: page.next ? cursors.encode(scope, cursorPosition(page.next)) : null,
        totalCount: page.total,
        hasPrevious: after !== null,
      });
    },
  );

  app.get(
    '/:webhook_id/deliveries/:delivery_id',
    { schema: { summary: 'One delivery: its body and every attempt', params: DeliveryParams, response: { 200: DeliveryDetail } } },
    async (request) => {
      const personId = principalOf(request).userId;
      const { delivery, attempts, payload } = await webhooks.deliveries.get(
        personId,
        request.params.webhook_id,
        request.params.delivery_id,
      );
      // The body carries ids and levels (a risk level is health data): reading it is audited.
      await auditHealthAccess(request, 'health.webhook_delivery.read', personId, { type: 'webhook_delivery', id: delivery.id });
      return { ...deliveryView(delivery), attempt_log: attempts.map(attemptView), payload: JSON.parse(payload) as Record<string, unknown> };
    },
  );

  app.post(
    '/:webhook_id/deliveries/replay',
    {
      schema: {
        summary: 'Send deliveries again, by id or by time range (same webhook-id and body)',
        params: WebhookParams,
        body: ReplayBody,
        response: { 202: Replayed },
      },
    },
    async (request, reply) => {
      const { delivery_ids, since, until, only_failed } = request.body;
      if (delivery_ids && (since || until))
        throw fieldError('delivery_ids', 'Give delivery_ids or a time range (since/until), not both', 'exclusive');
      if (!delivery_ids && !since) throw fieldError('since', 'Give delivery_ids, or since (and optionally until)', 'required');
      if (since && until && Date.parse(until) <= Date.parse(since)) throw fieldError('until', 'must be after since', 'range');
      const replayed = await webhooks.deliveries.replay(principalOf(request).userId, request.params.webhook_id, {
        deliveryIds: delivery_ids,
        since: since === undefined ? undefined : new Date(since).toISOString(),
        until: until === undefined ? undefined : new Date(until).toISOString(),
        onlyFailed: delivery_ids ? undefined : only_failed,
      });
      return reply
        .code(202)
        .send({ delivery_ids: replayed.deliveryIds, count: replayed.deliveryIds.length, truncated: replayed.truncated });
    },
  );
};
