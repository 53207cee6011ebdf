/**
 * The Clarity upload body as the mapper reads it (`HealthDataUpload` and its nested models, clarity-loop-backend's
 * `clarity/models/health_data.py`), and what the mapper returns. The request schema
 * (surfaces/clarity/health-data.schemas.ts) admits exactly these types (a compile-time check there).
 */
import type { SampleInput } from '../../observations/index.js';
type Num = number | null | undefined;

export interface ClarityBiometricData {
  readonly heart_rate?: Num;
  readonly blood_pressure_systolic?: Num;
  readonly blood_pressure_diastolic?: Num;
  readonly oxygen_saturation?: Num;
  readonly heart_rate_variability?: Num;
  readonly respiratory_rate?: Num;
  readonly body_temperature?: Num;
  readonly blood_glucose?: Num;
}

export interface ClaritySleepData {
  readonly total_sleep_minutes: number;
  readonly sleep_efficiency: number;
  readonly time_to_sleep_minutes?: Num;
  readonly wake_count?: Num;
  /** Minutes per stage, keys `awake`, `light`, `deep`, `rem`. */
  readonly sleep_stages?: Readonly<Record<string, Num>> | null;
  readonly sleep_start: string;
  readonly sleep_end: string;
}

export interface ClarityActivityData {
  readonly steps?: Num;
  readonly distance?: Num;
  readonly active_energy?: Num;
  readonly exercise_minutes?: Num;
  readonly flights_climbed?: Num;
  readonly vo2_max?: Num;
  readonly active_minutes?: Num;
  readonly resting_heart_rate?: Num;
}

export interface ClarityMentalHealthIndicator {
  readonly mood_score?: string | null;
  readonly stress_level?: Num;
  readonly anxiety_level?: Num;
  readonly energy_level?: Num;
  readonly focus_rating?: Num;
  readonly social_interaction_minutes?: Num;
  readonly meditation_minutes?: Num;
  readonly notes?: string | null;
  readonly timestamp?: string | null;
}

export interface ClarityHealthMetric {
  readonly metric_id?: string | null;
  /** A `HealthMetricType`: the spec's name (`HEART_RATE`) or the original's wire value (`heart_rate`). */
  readonly metric_type: string;
  readonly biometric_data?: ClarityBiometricData | null;
  readonly sleep_data?: ClaritySleepData | null;
  readonly activity_data?: ClarityActivityData | null;
  readonly mental_health_data?: ClarityMentalHealthIndicator | null;
  readonly device_id?: string | null;
  readonly raw_data?: Readonly<Record<string, unknown>> | null;
  readonly metadata?: Readonly<Record<string, unknown>> | null;
  readonly created_at?: string | null;
}

export interface ClarityHealthDataUpload {
  readonly user_id: string;
  readonly metrics: readonly ClarityHealthMetric[];
  readonly upload_source: string;
  readonly client_timestamp: string;
  readonly sync_token?: string | null;
}

export type ClarityMetricErrorCode =
  | 'unknown_metric_type'
  | 'missing_data_block'
  | 'missing_timestamp'
  | 'invalid_timestamp'
  | 'out_of_range'
  | 'invalid_unit'
  | 'inconsistent'
  | 'duplicate_metric_id'
  | 'not_stored';

export interface ClarityMetricError {
  /** Index of the metric in `metrics`. */
  readonly index: number;
  /** Path of the offending field, e.g. `metrics[3].biometric_data.heart_rate`. */
  readonly field: string;
  readonly message: string;
  /** `not_stored`: the field has no observation type and was skipped; every other code refuses the whole metric. */
  readonly code: ClarityMetricErrorCode;
}

export interface ClarityMappingResult {
  readonly samples: SampleInput[];
  readonly errors: ClarityMetricError[];
  /** Indices of the metrics refused whole (each has at least one error whose code is not `not_stored`). */
  readonly rejected: number[];
}

export interface ClarityMappingOptions {
  /** The server's current time, epoch ms: instants later than now + `maxFutureMs` are refused. */
  readonly now: number;
  /** Default 24 h (a phone clock set a day ahead is still a date slip we refuse). */
  readonly maxFutureMs?: number;
}
