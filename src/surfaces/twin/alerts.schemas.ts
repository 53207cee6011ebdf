import { Type } from 'typebox';
import { CursorQuery, LimitQuery, TwinPagination } from '../../platform/http/pagination.js';
import { ALERT_SEVERITIES } from '../../domain/alerts/detectors/types.js';

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AlertListQuery = Type.Object(
  {
    status: Type.Enum(['active', 'acknowledged', 'resolved'], { default: 'active' }),
    limit: LimitQuery,
    cursor: Type.Optional(CursorQuery),
  },
  { additionalProperties: false },
);

export const AlertParams = Type.Object({ alert_id: Type.String({ minLength: 1, maxLength: 64 }) });

export const AcknowledgeBody = Type.Object(
  {
    acknowledged_at: Type.Optional(Instant),
    user_response: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const AlertTriggerView = Type.Object({
  type: Type.String(),
  window: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()), days: Type.Integer() }),
  values: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
  thresholds: Type.Record(Type.String(), Type.Number()),
  model: Nullable(Type.String()),
});

export const AlertView = Type.Object({
  alert_id: Type.String(),
  type: Type.String({ description: 'the detector: nightsignal, rhr_cusum, low_spo2, hypertensive_crisis, twin_poor' }),
  severity: Type.Enum([...ALERT_SEVERITIES]),
  title: Type.String(),
  message: Type.String(),
  created_at: Instant,
  last_occurred_at: Instant,
  occurrences: Type.Integer({ minimum: 1 }),
  status: Type.Enum(['active', 'acknowledged', 'resolved']),
  action_required: Type.Boolean(),
  recommended_actions: Type.Array(Type.String()),
  trigger: AlertTriggerView,
  acknowledged_at: Nullable(Instant),
  user_response: Nullable(Type.String()),
  resolved_at: Nullable(Instant),
});

export const AlertList = Type.Object({ alerts: Type.Array(AlertView), pagination: TwinPagination });
