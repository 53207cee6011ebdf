import { Type, type Static } from 'typebox';
import { ALERT_SEVERITIES } from '../alerts/detectors/types.js';

/**
 * What a person's real-time channel carries: progress and outcomes of work done on their data. Events say WHAT
 * happened to WHICH record (ids, counts, states), never the readings themselves: they cross Redis, and a client that
 * wants the details fetches them over the authorised, audited HTTP API. docs/realtime.md lists them for clients.
 */
const Id = Type.String({ minLength: 1, maxLength: 128 });
const Count = Type.Integer({ minimum: 0 });
const Outcome = Type.Enum(['completed', 'failed']);
const UploadKind = Type.Enum(['clarity_upload', 'healthkit_upload', 'manual_entry']);
const Closed = { additionalProperties: false } as const;

export const PersonEventDataSchemas = {
  'upload.progress': Type.Object(
    { upload_id: Id, kind: UploadKind, processed_items: Count, total_items: Type.Union([Count, Type.Null()]) },
    { ...Closed, description: 'An upload (Clarity health-data, HealthKit, manual entry) is being processed' },
  ),
  'upload.completed': Type.Object(
    { upload_id: Id, kind: UploadKind, status: Outcome, stored: Count, duplicates: Count, failed_items: Count },
    { ...Closed, description: 'An upload finished; fetch its status route for errors' },
  ),
  'import.progress': Type.Object(
    { import_id: Id, bytes_done: Count, bytes_total: Type.Union([Count, Type.Null()]), samples_done: Count },
    { ...Closed, description: 'An Apple Health export is being imported' },
  ),
  'import.completed': Type.Object(
    {
      import_id: Id,
      status: Outcome,
      stored: Count,
      duplicates: Count,
      error_code: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]),
    },
    { ...Closed, description: 'An import finished (or failed, with a machine-readable code)' },
  ),
  'pat.progress': Type.Object(
    { analysis_id: Id, stage: Type.String({ minLength: 1, maxLength: 64 }), progress: Type.Number({ minimum: 0, maximum: 1 }) },
    { ...Closed, description: 'A PAT actigraphy analysis is running; progress is a fraction' },
  ),
  'pat.completed': Type.Object(
    { analysis_id: Id, status: Outcome },
    { ...Closed, description: 'A PAT analysis finished; GET /api/v1/pat/analysis/{id} has the results' },
  ),
  'twin.updated': Type.Object(
    { day: Type.String({ format: 'date' }), as_of: Type.String({ format: 'date-time' }), engine_version: Type.String({ maxLength: 32 }) },
    { ...Closed, description: "The person's twin was recomputed; read /v1/twin for the scores" },
  ),
  'alert.created': Type.Object(
    { alert_id: Id, kind: Type.String({ minLength: 1, maxLength: 64 }), severity: Type.Enum([...ALERT_SEVERITIES]) },
    { ...Closed, description: 'A new alert was raised for the person' },
  ),
};

export type PersonEventDataMap = { [K in keyof typeof PersonEventDataSchemas]: Static<(typeof PersonEventDataSchemas)[K]> };
export type PersonEventType = keyof PersonEventDataMap;
export const PERSON_EVENT_TYPES = Object.keys(PersonEventDataSchemas) as PersonEventType[];

/** What a producer emits: `{ type: 'upload.completed', data: { … } }`, type-checked per type. */
export type PersonEvent = { [K in PersonEventType]: { type: K; data: PersonEventDataMap[K] } }[PersonEventType];

/** What a subscriber receives: the event, plus who it is about, when it happened and a unique id. */
export type PersonEventEnvelope = PersonEvent & {
  event_id: string;
  person_id: string;
  occurred_at: string;
};

export const isPersonEventType = (value: unknown): value is PersonEventType =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(PersonEventDataSchemas, value);
