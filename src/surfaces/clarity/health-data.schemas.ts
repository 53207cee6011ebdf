import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';
import { CLARITY_METRIC_TYPES } from '../../domain/observations/index.js';
import { CLARITY_METRIC_TYPE_VALUES, type ClarityHealthDataUpload } from '../../domain/ingest/clarity/health-metric-mapping.js';

/**
 * Clarity `/api/v1/health-data/*` (spec §1.2, §3.2). The nested models (BiometricData, SleepData, ActivityData,
 * MentalHealthIndicator) are those of the open-source clarity-loop-backend (`clarity/models/health_data.py`), with its
 * field names and units; its bounds are quoted in each description.
 *
 * What is checked where:
 *  - here (the whole request is refused, 400/422 by the validation machinery): shape, types, required fields, at most
 *    100 metrics, ISO 8601 date-times, and the original's bounds for values that are scales rather than stored
 *    measurements (sleep efficiency 0–1, 1–10 ratings, counts of wakings, …);
 *  - per metric, by `mapClarityUpload` (the metric is refused, the rest of the upload is kept): the data block its type
 *    needs, the catalogue's plausible range of every stored measurement (wider than the original's pydantic bounds: a
 *    real 28 bpm night-time heart rate is kept), impossible dates, duplicate metric_ids, half a blood pressure.
 *
 * Request bodies are closed: unknown fields are dropped before the handler sees them (see auth.schemas.ts).
 */

const CLOSED = { additionalProperties: false } as const;

/**
 * `schema` or null as ONE schema (`type: [T, "null"]`, or `null` added to an enum) rather than a union: a bad value is
 * then reported once, at its own path, instead of once per branch plus "must be null" on its parent.
 */
export function OrNull<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const plain = { ...(schema as unknown as Record<string, unknown>) }; // enumerable keys only: TypeBox's markers stay behind
  if (Array.isArray(plain['enum'])) return Type.Unsafe<Static<T> | null>({ ...plain, enum: [...(plain['enum'] as unknown[]), null] });
  const type = plain['type'];
  if (type === undefined) throw new TypeError('OrNull needs a schema with a type or an enum');
  return Type.Unsafe<Static<T> | null>({ ...plain, type: [...(Array.isArray(type) ? type : [type]), 'null'] });
}
/** An optional field that may also be sent as `null` (pydantic's `X | None = None`). */
export const Opt = <T extends TSchema>(schema: T) => Type.Optional(OrNull(schema));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Measure = (description: string) => Opt(Type.Number({ description }));
const Count = (description: string) => Opt(Type.Integer({ description }));

/** ISO 8601 date-time; without `Z`/offset it is read as UTC (the original documents every timestamp as UTC). */
export const ClarityDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?$',
  maxLength: 40,
  description: 'ISO 8601 date-time (UTC when it carries no offset)',
});

const Metadata = Type.Record(Type.String(), Type.Unknown(), {
  maxProperties: 64,
  propertyNames: { maxLength: 128 },
  description:
    'Scalar values are kept with the stored samples (nested values are not). HKWasUserEntered or user_entered: true marks a manual entry; HKTimeZone names the IANA zone; hrv_method: "sdnn" | "rmssd" says which HRV statistic heart_rate_variability is (default SDNN).',
});

export const BiometricData = Type.Object(
  {
    heart_rate: Measure('Heart rate, BPM (original bounds 30–300; stored as heart_rate, plausible 20–300)'),
    blood_pressure_systolic: Count('Systolic BP, mmHg (original 70–250); stored with diastolic as one blood_pressure'),
    blood_pressure_diastolic: Count('Diastolic BP, mmHg (original 40–150)'),
    oxygen_saturation: Measure('Blood oxygen saturation, percent (original 70–100; 97, not 0.97)'),
    heart_rate_variability: Measure('HRV, ms (original 0–200); SDNN unless metadata.hrv_method is "rmssd"'),
    respiratory_rate: Measure('Respiratory rate, breaths per minute (original 5–60)'),
    body_temperature: Measure('Body temperature, °C (original 35–42)'),
    blood_glucose: Measure('Blood glucose, mg/dL (original 50–500)'),
  },
  CLOSED,
);

/** Minutes per stage (the original's SleepStage keys). */
const SleepStages = Type.Object(
  {
    awake: Count('minutes awake'),
    light: Count('minutes of light sleep'),
    deep: Count('minutes of deep sleep'),
    rem: Count('minutes of REM sleep'),
  },
  CLOSED,
);

export const SleepData = Type.Object(
  {
    total_sleep_minutes: Type.Integer({ minimum: 1, description: 'Total sleep, minutes; within 30 min of sleep_end − sleep_start' }),
    sleep_efficiency: Type.Number({ minimum: 0, maximum: 1, description: 'Sleep efficiency as a ratio (0–1)' }),
    time_to_sleep_minutes: Opt(Type.Integer({ minimum: 0, maximum: 180, description: 'Time to fall asleep, minutes' })),
    wake_count: Opt(Type.Integer({ minimum: 0, maximum: 50, description: 'Number of awakenings' })),
    sleep_stages: Opt(SleepStages),
    sleep_start: ClarityDateTime,
    sleep_end: ClarityDateTime,
  },
  { ...CLOSED, description: 'One night summarised; stored as one asleep_unspecified interval with the summary in its metadata.' },
);

export const ActivityData = Type.Object(
  {
    steps: Count('Step count (original 0–100000)'),
    distance: Measure('Distance in KILOMETRES (original 0–100)'),
    active_energy: Measure('Active energy burned, kcal (original 0–5000)'),
    exercise_minutes: Count('Exercise time, minutes (original 0–1440)'),
    flights_climbed: Count('Flights of stairs climbed (original 0–500)'),
    vo2_max: Measure('VO₂ max, mL/kg/min (original 10–80)'),
    active_minutes: Opt(Type.Integer({ minimum: 0, maximum: 1440, description: 'Total active minutes (not stored: no observation type)' })),
    resting_heart_rate: Measure('Resting heart rate, BPM (original 30–120)'),
  },
  { ...CLOSED, description: 'Amounts dated at the metric created_at (an instant).' },
);

const Scale = (description: string) => Opt(Type.Number({ minimum: 1, maximum: 10, description }));

export const MentalHealthIndicator = Type.Object(
  {
    mood_score: Opt(Type.Enum(['very_low', 'low', 'neutral', 'good', 'excellent'])),
    stress_level: Scale('Stress level, 1–10'),
    anxiety_level: Scale('Anxiety level, 1–10'),
    energy_level: Scale('Energy level, 1–10'),
    focus_rating: Scale('Focus/concentration, 1–10'),
    social_interaction_minutes: Opt(Type.Integer({ minimum: 0, maximum: 1440 })),
    meditation_minutes: Opt(Type.Integer({ minimum: 0, maximum: 480 })),
    notes: Opt(Type.String({ maxLength: 1000 })),
    timestamp: Opt(ClarityDateTime),
  },
  {
    ...CLOSED,
    description: 'Accepted but not stored as observations (reported per field as not_stored): self-reports belong to screening.',
  },
);

export const HealthMetricType = Type.Enum([...CLARITY_METRIC_TYPES, ...CLARITY_METRIC_TYPE_VALUES], {
  description: 'HealthMetricType: the spec name (HEART_RATE) or the original wire value (heart_rate)',
});

export const HealthMetric = Type.Object(
  {
    metric_id: Type.Optional(Type.String({ format: 'uuid', description: 'Unique per upload; kept as the samples’ external id' })),
    metric_type: HealthMetricType,
    biometric_data: Opt(BiometricData),
    sleep_data: Opt(SleepData),
    activity_data: Opt(ActivityData),
    mental_health_data: Opt(MentalHealthIndicator),
    device_id: Opt(Type.String({ maxLength: 512, description: 'Source device: an id or name, or an HKDevice description' })),
    raw_data: Opt(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 256, description: 'Accepted, not stored' })),
    metadata: Opt(Metadata),
    created_at: Type.Optional(
      Type.String({ ...ClarityDateTime, description: 'When the values were measured; required for biometric_data and activity_data' }),
    ),
  },
  CLOSED,
);

export const HealthDataUploadBody = Type.Object(
  {
    user_id: Type.String({ format: 'uuid', description: 'Must be the authenticated user' }),
    metrics: Type.Array(HealthMetric, { minItems: 1, maxItems: 100, description: 'At most 100 per upload' }),
    upload_source: Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '\\S',
      description: 'e.g. apple_health, fitbit, manual (manual ⇒ user-entered)',
    }),
    client_timestamp: ClarityDateTime,
    sync_token: Opt(Type.String({ maxLength: 1024 })),
  },
  CLOSED,
);

// Compile-time guard: what the schema admits is what the domain mapper accepts.
const _admitted = (body: Static<typeof HealthDataUploadBody>): ClarityHealthDataUpload => body;

// ── Responses ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const ProcessingStatusValue = Type.Enum(['queued', 'processing', 'completed', 'failed']);

/** One refused or partly stored metric. code `not_stored`: that field was skipped, the rest of the metric kept. */
export const MetricError = Type.Object({
  index: Type.Integer({ description: 'position in metrics' }),
  field: Type.String({ description: 'e.g. metrics[3].biometric_data.heart_rate' }),
  message: Type.String(),
  code: Type.Optional(Type.String()),
});

/** The original's ValidationError {field, message, code}. */
const ValidationError = Type.Object({ field: Type.String(), message: Type.String(), code: Type.String() });

/** 201/202 to an upload: the original's HealthDataResponse. */
export const HealthDataUploadResponse = Type.Object({
  processing_id: Type.String({ format: 'uuid' }),
  status: ProcessingStatusValue,
  accepted_metrics: Type.Integer({ minimum: 0 }),
  rejected_metrics: Type.Integer({ minimum: 0 }),
  validation_errors: Type.Array(ValidationError),
  estimated_processing_time: Nullable(Type.Integer({ minimum: 0, description: 'seconds' })),
  sync_token: Nullable(Type.String()),
  message: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
});

/** GET /processing/{processing_id}. progress / accepted_metrics / rejected_metrics are the original's names. */
export const ProcessingStatusResponse = Type.Object({
  processing_id: Type.String({ format: 'uuid' }),
  status: ProcessingStatusValue,
  total_metrics: Type.Integer({ minimum: 0 }),
  processed: Type.Integer({ minimum: 0, description: 'metrics looked at so far' }),
  stored: Type.Integer({ minimum: 0, description: 'samples newly stored' }),
  duplicates_skipped: Type.Integer({ minimum: 0, description: 'samples already stored (same natural key)' }),
  errors: Type.Array(MetricError),
  created_at: Type.String({ format: 'date-time' }),
  completed_at: Nullable(Type.String({ format: 'date-time' })),
  progress: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  accepted_metrics: Type.Optional(Type.Integer({ minimum: 0 })),
  rejected_metrics: Type.Optional(Type.Integer({ minimum: 0 })),
});

const NullableNumber = Nullable(Type.Number());
const OutBlock = (fields: readonly string[]) =>
  Nullable(Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(NullableNumber)]))));

/**
 * GET / list item: one stored observation shown as a HealthMetric. The block matching its type is filled in the
 * original's field and unit (CLARITY_FIELD_RULES + fromCanonical; distance back in km); a sleep interval carries its
 * stage, and the night summary when it came from a Clarity sleep_data. Homeostat's own fields follow the original's.
 */
export const HealthMetricView = Type.Object({
  metric_id: Type.String({ description: 'The id the sample was uploaded with (metric_id, HealthKit UUID), else the observation id' }),
  metric_type: Nullable(Type.Enum(CLARITY_METRIC_TYPE_VALUES, { description: 'null for types outside Clarity’s list (e.g. body_mass)' })),
  observation_type: Type.String({ description: 'Homeostat type id (heart_rate, hrv_sdnn, blood_pressure, sleep_stage, …)' }),
  biometric_data: OutBlock([
    'heart_rate',
    'blood_pressure_systolic',
    'blood_pressure_diastolic',
    'oxygen_saturation',
    'heart_rate_variability',
    'respiratory_rate',
    'body_temperature',
    'blood_glucose',
  ]),
  sleep_data: Nullable(
    Type.Object({
      stage: Type.String({ description: 'in_bed, asleep_unspecified, awake, asleep_core, asleep_deep, asleep_rem' }),
      sleep_start: Type.String({ format: 'date-time' }),
      sleep_end: Type.String({ format: 'date-time' }),
      total_sleep_minutes: Type.Optional(NullableNumber),
      sleep_efficiency: Type.Optional(NullableNumber),
      time_to_sleep_minutes: Type.Optional(NullableNumber),
      wake_count: Type.Optional(NullableNumber),
      sleep_stages: Type.Optional(Nullable(Type.Record(Type.String(), Type.Number()))),
    }),
  ),
  activity_data: OutBlock(['steps', 'distance', 'active_energy', 'exercise_minutes', 'flights_climbed', 'vo2_max', 'resting_heart_rate']),
  mental_health_data: Type.Null({ description: 'never stored as observations' }),
  value: Nullable(Type.Number({ description: 'in unit' })),
  unit: Type.String({ description: 'UCUM code of value' }),
  category: Nullable(Type.String()),
  components: Nullable(Type.Record(Type.String(), Type.Number())),
  start_time: Type.String({ format: 'date-time' }),
  end_time: Type.String({ format: 'date-time' }),
  source: Type.String({ description: 'upload_source or HealthKit source name' }),
  device_id: Nullable(Type.String()),
  provenance: Type.Enum(['sensed', 'user_entered']),
  processing_id: Nullable(Type.String({ description: 'the upload it came in' })),
  metadata: Nullable(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
  created_at: Type.String({ format: 'date-time', description: 'When measured (start_time), as the original dates a metric' }),
});
