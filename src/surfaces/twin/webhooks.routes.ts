import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CursorCodec, twinPage } from '../../platform/http/pagination.js';
import { deriveKey } from '../../platform/keys.js';
import { auditRequest } from '../shared/health-audit.js';
import { principalOf } from '../shared/auth-hook.js';
import { twinWebhookDeliveryRoutes } from './webhooks-deliveries.routes.js';
import {
  CreateWebhookBody,
  ListQuery,
  Queued,
  RotateSecretBody,
  UpdateWebhookBody,
  WebhookList,
  WebhookParams,
  WebhookView,
  WebhookWithSecret,
} from './webhooks.schemas.js';
import { cursorPosition, listPosition, webhookView } from './webhooks.views.js';

/** Who changed which webhook: account configuration, audited like the rest (never the URL or the secret). */
function auditWebhook(request: FastifyRequest, action: string, webhookId: string): Promise<void> {
  return auditRequest(request, action, principalOf(request).userId, { type: 'webhook', id: webhookId });
}

/** Twin `/v1/webhooks`: the spec's registration, plus what managing an endpoint needs. Each person sees only their own. */
export const twinWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { webhooks, config } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));

  app.post(
    '',
    {
      schema: {
        summary: 'Register a webhook (the signing secret is shown only in this answer)',
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret },
      },
    },
    async (request, reply) => {
      const { url, events, secret } = request.body;
      const created = await webhooks.endpoints.register(principalOf(request).userId, { url, events, secret });
      await auditWebhook(request, 'webhook.create', created.endpoint.id);
      return reply.code(201).send({ ...webhookView(created.endpoint), secret: created.secret });
    },
  );

  app.get(
    '',
    { schema: { summary: 'Your webhooks, newest first', querystring: ListQuery, response: { 200: WebhookList } } },
    async (request) => {
      const personId = principalOf(request).userId;
      const scope = `webhooks:${personId}`;
      const after = listPosition(request.query.cursor ? cursors.decode(scope, request.query.cursor) : undefined);
      const page = await webhooks.endpoints.list(personId, request.query.limit, after);
      return twinPage({
        items: page.items.map(webhookView),
        nextCursor: page.next ? cursors.encode(scope, cursorPosition(page.next)) : null,
        totalCount: page.total,
        hasPrevious: after !== null,
      });
    },
  );

  app.get('/:webhook_id', { schema: { summary: 'One webhook', params: WebhookParams, response: { 200: WebhookView } } }, async (request) =>
    webhookView(await webhooks.endpoints.get(principalOf(request).userId, request.params.webhook_id)),
  );

  app.patch(
    '/:webhook_id',
    {
      schema: {
        summary: 'Change the URL or events, or disable / re-enable a webhook',
        params: WebhookParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookView },
      },
    },
    async (request) => {
      const updated = await webhooks.endpoints.update(principalOf(request).userId, request.params.webhook_id, request.body);
      await auditWebhook(request, 'webhook.update', updated.id);
      return webhookView(updated);
    },
  );

  app.delete(
    '/:webhook_id',
    { schema: { summary: 'Delete a webhook and its delivery history', params: WebhookParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await webhooks.endpoints.remove(principalOf(request).userId, request.params.webhook_id);
      await auditWebhook(request, 'webhook.delete', request.params.webhook_id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/:webhook_id/rotate-secret',
    {
      schema: {
        summary: 'Replace the signing secret; the old one also signs during a grace period (default 24 h)',
        params: WebhookParams,
        body: RotateSecretBody,
        response: { 200: WebhookWithSecret },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      const rotated = await webhooks.endpoints.rotateSecret(principalOf(request).userId, request.params.webhook_id, {
        secret: body.secret,
        graceSeconds: body.grace_period_seconds,
      });
      await auditWebhook(request, 'webhook.rotate_secret', rotated.endpoint.id);
      return { ...webhookView(rotated.endpoint), secret: rotated.secret };
    },
  );

  app.post(
    '/:webhook_id/test',
    { schema: { summary: 'Send a webhook.test event to this webhook', params: WebhookParams, response: { 202: Queued } } },
    async (request, reply) => {
      const queued = await webhooks.deliveries.sendTest(principalOf(request).userId, request.params.webhook_id);
      return reply.code(202).send({ event_id: queued.eventId, delivery_ids: queued.deliveryIds });
    },
  );

  await app.register(twinWebhookDeliveryRoutes);
};
