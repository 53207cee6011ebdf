import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Alert } from '../../domain/alerts/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { CursorCodec } from '../../platform/http/pagination.js';
import { deriveKey } from '../../platform/keys.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { wire } from '../shared/wire.js';
import { AcknowledgeBody, AlertList, AlertListQuery, AlertParams, AlertView } from './alerts.schemas.js';

const alertView = (a: Alert) =>
  wire({
    alert_id: a.id,
    type: a.kind,
    severity: a.severity,
    title: a.title,
    message: a.message,
    created_at: a.firstAt,
    last_occurred_at: a.lastAt,
    occurrences: a.occurrences,
    status: a.status,
    action_required: a.actionRequired,
    recommended_actions: a.recommendedActions,
    trigger: a.trigger,
    acknowledged_at: a.acknowledgedAt,
    user_response: a.userResponse,
    resolved_at: a.resolvedAt,
  });

/** Twin `/v1/alerts` (spec §5.1-5.2), docs/alerts.md: the caller's own alerts only. */
export const twinAlertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { alerts, config } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));

  app.get(
    '/',
    {
      schema: {
        summary: 'Your alerts with a status (default active), newest first',
        querystring: AlertListQuery,
        response: { 200: AlertList },
      },
    },
    async (request) => {
      const personId = principalOf(request).userId;
      const { status, limit, cursor } = request.query;
      const scope = `alerts:${status}`;
      const position = cursor ? cursors.decode(scope, cursor) : null;
      const after = position ? { firstAt: String(position.f), id: String(position.i) } : null;
      const page = await alerts.list(personId, status, limit, after);
      await auditHealthAccess(request, 'alerts.read', personId, { type: 'alert' }, { status, count: page.items.length });
      return {
        alerts: page.items.map(alertView),
        pagination: {
          next_cursor: page.next ? cursors.encode(scope, { f: page.next.firstAt, i: page.next.id }) : null,
          has_more: page.next !== null,
          total_count: page.total,
        },
      };
    },
  );

  app.post(
    '/:alert_id/acknowledge',
    {
      schema: {
        summary: 'Acknowledge one of your alerts',
        params: AlertParams,
        body: AcknowledgeBody,
        response: { 200: AlertView },
      },
    },
    async (request) => {
      const personId = principalOf(request).userId;
      const body = request.body ?? {};
      const alert = await alerts.acknowledge(personId, request.params.alert_id, personId, body.user_response ?? null);
      if (!alert) throw new AppError('not_found', 'Alert not found');
      await auditHealthAccess(request, 'alerts.acknowledge', personId, { type: 'alert', id: alert.id });
      return alertView(alert);
    },
  );
};
