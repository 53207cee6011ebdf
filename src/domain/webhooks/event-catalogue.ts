import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { ALERT_SEVERITIES } from '../alerts/detectors/types.js';
import { RISK_LEVELS } from '../screening/model/model-spec.js';

/**
 * Every event a webhook can carry, with the schema of its `data`. Payloads name things (ids) and levels, never the
 * readings themselves: a receiver that needs more asks the API with its own token, where access is checked and
 * audited. Schemas are closed, so a producer cannot slip extra health data into an event by accident.
 */
const CLOSED = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 128 });
const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });
/** The twins' risk levels (docs/risk.md). */
const RiskLevel = Type.Enum(['green', 'yellow', 'orange', 'red', 'critical']);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const EVENT_SCHEMAS = {
  risk_alert: Type.Object(
    {
      alert_id: Id,
      risk_type: Type.String({ minLength: 1, maxLength: 64, description: 'cardiac, metabolic, …' }),
      risk_level: RiskLevel,
      risk_score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    },
    CLOSED,
  ),
  device_sync: Type.Object(
    {
      batch_id: Id,
      source_kind: Type.String({ maxLength: 64, description: 'healthkit_upload, clarity_upload, …' }),
      records_stored: Count,
      duplicates_skipped: Count,
      synced_at: Instant,
    },
    CLOSED,
  ),
  prediction_update: Type.Object(
    {
      twin: Type.String({ minLength: 1, maxLength: 64 }),
      day: Type.String({ format: 'date' }),
      status: Type.Enum(['scored', 'abstained']),
      risk_level: Nullable(RiskLevel),
      model: Type.String({ maxLength: 128, description: 'model_id@version' }),
    },
    CLOSED,
  ),
  'twin.updated': Type.Object(
    { day: Type.String({ format: 'date' }), twins: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 }), as_of: Instant },
    CLOSED,
  ),
  'import.completed': Type.Object(
    { import_id: Id, records_stored: Count, duplicates_skipped: Count, failed_records: Count, completed_at: Instant },
    CLOSED,
  ),
  'import.failed': Type.Object({ import_id: Id, reason: Type.String({ maxLength: 200 }), failed_at: Instant }, CLOSED),
  'upload.completed': Type.Object(
    { upload_id: Id, kind: Type.String({ maxLength: 64 }), records_stored: Count, duplicates_skipped: Count, failed_records: Count },
    CLOSED,
  ),
  'screening.review_required': Type.Object(
    {
      screening_id: Id,
      review_id: Nullable(Id),
      risk_level: Nullable(Type.Enum([...RISK_LEVELS], { description: 'the screening’s level (MHRAS)' })),
      reason: Type.String({ maxLength: 200, description: 'safety_rail or risk_<level>' }),
    },
    CLOSED,
  ),
  'alert.created': Type.Object(
    {
      alert_id: Id,
      alert_type: Type.String({ maxLength: 64 }),
      severity: Type.Enum([...ALERT_SEVERITIES]),
      created_at: Instant,
    },
    CLOSED,
  ),
  'webhook.test': Type.Object({ webhook_id: Id, message: Type.String({ maxLength: 200 }) }, CLOSED),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventPayload<E extends EventType> = Static<(typeof EVENT_SCHEMAS)[E]>;

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

/** What an endpoint can subscribe to: every event but the test ping, which goes to whoever asks for it. */
export const SUBSCRIBABLE_EVENTS = EVENT_TYPES.filter((e) => e !== 'webhook.test');

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_SCHEMAS, value);

/** Throws when a producer's payload does not match its event's schema (a programming error, not user input). */
/** Compiled checks, per event on first use: the interpreted `Value.Check` cost tens of µs on every publish. */
const checks = new Map<EventType, (data: unknown) => boolean>();

function checkOf(event: EventType): (data: unknown) => boolean {
  let check = checks.get(event);
  if (check === undefined) {
    const validator = Compile(EVENT_SCHEMAS[event] as TSchema);
    check = (data) => validator.Check(data);
    checks.set(event, check);
  }
  return check;
}

export function assertPayload<E extends EventType>(event: E, data: unknown): asserts data is EventPayload<E> {
  const schema = EVENT_SCHEMAS[event];
  if (!checkOf(event)(data)) {
    const first = [...Value.Errors(schema, data)][0];
    throw new TypeError(`webhook payload for ${event} does not match its schema: ${first?.instancePath || '/'} ${first?.message ?? ''}`);
  }
}

/** The body sent, in the Twin spec's envelope: `{event, timestamp, user_id, data}`. */
export const envelope = (event: EventType, at: Date, personId: string, data: unknown): string =>
  JSON.stringify({ event, timestamp: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), user_id: personId, data });
