/**
 * Schemas of Twin `/v1/health/*` (spec §3). Field names and shapes are the spec's; fields it does not have are
 * additions a spec client can ignore. The descriptions say what each number is, since the spec does not.
 */
import { Type } from 'typebox';
import {
  MANUAL_METRIC_TYPES,
  MANUAL_NOTES_MAX_LENGTH,
  VITAL_METRICS,
  VITALS_GRANULARITIES,
  VITALS_MAX_DAYS,
  SLEEP_MAX_DAYS,
} from '../../domain/observations/queries/index.js';
import { CursorQuery, LimitQuery, TwinPagination } from '../../platform/http/pagination.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const DateParam = (description: string) => Type.String({ format: 'date', description: `${description}, ISO 8601 date (YYYY-MM-DD)` });
const UserIdParam = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "whose data (default: the caller's own); another person's needs access to them (admins), else 403",
});

const Abstention = Type.Object({ reason: Type.String(), message: Type.String() });
/** `data_sufficiency`: for each listed field that is null, why (a stable reason and a sentence). */
const sufficiency = (fields: readonly string[]) =>
  Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(Abstention)])), {
    description: 'why a field is null: present only for the null fields',
  });

// ── Vitals ───────────────────────────────────────────────────────────────────────────────────────────────────────
const VitalMetric = Type.Enum([...VITAL_METRICS]);

export const VitalsQuery = Type.Object({
  start_date: DateParam('first date of the window'),
  end_date: DateParam('last date of the window (included)'),
  metric: Type.Optional(
    Type.Enum([...VITAL_METRICS, 'all'], {
      default: 'all',
      description:
        'one metric, or `all` (the default): every metric, each point tagged with its `metric`, one summary per metric in `summaries`',
    }),
  ),
  granularity: Type.Optional(
    Type.Enum([...VITALS_GRANULARITIES], {
      default: 'hourly',
      description:
        `raw samples (window ≤ ${VITALS_MAX_DAYS.raw} days), hourly means (≤ ${VITALS_MAX_DAYS.hourly} days) or daily means ` +
        `(≤ ${VITALS_MAX_DAYS.daily} days). raw and hourly windows are UTC days; daily points are the person's local dates`,
    }),
  ),
  limit: LimitQuery,
  cursor: Type.Optional(CursorQuery),
  user_id: Type.Optional(UserIdParam),
});

const BloodPressure = Type.Object({ systolic: Nullable(Type.Number()), diastolic: Nullable(Type.Number()) });
const VitalValue = Type.Union([Type.Number(), BloodPressure], {
  description: 'in `unit`; blood pressure as {systolic, diastolic} mmHg. Rounded to 2 decimals',
});

const VitalsPoint = Type.Object({
  timestamp: Type.String({
    description:
      'raw: the sample time; hourly: the UTC hour; daily: the local date at 00:00 written with Z (a date label, not an instant; see `date`)',
  }),
  date: Type.Optional(Type.String({ format: 'date', description: 'daily points: the local date' })),
  metric: VitalMetric,
  value: VitalValue,
  source: Type.String({
    description:
      "raw: the name of the device or app that recorded the sample; hourly/daily: `aggregate` (a mean over every source's samples; rollups keep no source)",
  }),
  quality: Type.Enum(['high', 'medium', 'low'], {
    description:
      'raw: vitalsQuality of the one sample as a spot measurement (typed-in values medium, implausible values low). hourly/daily: from the rollup ' +
      '(implausible min/max → low; spot measurements → high; heart rate: min(count, 10-minute slots) ÷ slots against 2/3 and 1/3 — a ceiling, ' +
      'since samples may share a slot). See docs/health-data.md',
  }),
  sample_count: Type.Integer({ minimum: 0, description: 'samples behind the point (1 for raw)' }),
});

const BaselineStatus = Type.Object({
  status: Type.Enum(['computed', 'insufficient_data']),
  reason: Nullable(Type.String()),
  message: Nullable(Type.String()),
  method: Type.Literal('median_of_daily_means'),
  window: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
  days_with_data: Type.Integer({ minimum: 0 }),
  min_days_required: Type.Integer({ minimum: 0 }),
});

const VitalsSummary = Type.Object({
  min: Nullable(VitalValue),
  max: Nullable(VitalValue),
  avg: Nullable(
    Type.Union([Type.Number(), BloodPressure], { description: 'mean of every sample in the window (not a mean of the points)' }),
  ),
  baseline: Nullable(
    Type.Union([Type.Number(), BloodPressure], {
      description:
        'median of the daily means of the 28 local dates before start_date; null with fewer than 7 such dates (see baseline_status)',
    }),
  ),
  baseline_status: BaselineStatus,
  sample_count: Type.Integer({ minimum: 0 }),
});

/** One entry per metric the response covers. */
const perMetric = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) =>
  Type.Object({
    heart_rate: Type.Optional(schema),
    hrv: Type.Optional(schema),
    blood_pressure: Type.Optional(schema),
    spo2: Type.Optional(schema),
    temperature: Type.Optional(schema),
  });

export const VitalsResponse = Type.Object({
  user_id: Type.String(),
  metric: Type.Enum([...VITAL_METRICS, 'all']),
  unit: Nullable(Type.String({ description: 'bpm, ms, mmHg, %, celsius; null for metric=all (see `units`)' })),
  units: perMetric(Type.String()),
  granularity: Type.Enum([...VITALS_GRANULARITIES]),
  start_date: Type.String({ format: 'date' }),
  end_date: Type.String({ format: 'date' }),
  data: Type.Array(VitalsPoint, { description: 'ordered by metric (blood_pressure, temperature, heart_rate, hrv, spo2), then time' }),
  summary: Nullable(VitalsSummary),
  summaries: perMetric(VitalsSummary),
  quality_basis: Type.Enum(['sample', 'rollup'], {
    description: 'what `quality` was judged on: each sample (raw) or the rollup row (hourly/daily)',
  }),
  pagination: TwinPagination,
});

// ── Sleep ────────────────────────────────────────────────────────────────────────────────────────────────────────
export const SleepQuery = Type.Object({
  start_date: DateParam('first night, by its wake-up date'),
  end_date: DateParam(`last night (included; window ≤ ${SLEEP_MAX_DAYS} days)`),
  user_id: Type.Optional(UserIdParam),
});

const SleepSession = Type.Object({
  date: Type.String({
    format: 'date',
    description: 'the local date the sleep ENDED (the morning you wake up): the night of 1→2 December is 2025-12-02',
  }),
  nap: Type.Boolean({ description: 'under 3 h of sleep ending 10:00–20:00 local' }),
  sleep_start: Type.String({ format: 'date-time' }),
  sleep_end: Type.String({ format: 'date-time' }),
  total_duration_minutes: Type.Integer({ description: 'time asleep (deep + light + rem + unspecified); awake time is not included' }),
  sleep_period_minutes: Type.Integer({ description: 'sleep_start → sleep_end, awakenings included' }),
  time_in_bed_minutes: Nullable(Type.Integer()),
  stages: Type.Object({
    deep_minutes: Type.Integer(),
    light_minutes: Type.Integer({ description: 'HealthKit "core" sleep' }),
    rem_minutes: Type.Integer(),
    awake_minutes: Type.Integer({ description: 'all awake time in the session, before, during and after sleep' }),
    unspecified_minutes: Type.Integer({ description: 'asleep without a stage (older watches, phone apps)' }),
  }),
  efficiency: Nullable(Type.Number({ description: 'asleep ÷ time in bed, 0–1; null without in-bed samples' })),
  awakenings: Type.Integer(),
  awake_after_sleep_onset_minutes: Type.Integer(),
  quality_score: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: 100,
      description: 'sleepQualityScore (NSF duration and continuity); null for naps and when no continuity measure exists',
    }),
  ),
  hrv_avg: Nullable(Type.Number({ description: 'mean HRV (SDNN, ms) of the samples recorded during the session' })),
  respiratory_rate_avg: Nullable(
    Type.Number({ description: 'mean respiratory rate (breaths/min) of the samples recorded during the session' }),
  ),
  restlessness: Nullable(Type.Enum(['low', 'medium', 'high'])),
  source: Type.String({ description: "the session's highest-priority source" }),
  sources: Type.Array(Type.String()),
  data_sufficiency: sufficiency(['quality_score', 'restlessness', 'hrv_avg', 'respiratory_rate_avg']),
});

export const SleepResponse = Type.Object({
  user_id: Type.String(),
  start_date: Type.String({ format: 'date' }),
  end_date: Type.String({ format: 'date' }),
  sleep_sessions: Type.Array(SleepSession),
  summary: Type.Object({
    avg_duration_minutes: Nullable(Type.Integer({ description: 'mean total_duration_minutes of the main sleeps (naps excluded)' })),
    avg_quality_score: Nullable(Type.Integer({ description: 'mean quality_score of the main sleeps that have one' })),
    sleep_debt_hours: Nullable(
      Type.Number({
        description: 'sleepDebt: Σ max(0, need − slept) over the 14 nights ending at end_date; null with fewer than 7 nights of data',
      }),
    ),
    sleep_debt: Nullable(
      Type.Object({
        need_minutes: Type.Number(),
        need_basis: Type.Enum(['personal', 'age', 'default']),
        window: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
        nights_with_data: Type.Integer(),
        nights_in_window: Type.Integer(),
      }),
    ),
    main_sleeps: Type.Integer(),
    naps: Type.Integer(),
    data_sufficiency: sufficiency(['avg_duration_minutes', 'avg_quality_score', 'sleep_debt_hours']),
  }),
});

// ── Activity ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const ActivityQuery = Type.Object({
  date: DateParam("the person's local date"),
  user_id: Type.Optional(UserIdParam),
});

const ExerciseSession = Type.Object({
  type: Type.String({ description: 'activity type, snake_case (running, cycling, high_intensity_interval_training, …)' }),
  start_time: Type.String({ format: 'date-time' }),
  end_time: Type.String({ format: 'date-time' }),
  duration_minutes: Type.Integer(),
  avg_heart_rate: Nullable(Type.Integer({ description: 'mean of the heart-rate samples during the workout' })),
  max_heart_rate: Nullable(Type.Integer()),
  calories: Nullable(Type.Integer({ description: 'active energy the workout recorded, kcal' })),
  distance_km: Nullable(Type.Number()),
  source: Type.String(),
});

export const ActivityResponse = Type.Object({
  user_id: Type.String(),
  date: Type.String({ format: 'date' }),
  steps: Nullable(Type.Integer({ description: 'merged by source priority (a Watch and an iPhone are never summed)' })),
  distance_km: Nullable(Type.Number({ description: 'walking + running distance, merged by source priority' })),
  calories_burned: Nullable(
    Type.Integer({ description: 'active + basal (resting) energy, kcal, each merged by source priority; null unless both were recorded' }),
  ),
  active_calories: Nullable(Type.Integer()),
  basal_calories: Nullable(Type.Integer()),
  active_minutes: Nullable(Type.Integer({ description: 'minutes at ≥ 100 steps/min or Apple exercise minutes' })),
  vigorous_minutes: Nullable(Type.Integer({ description: 'the part of active_minutes at ≥ 130 steps/min' })),
  sedentary_minutes: Nullable(
    Type.Integer({ description: 'awake minutes with the watch worn and no steps; null when wear is unknown or under 10 h' }),
  ),
  light_minutes: Nullable(Type.Integer()),
  exercise_sessions: Type.Array(ExerciseSession),
  activity_score: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: 100,
      description: 'activityScore: steps (Paluch 2022) and active minutes (WHO 2020), equal weights',
    }),
  ),
  day_start: Type.String({ format: 'date-time', description: 'local midnight of the date, as an instant' }),
  day_end: Type.String({ format: 'date-time' }),
  data_sufficiency: sufficiency(['steps', 'distance_km', 'calories_burned', 'active_minutes', 'sedentary_minutes', 'activity_score']),
});

// ── Manual entry ─────────────────────────────────────────────────────────────────────────────────────────────────
export const ManualEntryBody = Type.Object(
  {
    metric_type: Type.Enum(MANUAL_METRIC_TYPES),
    timestamp: Type.String({ minLength: 1, maxLength: 64, description: 'ISO 8601 date-time with a UTC offset; not in the future' }),
    values: Type.Object(
      {},
      {
        additionalProperties: true,
        description:
          'blood_pressure: {systolic, diastolic, pulse?} mmHg/bpm; weight: {value, unit: kg|lb}; glucose: {value, unit: mg/dL|mmol/L}; ' +
          'temperature: {value, unit: celsius|fahrenheit}; height: {value, unit: cm|in}; heart_rate, resting_heart_rate: {value} bpm; ' +
          'hrv: {value} ms (SDNN); spo2, body_fat_percentage: {value} %; respiratory_rate: {value} breaths/min',
      },
    ),
    notes: Type.Optional(Type.String({ maxLength: MANUAL_NOTES_MAX_LENGTH, description: 'kept with the entry; never logged' })),
  },
  { additionalProperties: false },
);

export const ManualEntryResponse = Type.Object({
  record_id: Type.String(),
  metric_type: Type.String(),
  timestamp: Type.String({ format: 'date-time', description: 'the instant stored (UTC, whole seconds)' }),
  status: Type.Enum(['recorded', 'duplicate'], {
    description:
      "duplicate: the same entry (metric, values, instant) was recorded before; record_id is that entry's, nothing new was stored",
  }),
});
