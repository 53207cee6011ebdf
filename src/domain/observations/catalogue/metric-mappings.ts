/**
 * How the spec-level metric names (Clarity `HealthMetricType`, Twin `metric`) resolve to observation types.
 * Which types belong to a metric is read from the observation table's `clarity` / `twin` columns (one source of
 * truth); this file only says how they combine, and why, for the metrics that are not a single type.
 */
import {
  CLARITY_METRIC_TYPES,
  OBSERVATION_TYPES,
  TWIN_METRICS,
  type ClarityMetricType,
  type ObservationType,
  type TwinMetric,
} from './observation-types.js';

/**
 * single: exactly one observation type.
 * composite: several types. combine 'sum' = the metric is their sum (Twin calories = active + basal energy);
 *   'separate' = the metric is a family, each type stored and reported on its own (Clarity ACTIVITY_LEVEL).
 * not_an_observation: no physiological observation type; the note says where it is handled.
 */
export type Resolution = 'single' | 'composite' | 'not_an_observation';

export interface MetricMapping<M extends string> {
  readonly metric: M;
  readonly resolution: Resolution;
  readonly combine: 'sum' | 'separate' | null;
  /** In table order; exactly one for `single`, two or more for `composite`, none for `not_an_observation`. */
  readonly types: readonly ObservationType[];
  readonly note: string | null;
}

type Handling = Pick<MetricMapping<string>, 'resolution' | 'combine' | 'note'>;
const single = (note: string | null = null): Handling => ({ resolution: 'single', combine: null, note });

const MENTAL =
  'Carried in the upload as mental_health_data (MentalHealthIndicator), a self-report or screening result, not a ' +
  'sensor observation: handled by the screening module. Physiological proxies (heart rate, HRV) arrive under their own metric types.';

const CLARITY: Readonly<Record<ClarityMetricType, Handling>> = {
  HEART_RATE: single(),
  HEART_RATE_VARIABILITY: single(
    'Clarity does not name the statistic; its source is HealthKit, which only measures SDNN. A payload that states RMSSD ' +
      'is stored as hrv_rmssd by the surface, never silently as SDNN.',
  ),
  BLOOD_PRESSURE: single('A correlation of systolic and diastolic components.'),
  BLOOD_OXYGEN: single(),
  RESPIRATORY_RATE: single(),
  SLEEP_ANALYSIS: single('Stage samples; nights are assembled by the sleep module.'),
  ACTIVITY_LEVEL: {
    resolution: 'composite',
    combine: 'separate',
    note: 'activity_data carries several measurements; each is stored as its own cumulative type.',
  },
  STRESS_INDICATORS: { resolution: 'not_an_observation', combine: null, note: MENTAL },
  MOOD_ASSESSMENT: { resolution: 'not_an_observation', combine: null, note: MENTAL },
  COGNITIVE_METRICS: { resolution: 'not_an_observation', combine: null, note: MENTAL },
  ENVIRONMENTAL: {
    resolution: 'composite',
    combine: 'separate',
    note: 'Exposures the person experienced (sound level, daylight); each is its own type. Headphone audio is personal, not environmental.',
  },
  BODY_TEMPERATURE: single(),
  BLOOD_GLUCOSE: single(),
};

const TWIN: Readonly<Record<TwinMetric, Handling>> = {
  heart_rate: single(),
  hrv: single('HealthKit SDNN; RMSSD sources are stored as hrv_rmssd and not reported under this name.'),
  blood_pressure: single(),
  spo2: single(),
  temperature: single('Body (core) temperature; wrist temperature is a separate type.'),
  steps: single(),
  distance: single('Walking + running distance (activity distance_km).'),
  calories: {
    resolution: 'composite',
    combine: 'sum',
    note: 'calories_burned is total energy expenditure: active + basal, each merged by source priority before adding.',
  },
  sleep: single(),
  workouts: single(),
  weight: single(),
  glucose: single(),
};

function build<M extends string>(
  metrics: readonly M[],
  handling: Readonly<Record<M, Handling>>,
  member: (t: ObservationType) => string | null,
): ReadonlyMap<string, MetricMapping<M>> {
  return new Map(
    metrics.map((metric) => [metric, { metric, ...handling[metric], types: OBSERVATION_TYPES.filter((t) => member(t) === metric) }]),
  );
}

const BY_CLARITY = build(CLARITY_METRIC_TYPES, CLARITY, (t) => t.clarity);
const BY_TWIN = build(TWIN_METRICS, TWIN, (t) => t.twin);

/** How a Clarity `HealthMetricType` resolves; undefined for an unknown name (case-sensitive, as in the spec). */
export function byClarityMetricType(metric: string): MetricMapping<ClarityMetricType> | undefined {
  return BY_CLARITY.get(metric);
}

/** How a Twin metric name resolves; undefined for an unknown name (including `all`, which is not a metric). */
export function byTwinMetric(metric: string): MetricMapping<TwinMetric> | undefined {
  return BY_TWIN.get(metric);
}
