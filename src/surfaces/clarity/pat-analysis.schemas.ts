/**
 * The `ActigraphyAnalysis` body of `GET /api/v1/pat/analysis/{processing_id}` (spec §3.3: activity_patterns,
 * sleep_metrics, circadian_rhythm, feature_embeddings, confidence_scores), every nested field declared: the response
 * schema is what filters what leaves, so a field the domain adds is not sent until it is written down here.
 */
import { Type, type TSchema } from 'typebox';

const N = (description?: string) => Type.Number(description ? { description } : {});
const I = (description?: string) => Type.Integer(description ? { description } : {});
const S = (description?: string) => Type.String(description ? { description } : {});
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Status = Type.Enum(['computed', 'abstained', 'not_available']);
const Abstained = Type.Object({ status: Type.Literal('abstained'), reason: S() });

const Night = Type.Object({
  night_date: S('local date of the morning the period ends in'),
  sleep_onset: S('first minute of the sleep period, with the wearer’s offset'),
  final_wake: S('end of the last sleep minute'),
  time_in_bed_minutes: I('sleep period time: no in-bed marker, so it starts at sleep onset'),
  total_sleep_minutes: I(),
  sleep_efficiency_percent: N(),
  waso_minutes: I('wake after sleep onset'),
  sleep_onset_latency_minutes: Nullable(I('null: not measurable without an in-bed time')),
  midpoint: S(),
  midpoint_clock_hours: N(),
  awakenings: I('wake bouts inside the period'),
  other_sleep_periods: I('further periods of ≥ 160 min in the same noon-to-noon window'),
  truncated: Type.Boolean({ description: 'cut by the start or end of the series; left out of the summary' }),
});

const AlgorithmSleep = Type.Object({
  algorithm: Type.Enum(['cole_kripke', 'sadeh']),
  model: S('model_id@version of the calculator'),
  webster_rescoring: Type.Boolean(),
  scored_minutes: I(),
  sleep_minutes: I(),
  wake_minutes: I(),
  nights: Type.Array(Night),
  summary: Nullable(
    Type.Object({
      nights: I(),
      mean_total_sleep_minutes: N(),
      mean_time_in_bed_minutes: N(),
      mean_sleep_efficiency_percent: N(),
      mean_waso_minutes: N(),
      mean_awakenings: N(),
      mean_midpoint_clock_hours: N('circular mean'),
    }),
  ),
});

const RecordedNight = Type.Object({
  night_date: S(),
  nap: Type.Boolean(),
  in_bed_start: Nullable(S()),
  sleep_start: S(),
  sleep_end: S(),
  time_in_bed_minutes: Nullable(N()),
  total_sleep_minutes: N(),
  sleep_efficiency_percent: Nullable(N()),
  waso_minutes: N(),
  sleep_onset_latency_minutes: Nullable(N()),
  awakenings: I(),
  sources: Type.Array(S()),
});

export const SleepMetrics = Type.Object({
  primary_algorithm: Type.Literal('cole_kripke'),
  preferred_source: Type.Enum(['recorded_sleep_stages', 'cole_kripke_on_actigraphy', 'cole_kripke_on_steps_unvalidated']),
  sleep_period_rule: S(),
  time_in_bed_definition: S(),
  webster_rescoring: Nullable(S()),
  cole_kripke: AlgorithmSleep,
  sadeh: AlgorithmSleep,
  recorded_sleep: Nullable(
    Type.Array(RecordedNight, { description: 'nights from the sleep stages the person recorded; null: not looked up' }),
  ),
});

const computed = <T extends Record<string, TSchema>>(fields: T) =>
  Type.Union([Type.Object({ status: Type.Literal('computed'), model: S(), warnings: Type.Array(S()), ...fields }), Abstained]);

export const CircadianRhythm = Type.Object({
  window: Type.Object({ start: S(), end: S(), minutes: I() }, { description: 'the longest stretch without gaps' }),
  nonparametric: computed({
    IS: N('interdaily stability'),
    IV: N('intradaily variability'),
    RA: N('relative amplitude'),
    L5: N(),
    L5_start_hour: N(),
    M10: N(),
    M10_start_hour: N(),
  }),
  cosinor: computed({ mesor: N(), amplitude: N(), acrophase_rad: N(), acrophase_clock_hours: N(), period_hours: N() }),
  sleep_regularity_index: computed({ SRI: N(), sleep_wake_from: S(), days: I() }),
});

const DailyActivity = Type.Object({
  date: S(),
  total: N(),
  minutes_with_data: I(),
  complete: Type.Boolean(),
  waking_minutes: I(),
  sedentary_minutes: I(),
  light_minutes: I(),
  active_minutes: I(),
});

export const ActivityPatterns = Type.Object({
  signal: Type.Enum(['actigraphy_counts', 'step_counts']),
  unit: S(),
  cut_points: Type.Object({ sedentary_below: N(), moderate_to_vigorous_from: N(), citation: S() }),
  daily: Type.Array(DailyActivity),
  totals: Type.Object({
    waking_minutes: I(),
    sedentary_minutes: I(),
    light_minutes: I(),
    active_minutes: I(),
    mean_daily_total: Nullable(N('over complete days only')),
  }),
  sedentary_bouts: Type.Object({
    count: I(),
    mean_minutes: Nullable(N()),
    median_minutes: Nullable(N()),
    longest_minutes: I(),
    minutes_in_bouts_30_plus: I(),
    by_length: Type.Object({ '1-9': I(), '10-29': I(), '30-59': I(), '60+': I() }),
  }),
  fragmentation: Type.Object({
    sedentary_to_active_transition_probability: Nullable(N()),
    active_to_sedentary_transition_probability: Nullable(N()),
    citation: S(),
  }),
});

export const ConfidenceScores = Type.Object(
  {
    coverage: N('share of minutes with data (0–1)'),
    minutes_total: I(),
    minutes_with_data: I(),
    days_spanned: N(),
    complete_days: I('local days with all 1440 minutes'),
    gaps: Type.Object({ count: I(), total_minutes: I(), longest_minutes: I() }),
    signal: Type.Enum(['actigraphy_counts', 'step_counts']),
    step_derived: Type.Boolean(),
    sleep_scoring_validated: Type.Boolean({ description: 'false for steps: Cole-Kripke and Sadeh were validated on ActiGraph counts' }),
    recorded_sleep_stages_available: Nullable(Type.Boolean()),
    preferred_sleep_source: S(),
    analyses: Type.Record(Type.String(), Type.Object({ status: Status, reason: Type.Optional(S()) })),
    notes: Type.Array(S()),
  },
  { description: 'facts about the data, not model outputs' },
);

export const PatSummary = Type.Object({
  status: Status,
  reason: Type.Optional(S()),
  model: Type.Optional(S()),
  weights_file: Type.Optional(S()),
  input_window: Type.Optional(Type.Object({ start: S(), end: S(), minutes: I(), gap_minutes: I() })),
  standardisation: S(),
  in_pretraining_distribution: Type.Boolean(),
  notes: Type.Array(S()),
  inference_ms: Type.Optional(N()),
});
