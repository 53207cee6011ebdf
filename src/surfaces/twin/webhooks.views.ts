import type { DeliveryAttempt, ListPosition, WebhookDelivery, WebhookEndpoint } from '../../domain/webhooks/index.js';
import { AppError } from '../../platform/http/app-error.js';

export const webhookView = (e: WebhookEndpoint) => ({
  webhook_id: e.id,
  url: e.url,
  events: e.events,
  status: e.status,
  disabled_reason: e.disabledReason,
  disabled_at: e.disabledAt,
  consecutive_failures: e.consecutiveFailures,
  last_success_at: e.lastSuccessAt,
  last_failure_at: e.lastFailureAt,
  previous_secret_expires_at: e.previousSecretExpiresAt,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

export const deliveryView = (d: WebhookDelivery) => ({
  delivery_id: d.id,
  webhook_id: d.endpointId,
  event_id: d.eventId,
  event: d.eventType,
  state: d.state,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptAt,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  replay_of: d.replayOf,
  created_at: d.createdAt,
  delivered_at: d.deliveredAt,
});

export const attemptView = (a: DeliveryAttempt) => ({
  attempt: a.attempt,
  started_at: a.startedAt,
  status_code: a.statusCode,
  latency_ms: a.latencyMs,
  outcome: a.outcome,
  error: a.error,
});

/** A signed list position back to a keyset position; a signed cursor of the wrong shape is still refused. */
export function listPosition(position: Record<string, string | number> | undefined): ListPosition | null {
  if (!position) return null;
  const { c, i } = position;
  if (typeof c !== 'string' || typeof i !== 'string') {
    throw new AppError('bad_request', 'The cursor is invalid, expired or belongs to another query', {
      fields: [{ field: 'cursor', message: 'is not a cursor this endpoint issued', code: 'invalid_cursor' }],
      details: { location: 'querystring' },
    });
  }
  return { createdAt: c, id: i };
}

export const cursorPosition = (next: ListPosition): Record<string, string> => ({ c: next.createdAt, i: next.id });
