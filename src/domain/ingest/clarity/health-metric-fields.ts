/**
 * Where each Clarity field goes: metric-type spellings, the data block each type needs, the field → observation type
 * and unit table, and the fields with no observation type. Pure data (+ two lookups); the table drives the mapping and
 * can drive the reverse view (a stored observation shown as a HealthMetric).
 */
import { CLARITY_METRIC_TYPES, type ClarityMetricType, type ObservationTypeId } from '../../observations/index.js';
import type { ClarityHealthMetric } from './health-metric-types.js';

export const CLARITY_METRIC_TYPE_VALUES = CLARITY_METRIC_TYPES.map((t) => t.toLowerCase() as Lowercase<ClarityMetricType>);

const BY_SPELLING: ReadonlyMap<string, ClarityMetricType> = new Map(
  CLARITY_METRIC_TYPES.flatMap((t) => [[t, t] as const, [t.toLowerCase(), t] as const]),
);

/** `HEART_RATE` or `heart_rate` → `HEART_RATE`; undefined for anything else (no case-folding beyond the two spellings). */
export function clarityMetricTypeOf(spelling: string): ClarityMetricType | undefined {
  return BY_SPELLING.get(spelling);
}

export type ClarityBlock = 'biometric_data' | 'sleep_data' | 'activity_data' | 'mental_health_data';

/** The block a metric of each type must carry; ENVIRONMENTAL has none in the Clarity model. */
export const REQUIRED_BLOCK: Readonly<Record<ClarityMetricType, ClarityBlock | null>> = {
  HEART_RATE: 'biometric_data',
  HEART_RATE_VARIABILITY: 'biometric_data',
  BLOOD_PRESSURE: 'biometric_data',
  BLOOD_OXYGEN: 'biometric_data',
  RESPIRATORY_RATE: 'biometric_data',
  BODY_TEMPERATURE: 'biometric_data',
  BLOOD_GLUCOSE: 'biometric_data',
  SLEEP_ANALYSIS: 'sleep_data',
  ACTIVITY_LEVEL: 'activity_data',
  STRESS_INDICATORS: 'mental_health_data',
  MOOD_ASSESSMENT: 'mental_health_data',
  COGNITIVE_METRICS: 'mental_health_data',
  ENVIRONMENTAL: null,
};

/** A Clarity field stored as one quantity sample: its observation type and the unit the original documents. */
export interface ClarityFieldRule {
  readonly block: 'biometric_data' | 'activity_data';
  readonly field: string;
  readonly type: ObservationTypeId;
  /** UCUM spelling of the original's unit. */
  readonly unit: string;
}

/**
 * One row per stored scalar field (blood pressure is the correlation below). Exported so the surface can show a
 * stored observation in the same field and unit (`fromCanonical(rule.type, value, rule.unit, 'ucum')`).
 * heart_rate_variability is SDNN unless the metric's metadata says `hrv_method: "rmssd"` (see hrvTypeOf).
 */
export const CLARITY_FIELD_RULES: readonly ClarityFieldRule[] = [
  { block: 'biometric_data', field: 'heart_rate', type: 'heart_rate', unit: 'bpm' },
  { block: 'biometric_data', field: 'oxygen_saturation', type: 'spo2', unit: '%' },
  { block: 'biometric_data', field: 'heart_rate_variability', type: 'hrv_sdnn', unit: 'ms' },
  { block: 'biometric_data', field: 'respiratory_rate', type: 'respiratory_rate', unit: '/min' },
  { block: 'biometric_data', field: 'body_temperature', type: 'body_temperature', unit: 'Cel' },
  { block: 'biometric_data', field: 'blood_glucose', type: 'blood_glucose', unit: 'mg/dL' },
  { block: 'activity_data', field: 'steps', type: 'steps', unit: '{steps}' },
  { block: 'activity_data', field: 'distance', type: 'distance', unit: 'km' },
  { block: 'activity_data', field: 'active_energy', type: 'active_energy', unit: 'kcal' },
  { block: 'activity_data', field: 'exercise_minutes', type: 'exercise_time', unit: 'min' },
  { block: 'activity_data', field: 'flights_climbed', type: 'flights_climbed', unit: '{count}' },
  { block: 'activity_data', field: 'vo2_max', type: 'vo2_max', unit: 'mL/(kg.min)' },
  { block: 'activity_data', field: 'resting_heart_rate', type: 'resting_heart_rate', unit: 'bpm' },
];

/** Blood pressure: the original's two fields, stored as one `blood_pressure` correlation (components in mm[Hg]). */
export const CLARITY_BLOOD_PRESSURE = {
  systolic: { field: 'blood_pressure_systolic', type: 'blood_pressure_systolic', unit: 'mm[Hg]' },
  diastolic: { field: 'blood_pressure_diastolic', type: 'blood_pressure_diastolic', unit: 'mm[Hg]' },
} as const;

/** activity_data fields with no observation type, reported `not_stored`. */
export const ACTIVITY_NOT_STORED: Readonly<Record<string, string>> = {
  active_minutes: 'no observation type for active minutes (not the same measure as exercise_time)',
};
/** mental_health_data fields, all reported `not_stored`: self-reports belong to the screening module. */
export const MENTAL_FIELDS = [
  'mood_score',
  'stress_level',
  'anxiety_level',
  'energy_level',
  'focus_rating',
  'social_interaction_minutes',
  'meditation_minutes',
  'notes',
] as const;
/** `hrv_method` in the metric's metadata: absent or "sdnn" → SDNN, "rmssd" → RMSSD, anything else → null (refused). */
export function hrvTypeOf(metadata: ClarityHealthMetric['metadata']): 'hrv_sdnn' | 'hrv_rmssd' | null {
  const stated = metadata?.['hrv_method'];
  if (stated === undefined || stated === null) return 'hrv_sdnn';
  const name = typeof stated === 'string' ? stated.trim().toLowerCase() : '';
  return name === 'sdnn' ? 'hrv_sdnn' : name === 'rmssd' ? 'hrv_rmssd' : null;
}
