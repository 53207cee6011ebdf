import { Type, type TSchema } from 'typebox';
import { SUBSCRIBABLE_EVENTS } from '../../domain/webhooks/index.js';
import { CursorQuery, LimitQuery, TwinPagination } from '../../platform/http/pagination.js';

/** Closed bodies: fields a route does not define are dropped by the validator, so they never reach the store. */
const CLOSED = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export const WebhookUrl = Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) URL that receives the events' });
export const WebhookEvents = Type.Array(Type.Enum(SUBSCRIBABLE_EVENTS), {
  minItems: 1,
  maxItems: SUBSCRIBABLE_EVENTS.length,
  uniqueItems: true,
  description: 'events to send; see docs/webhooks.md for each payload',
});
const Secret = Type.String({
  minLength: 16,
  maxLength: 256,
  description: 'your own signing secret (`whsec_<base64>`, or any 16+ character string, used as its UTF-8 bytes); omitted = generated',
});

export const WebhookParams = Type.Object({ webhook_id: Type.String({ minLength: 1, maxLength: 64 }) });
export const DeliveryParams = Type.Object({ ...WebhookParams.properties, delivery_id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreateWebhookBody = Type.Object({ url: WebhookUrl, events: WebhookEvents, secret: Type.Optional(Secret) }, CLOSED);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    events: Type.Optional(WebhookEvents),
    status: Type.Optional(Type.Enum(['active', 'disabled'], { description: '"active" re-enables an endpoint disabled for failing' })),
  },
  { ...CLOSED, minProperties: 1 },
);

export const RotateSecretBody = Type.Union([
  Type.Object(
    {
      secret: Type.Optional(Secret),
      grace_period_seconds: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: MAX_GRACE_SECONDS,
          description: 'how long the old secret also signs (default 86400; 0 = retire now)',
        }),
      ),
    },
    CLOSED,
  ),
  Type.Null(),
]);

export const ReplayBody = Type.Object(
  {
    delivery_ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    ),
    since: Type.Optional(Instant),
    until: Type.Optional(Instant),
    only_failed: Type.Optional(Type.Boolean({ description: 'with since/until: only deliveries that finally failed (default false)' })),
  },
  { ...CLOSED, minProperties: 1 },
);

export const ListQuery = Type.Object({ limit: LimitQuery, cursor: Type.Optional(CursorQuery) });
export const DeliveryListQuery = Type.Object({
  ...ListQuery.properties,
  state: Type.Optional(Type.Enum(['pending', 'delivered', 'failed'])),
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const WebhookView = Type.Object({
  webhook_id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  status: Type.Enum(['active', 'disabled']),
  disabled_reason: Nullable(Type.String()),
  disabled_at: Nullable(Instant),
  consecutive_failures: Type.Integer({ minimum: 0 }),
  last_success_at: Nullable(Instant),
  last_failure_at: Nullable(Instant),
  previous_secret_expires_at: Nullable(Instant),
  created_at: Instant,
  updated_at: Instant,
});

export const WebhookWithSecret = Type.Object({
  ...WebhookView.properties,
  secret: Type.String({ description: 'shown only now: `whsec_<base64 key>` (Standard Webhooks)' }),
});

export const WebhookList = Type.Object({ data: Type.Array(WebhookView), pagination: TwinPagination });

export const DeliveryView = Type.Object({
  delivery_id: Type.String(),
  webhook_id: Type.String(),
  event_id: Type.String({ description: 'the webhook-id header' }),
  event: Type.String(),
  state: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Integer({ minimum: 0 }),
  next_attempt_at: Nullable(Instant),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  replay_of: Nullable(Type.String()),
  created_at: Instant,
  delivered_at: Nullable(Instant),
});

export const AttemptView = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  started_at: Instant,
  status_code: Nullable(Type.Integer()),
  latency_ms: Type.Number({ minimum: 0 }),
  outcome: Type.Enum(['success', 'http_error', 'redirect', 'timeout', 'network_error', 'blocked']),
  error: Nullable(Type.String()),
});

export const DeliveryDetail = Type.Object({
  ...DeliveryView.properties,
  attempt_log: Type.Array(AttemptView),
  payload: Type.Object({}, { additionalProperties: true, description: 'the body sent' }),
});

export const DeliveryList = Type.Object({ data: Type.Array(DeliveryView), pagination: TwinPagination });

export const Queued = Type.Object({ event_id: Type.String(), delivery_ids: Type.Array(Type.String()) });
export const Replayed = Type.Object({
  delivery_ids: Type.Array(Type.String()),
  count: Type.Integer({ minimum: 0 }),
  truncated: Type.Boolean({ description: 'more deliveries matched than one request replays (1000)' }),
});
