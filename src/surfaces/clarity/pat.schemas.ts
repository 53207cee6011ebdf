/**
 * Clarity `/api/v1/pat/*` requests and responses (spec §1.3, §3.3). `ActigraphyInput` is the spec's model
 * ({user_id, data_points, sampling_rate, duration_hours}, data points as the original's {timestamp, value});
 * `analyze-step-data` takes the original's minute lists (`step_counts` + `timestamps`), HealthKit step samples, or a
 * window of the person's stored steps. Value checks (negative counts, timestamp order, rates, durations) are the
 * domain's, so that every refusal names its problem in words, not in JSON-Schema terms.
 */
import { Type } from 'typebox';
import { MAX_ANALYSIS_HOURS } from '../../domain/actigraphy/index.js';
import { HealthKitInstant, HealthKitSource } from './healthkit.schemas.js';
import { Opt } from './health-data.schemas.js';
import { ActivityPatterns, CircadianRhythm, ConfidenceScores, PatSummary, SleepMetrics } from './pat-analysis.schemas.js';

const CLOSED = { additionalProperties: false } as const;
/** A month of minutes at 60 samples a minute would not fit the body limit anyway; this bounds validation work. */
const MAX_DATA_POINTS = 200_000;
const MAX_MINUTES = MAX_ANALYSIS_HOURS * 60;

const Instant = Type.String({
  maxLength: 40,
  description: 'ISO 8601 date-time with Z or ±HH:MM (the offset of the first is used for clock times)',
});

const AnalysisOptions = Opt(
  Type.Object(
    { webster_rescoring: Opt(Type.Boolean({ description: 'apply Webster’s rescoring rules to Cole-Kripke and Sadeh (default false)' })) },
    CLOSED,
  ),
);

export const ActigraphyInputBody = Type.Object(
  {
    user_id: Opt(
      Type.String({ maxLength: 128, description: 'optional; when sent it must be the authenticated user (or one they may access)' }),
    ),
    data_points: Type.Array(
      Type.Object(
        { timestamp: Instant, value: Type.Number({ description: 'activity count of the sample (ActiGraph axis-1 counts)' }) },
        CLOSED,
      ),
      { maxItems: MAX_DATA_POINTS, description: 'samples in time order; missing samples are gaps' },
    ),
    sampling_rate: Opt(Type.Number({ description: 'samples per minute (default 1): 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60' })),
    duration_hours: Type.Integer({ description: 'hours from the first sample the series covers: 24 to 744' }),
    options: AnalysisOptions,
  },
  CLOSED,
);

const StepSample = Type.Object(
  {
    uuid: Opt(Type.String({ maxLength: 64 })),
    type: Opt(Type.String({ maxLength: 128, description: 'HKQuantityTypeIdentifierStepCount when given' })),
    value: Type.Number({ description: 'steps in the sample' }),
    unit: Opt(Type.String({ maxLength: 16, description: '"count" when given' })),
    start_date: HealthKitInstant,
    end_date: HealthKitInstant,
    source: Opt(HealthKitSource),
    device: Opt(
      Type.Object(
        {
          name: Opt(Type.String({ maxLength: 256 })),
          manufacturer: Opt(Type.String({ maxLength: 256 })),
          model: Opt(Type.String({ maxLength: 256 })),
          hardware_version: Opt(Type.String({ maxLength: 128 })),
        },
        { additionalProperties: true },
      ),
    ),
  },
  CLOSED,
);

export const StepDataBody = Type.Object(
  {
    user_id: Opt(
      Type.String({ maxLength: 128, description: 'optional; when sent it must be the authenticated user (or one they may access)' }),
    ),
    step_counts: Opt(Type.Array(Type.Number(), { maxItems: MAX_MINUTES, description: 'steps per minute, one per timestamp' })),
    timestamps: Opt(Type.Array(Instant, { maxItems: MAX_MINUTES, description: 'start of each minute of step_counts' })),
    samples: Opt(
      Type.Array(StepSample, {
        maxItems: 100_000,
        description: 'HealthKit HKQuantitySamples of step count; overlapping sources are merged by priority',
      }),
    ),
    window: Opt(Type.Object({ start: Instant, end: Instant }, { ...CLOSED, description: 'analyse your stored steps in [start, end)' })),
    user_metadata: Opt(
      Type.Record(Type.String(), Type.Unknown(), { maxProperties: 32, description: 'accepted for compatibility; not used' }),
    ),
    options: AnalysisOptions,
  },
  CLOSED,
);

const InputSummary = Type.Object({
  form: Type.String(),
  signal: Type.Enum(['actigraphy_counts', 'step_counts']),
  start: Type.String(),
  end: Type.String(),
  minutes: Type.Integer(),
  gap_minutes: Type.Integer(),
  utc_offset_minutes: Type.Integer(),
  webster_rescoring: Type.Boolean(),
});

const AnalysisStatus = Type.Enum(['queued', 'processing', 'completed', 'failed']);

export const AnalysisAccepted = Type.Object({
  processing_id: Type.String({ format: 'uuid' }),
  status: AnalysisStatus,
  message: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  input: InputSummary,
  links: Type.Object({ self: Type.String({ description: 'where the result will be' }) }),
});

export const ProcessingParams = Type.Object({ processing_id: Type.String({ minLength: 1, maxLength: 64 }) });
export const AnalysisQuery = Type.Object({
  include_attention: Type.Optional(Type.Boolean({ description: 'add the per-minute PAT attention profile (10 080 numbers)' })),
});

/** The analysis: its status, and once completed the spec's ActigraphyAnalysis fields at the top level. */
export const AnalysisResult = Type.Object({
  processing_id: Type.String(),
  user_id: Type.String(),
  status: AnalysisStatus,
  message: Type.String(),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  completed_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  input: InputSummary,
  activity_patterns: Type.Optional(ActivityPatterns),
  sleep_metrics: Type.Optional(SleepMetrics),
  circadian_rhythm: Type.Optional(CircadianRhythm),
  feature_embeddings: Type.Optional(Type.Array(Type.Number(), { description: 'PAT: 96-d mean over tokens; absent without weights' })),
  confidence_scores: Type.Optional(ConfidenceScores),
  pat: Type.Optional(PatSummary),
  attention_profile: Type.Optional(
    Type.Object({
      model: Type.String(),
      patch_size: Type.Integer(),
      per_minute: Type.Array(Type.Number(), {
        description: 'last block’s attention received, averaged over heads, one per minute of the PAT week',
      }),
    }),
  ),
  error: Type.Optional(Type.String()),
});

const ModelInfo = Type.Object({
  model_id: Type.String(),
  loaded: Type.Boolean(),
  state: Type.Enum(['loaded', 'loading', 'not_loaded']),
  reason: Type.Union([Type.String(), Type.Null()]),
  weights_file: Type.Union([Type.String(), Type.Null()]),
  used_for_analyses: Type.Boolean(),
  input_minutes: Type.Integer(),
  patch_size: Type.Integer(),
  num_patches: Type.Integer(),
  embed_dim: Type.Integer(),
  num_layers: Type.Integer(),
  num_heads: Type.Integer(),
  ff_dim: Type.Integer(),
  parameters: Type.Integer(),
});

export const ModelsInfo = Type.Object({
  models: Type.Array(ModelInfo),
  outputs: Type.Array(Type.String()),
  prediction_heads: Type.Array(Type.String(), { description: 'empty: no validated PAT prediction head is published' }),
  limitations: Type.Array(Type.String()),
  citation: Type.String(),
  license: Type.String(),
});

export const PatHealth = Type.Object({
  status: Type.Enum(['healthy', 'degraded']),
  service: Type.String(),
  validated_analyses: Type.Literal('available'),
  models: Type.Record(Type.String(), Type.Enum(['loaded', 'loading', 'not_loaded'])),
  jobs: Type.Object({ queued: Type.Integer(), running: Type.Integer() }),
  timestamp: Type.String({ format: 'date-time' }),
});
