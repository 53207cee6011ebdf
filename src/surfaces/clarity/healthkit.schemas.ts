import { Type, type Static, type TSchema } from 'typebox';
import type { HealthKitUpload } from '../../domain/ingest/healthkit/healthkit-upload-mapping.js';
import { Opt } from './health-data.schemas.js';

/**
 * Clarity `/api/v1/healthkit/*` (spec §1.5: `POST /upload`, `GET /upload-status/{upload_id}`). The spec names the
 * endpoints but not the body, so the body is HealthKit's own object model as an iOS app serialises it after an
 * anchored query (HKAnchoredObjectQuery gives added samples, deleted objects and a new anchor):
 *
 *   {
 *     "user_id": "…",                                   optional; when sent, must be the authenticated user
 *     "samples": {
 *       "quantity": [{ "uuid": "…", "type": "HKQuantityTypeIdentifierHeartRate", "value": 62, "unit": "count/min",
 *                      "start_date": "2025-03-01T07:12:00+01:00", "end_date": "2025-03-01T07:12:00+01:00",
 *                      "source": { "name": "Anna’s Apple Watch", "bundle_id": "com.apple.health.…", "version": "11.3" },
 *                      "device": { "name": "Apple Watch", "manufacturer": "Apple Inc.", "model": "Watch",
 *                                  "hardware_version": "Watch7,1", "software_version": "11.3" },
 *                      "metadata": { "HKTimeZone": "Europe/Berlin" } }],
 *       "category": [{ "uuid": "…", "type": "HKCategoryTypeIdentifierSleepAnalysis", "value": 3, …same fields }],
 *       "workouts": [{ "uuid": "…", "activity_type": 37, "start_date": "…", "end_date": "…", "duration_s": 1830,
 *                      "total_energy_kcal": 310, "total_distance_m": 5012, "source": {…}, "device": {…} }],
 *       "correlations": [{ "uuid": "…", "type": "HKCorrelationTypeIdentifierBloodPressure", "start_date": "…",
 *                          "end_date": "…", "source": {…}, "objects": [ quantity samples: systolic, diastolic ] }]
 *     },
 *     "deleted": [{ "uuid": "…", "type": "HKQuantityTypeIdentifierHeartRate" }],   HKDeletedObject tombstones
 *     "sync_anchor": "…"                                                      opaque (the client's HKQueryAnchor)
 *   }
 *
 * `value` and `unit` are `HKQuantity.doubleValue(for:)` with `HKUnit.unitString` (`%` is a fraction, as in HealthKit).
 * Dates are ISO 8601 with `Z` or an offset (ISO8601DateFormatter); give the sample's own local offset to keep it.
 * Category values are the raw integer or the `HKCategoryValue…` name. Identifiers Homeostat does not store are
 * accepted and counted (`unsupported` in the status), never an error.
 *
 * The original clarity-loop-backend took `quantity_samples` / `category_samples` / `workouts` / `correlation_samples`
 * as loosely typed dicts; its status reply (`upload_id`, `status`, `progress`, `message`, `last_updated`) is kept below.
 *
 * Whole-request checks are here (400/422); per-item problems (unknown unit, implausible value, impossible date) are
 * reported by `mapHealthKitUpload` per item, and the rest of the upload is stored.
 */

/**
 * The largest body this route should accept: 16 MiB (route option `bodyLimit`; the app default, BODY_LIMIT_BYTES, is
 * 1 MiB). A quantity sample with source, device and a little metadata is 400–700 bytes of JSON, so 16 MiB holds some
 * 25 000–40 000 samples: a day of an Apple Watch's heart rate is ~1 500, so a client batching its first sync by week
 * or month stays well under it.
 */
export const HEALTHKIT_UPLOAD_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** Items per list; the body limit binds first for realistic samples. */
export const HEALTHKIT_MAX_ITEMS_PER_LIST = 50_000;

const CLOSED = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const List = <T extends TSchema>(item: T, description: string) =>
  Opt(Type.Array(item, { maxItems: HEALTHKIT_MAX_ITEMS_PER_LIST, description }));

const Uuid = Type.String({ format: 'uuid', description: 'HKObject.uuid' });
/** ISO 8601 with a zone designator: HealthKit instants are absolute. */
export const HealthKitInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)$',
  maxLength: 40,
  description: 'ISO 8601 with Z or a UTC offset; the end date’s offset is kept as the sample’s local offset',
});
const TypeIdentifier = Type.String({ minLength: 1, maxLength: 128, description: 'HK…TypeIdentifier…' });

export const HealthKitSource = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256, description: 'HKSource.name' }),
    bundle_id: Opt(Type.String({ maxLength: 256, description: 'HKSource.bundleIdentifier' })),
    version: Opt(Type.String({ maxLength: 64, description: 'HKSourceRevision.version' })),
  },
  CLOSED,
);

const DeviceFields = {
  name: Opt(Type.String({ maxLength: 256 })),
  manufacturer: Opt(Type.String({ maxLength: 256 })),
  model: Opt(Type.String({ maxLength: 256 })),
  hardware_version: Opt(Type.String({ maxLength: 128 })),
  firmware_version: Opt(Type.String({ maxLength: 128 })),
  software_version: Opt(Type.String({ maxLength: 128 })),
  local_identifier: Opt(Type.String({ maxLength: 256 })),
  udi_device_identifier: Opt(Type.String({ maxLength: 256 })),
};
export const HealthKitDeviceObject = Type.Object(DeviceFields, CLOSED);

/** HKDevice as an object, or as its description string (`<<HKDevice: 0x…>, name:Apple Watch, …>`), or null. */
export const HealthKitDevice = Type.Unsafe<Static<typeof HealthKitDeviceObject> | string | null>({
  type: ['object', 'string', 'null'],
  properties: DeviceFields,
  additionalProperties: false,
  maxLength: 1024,
  description: 'HKDevice: an object, or String(describing:) of it',
});

const Metadata = Type.Record(Type.String(), Type.Unknown(), {
  maxProperties: 64,
  propertyNames: { maxLength: 128 },
  description: 'HKObject.metadata; scalar values are kept. HKWasUserEntered marks a manual entry; HKTimeZone names the IANA zone.',
});

const ObjectFields = {
  uuid: Uuid,
  start_date: HealthKitInstant,
  end_date: HealthKitInstant,
  source: HealthKitSource,
  device: Type.Optional(HealthKitDevice),
  metadata: Opt(Metadata),
};

const QuantityFields = {
  type: TypeIdentifier,
  value: Type.Number({ description: 'HKQuantity.doubleValue(for: unit)' }),
  unit: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'HKUnit.unitString: count/min, mmol<180.1558800000541>/L, %, degF, kJ, …',
  }),
};

export const HealthKitQuantitySample = Type.Object({ ...ObjectFields, ...QuantityFields }, CLOSED);

export const HealthKitCategorySample = Type.Object(
  {
    ...ObjectFields,
    type: TypeIdentifier,
    value: Type.Unsafe<number | string>({
      type: ['integer', 'string'],
      maxLength: 128,
      description:
        'Raw HKCategoryValue… integer (sleep: 0 inBed, 1 asleepUnspecified, 2 awake, 3 asleepCore, 4 asleepDeep, 5 asleepREM) or its name',
    }),
  },
  CLOSED,
);

export const HealthKitWorkout = Type.Object(
  {
    ...ObjectFields,
    activity_type: Type.Unsafe<number | string>({
      type: ['integer', 'string'],
      maxLength: 128,
      description: 'HKWorkoutActivityType raw value (37), name (HKWorkoutActivityTypeRunning) or case name (running)',
    }),
    duration_s: Type.Number({ minimum: 0, description: 'HKWorkout.duration, seconds' }),
    total_energy_kcal: Opt(Type.Number({ description: 'totalEnergyBurned, kcal' })),
    total_distance_m: Opt(Type.Number({ description: 'totalDistance, metres' })),
  },
  CLOSED,
);

/** An object of a correlation: a quantity sample whose source may be left out (the correlation's applies). */
const CorrelationObject = Type.Object({ ...ObjectFields, ...QuantityFields, source: Opt(HealthKitSource) }, CLOSED);

export const HealthKitCorrelation = Type.Object(
  {
    ...ObjectFields,
    type: TypeIdentifier,
    objects: Type.Array(CorrelationObject, { maxItems: 16, description: 'HKCorrelation.objects (blood pressure: systolic and diastolic)' }),
  },
  CLOSED,
);

export const HealthKitDeletedObject = Type.Object({ uuid: Uuid, type: Opt(TypeIdentifier) }, CLOSED);

export const HealthKitUploadBody = Type.Object(
  {
    user_id: Opt(Type.String({ maxLength: 128, description: 'Optional; when sent it must be the authenticated user' })),
    samples: Opt(
      Type.Object(
        {
          quantity: List(HealthKitQuantitySample, 'HKQuantitySample'),
          category: List(HealthKitCategorySample, 'HKCategorySample'),
          workouts: List(HealthKitWorkout, 'HKWorkout'),
          correlations: List(HealthKitCorrelation, 'HKCorrelation'),
        },
        CLOSED,
      ),
    ),
    deleted: List(HealthKitDeletedObject, 'HKDeletedObject: samples deleted on the device since the last anchor'),
    sync_anchor: Opt(Type.String({ maxLength: 8192, description: 'Opaque; the client’s new HKQueryAnchor, echoed in the status' })),
  },
  CLOSED,
);

// Compile-time guard: what the schema admits is what the domain mapper accepts.
const _admitted = (body: Static<typeof HealthKitUploadBody>): HealthKitUpload => body;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const HealthKitUploadStatusValue = Type.Enum(['queued', 'processing', 'completed', 'failed']);

/** 202 to an upload: the original's HealthKitUploadResponse, plus the deleted count and the echoed anchor. */
export const HealthKitUploadAccepted = Type.Object({
  upload_id: Type.String(),
  status: HealthKitUploadStatusValue,
  queued_at: Type.String({ format: 'date-time' }),
  samples_received: Type.Object({
    quantity_samples: Type.Integer({ minimum: 0 }),
    category_samples: Type.Integer({ minimum: 0 }),
    workouts: Type.Integer({ minimum: 0 }),
    correlation_samples: Type.Integer({ minimum: 0 }),
    deleted: Type.Integer({ minimum: 0 }),
  }),
  message: Type.String(),
  sync_anchor: Type.Optional(Nullable(Type.String())),
});

export const HealthKitItemError = Type.Object({
  path: Type.String({ description: 'e.g. samples.quantity[3].value' }),
  message: Type.String(),
});

/** GET /upload-status/{upload_id}: the original's fields (upload_id, status, progress, message, last_updated) + counts. */
export const HealthKitUploadStatus = Type.Object({
  upload_id: Type.String(),
  status: HealthKitUploadStatusValue,
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  message: Type.String(),
  last_updated: Type.String({ format: 'date-time' }),
  total_items: Type.Integer({ minimum: 0 }),
  stored: Type.Integer({ minimum: 0 }),
  duplicates_skipped: Type.Integer({ minimum: 0 }),
  deleted: Type.Integer({ minimum: 0, description: 'stored samples removed by tombstones' }),
  errors: Type.Array(HealthKitItemError),
  unsupported: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
    description: 'identifier → items not stored (no observation type)',
  }),
  sync_anchor: Type.Optional(Nullable(Type.String())),
  created_at: Type.String({ format: 'date-time' }),
  completed_at: Nullable(Type.String({ format: 'date-time' })),
});
