/**
 * What a twin answers: a 0-100 score (higher is healthier, as the spec's `overall_health_score`), a status band, the
 * components that made it (each with the model behind it), and how sufficient the data was. Scoring is pure
 * (../scoring); storage and trend live in ../store.
 */

export const TWIN_NAMES = [
  'cardiac',
  'metabolic',
  'sleep',
  'fatigue',
  'mental_health',
  'environmental',
  'occupational',
  'driving',
] as const;
export type TwinName = (typeof TWIN_NAMES)[number];

export type TwinStatus = 'excellent' | 'good' | 'fair' | 'poor' | 'insufficient_data';

/** One ingredient of a twin score. */
export interface TwinComponent {
  /** stable id, snake_case (`resting_hr`, `ten_year_cvd_risk`) */
  readonly id: string;
  /** a human label, the spec's driver wording (`Elevated resting heart rate`) */
  readonly label: string;
  /** the measured or modelled value and its unit (`bpm`, `%`, `h`, `points`) */
  readonly value: number;
  readonly unit: string;
  /** 0-100, higher is healthier */
  readonly sub_score: number;
  /** weight in the twin's weighted mean (weights of the present components are renormalised to sum 1) */
  readonly weight: number;
  /** `model-id@version` when a library model produced the value, else null (a documented mapping in docs/models.md) */
  readonly model: string | null;
}

export interface DataSufficiency {
  readonly sufficient: boolean;
  /** inputs that were present (`resting_heart_rate`, `labs.total_chol_mgdl`, …) */
  readonly present: readonly string[];
  /** inputs that were missing or too sparse, each with what would fix it */
  readonly missing: readonly { readonly input: string; readonly need: string }[];
  /** days the window looked at, and the share of them with data for the twin's core inputs (0-1) */
  readonly window_days: number;
  readonly coverage: number;
}

export interface TwinScore {
  readonly twin: TwinName;
  /** integer 0-100; null exactly when status is insufficient_data */
  readonly score: number | null;
  readonly status: TwinStatus;
  readonly components: readonly TwinComponent[];
  /** `model-id@version` of every library model used */
  readonly models: readonly string[];
  readonly data_sufficiency: DataSufficiency;
  /** things the caller should know (an input out of a model's validated range, a model skipped and why) */
  readonly notes: readonly string[];
}

export type TwinScores = Readonly<Record<TwinName, TwinScore>>;

/** Status bands of a 0-100 score (docs/models.md): ≥ 85 excellent, ≥ 70 good, ≥ 50 fair, else poor. */
export function statusOf(score: number): Exclude<TwinStatus, 'insufficient_data'> {
  if (score >= 85) return 'excellent';
  if (score >= 70) return 'good';
  if (score >= 50) return 'fair';
  return 'poor';
}
