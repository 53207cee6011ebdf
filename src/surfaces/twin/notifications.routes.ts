import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TooManySubscriptions, type NotificationPreferences, type PreferencesPatch } from '../../domain/notifications/index.js';
import { isValidTimeZone } from '../../domain/observations/index.js';
import { DestinationRefused } from '../../domain/webhooks/index.js';
import { AppError, fieldError } from '../../platform/http/app-error.js';
import { toFieldErrors } from '../../platform/http/validation-errors.js';
import { compileExactValidator } from '../../platform/http/validator-compiler.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditRequest } from '../shared/health-audit.js';
import { wire } from '../shared/wire.js';
import {
  PreferencesPatchBody,
  PreferencesPatchExact,
  PreferencesView,
  PushSubscriptionBody,
  PushSubscriptionRemoveBody,
  PushSubscriptionView,
  VapidPublicKeyView,
} from './notifications.schemas.js';

const view = (userId: string, p: NotificationPreferences) => wire({ user_id: userId, ...p });

/** Decoded length of a base64url key; the browser's keys have fixed sizes (RFC 8291 §3: 65-byte point, 16-byte secret). */
const bytes = (text: string): number => Buffer.from(text, 'base64url').length;

/**
 * Twin `/v1/notifications` (spec §5.3, docs/notifications.md): the caller's own preferences and push subscriptions.
 * No route takes a person id: nobody reads or changes another person's notifications.
 */
export const twinNotificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications } = app.services;
  const exact = compileExactValidator(PreferencesPatchExact);

  app.get(
    '/preferences',
    { schema: { summary: 'Your notification preferences (the defaults until you change them)', response: { 200: PreferencesView } } },
    async (request) => {
      const personId = principalOf(request).userId;
      const prefs = await notifications.preferences.get(personId);
      await auditRequest(request, 'notifications.preferences.read', personId, { type: 'notification_preferences' });
      return view(personId, prefs);
    },
  );

  app.put(
    '/preferences',
    {
      schema: {
        summary: 'Change your notification preferences (send only what changes; summaries are re-planned)',
        body: PreferencesPatchBody,
        response: { 200: PreferencesView },
      },
    },
    async (request) => {
      const personId = principalOf(request).userId;
      const body = request.body as PreferencesPatch;
      const issues = exact(body);
      if (issues.length > 0)
        throw new AppError('validation', 'The notification preferences are invalid', { fields: toFieldErrors(issues, 'body', body) });
      if (typeof body.timezone === 'string' && !isValidTimeZone(body.timezone))
        throw fieldError('timezone', 'timezone must be an IANA time zone name such as Europe/Berlin', 'invalid_time_zone');
      const prefs = await notifications.updatePreferences(personId, body);
      await auditRequest(
        request,
        'notifications.preferences.update',
        personId,
        { type: 'notification_preferences' },
        {
          fields: Object.keys(body).sort().join(','),
        },
      );
      return view(personId, prefs);
    },
  );

  app.get(
    '/vapid-public-key',
    { schema: { summary: "The server's VAPID public key, for PushManager.subscribe", response: { 200: VapidPublicKeyView } } },
    async () => {
      const key = notifications.push.publicKey;
      if (!key) throw new AppError('not_found', 'Web Push is not configured on this server (VAPID keys are not set)');
      return { public_key: key };
    },
  );

  app.post(
    '/push-subscriptions',
    {
      schema: {
        summary: "Register this browser's push subscription (the same endpoint again updates its keys)",
        body: PushSubscriptionBody,
        response: { 200: PushSubscriptionView, 201: PushSubscriptionView },
      },
    },
    async (request, reply) => {
      const personId = principalOf(request).userId;
      const { endpoint, keys } = request.body;
      if (bytes(keys.p256dh) !== 65) throw fieldError('keys.p256dh', 'keys.p256dh must be a 65-byte P-256 public key', 'invalid_key');
      if (bytes(keys.auth) < 16) throw fieldError('keys.auth', 'keys.auth must be at least 16 bytes', 'invalid_key');
      let url: URL;
      try {
        // The same SSRF guard webhooks get, now and again before every send.
        url = notifications.push.checkEndpoint(endpoint);
        await notifications.push.guardResolve(url);
      } catch (error) {
        if (error instanceof DestinationRefused) throw fieldError('endpoint', `The push endpoint ${error.message}`, error.reason);
        throw error;
      }
      let saved;
      try {
        saved = await notifications.pushSubscriptions.save(personId, { endpoint: url.toString(), keys });
      } catch (error) {
        if (error instanceof TooManySubscriptions) throw new AppError('conflict', error.message);
        throw error;
      }
      await auditRequest(
        request,
        saved.created ? 'notifications.push_subscription.create' : 'notifications.push_subscription.update',
        personId,
        {
          type: 'push_subscription',
          id: saved.subscription.id,
        },
      );
      const { subscription } = saved;
      return reply
        .code(saved.created ? 201 : 200)
        .send({ subscription_id: subscription.id, endpoint: subscription.endpoint, created_at: subscription.createdAt });
    },
  );

  app.delete(
    '/push-subscriptions',
    {
      schema: {
        summary: "Remove one of your push subscriptions (the browser's endpoint)",
        body: PushSubscriptionRemoveBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const personId = principalOf(request).userId;
      let endpoint = request.body.endpoint;
      try {
        endpoint = new URL(endpoint).toString(); // stored normalised
      } catch {
        // not a URL: cannot match anything stored
      }
      if (!(await notifications.pushSubscriptions.remove(personId, endpoint))) throw new AppError('not_found', 'No such push subscription');
      await auditRequest(request, 'notifications.push_subscription.delete', personId, { type: 'push_subscription' });
      return reply.code(204).send(null);
    },
  );
};
