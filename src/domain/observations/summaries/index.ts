// Documented, pure summaries behind the Twin health endpoints (docs/health-data.md): inputs in, numbers out.
export {
  ACTIVE_MINUTES_FULL_SCORE,
  ACTIVITY_SCORE_WEIGHTS,
  MIN_WEAR_MINUTES,
  STEPS_FULL_SCORE,
  WHO_WEEKLY_MODERATE_MINUTES,
  activityScore,
} from './activity-score.js';
export type { ActivityScore, ActivityScoreComponent, ActivityScoreInput, ActivityScoreReason } from './activity-score.js';
export { CADENCE_THRESHOLDS, MIN_AWAKE_WORN_MINUTES, SEDENTARY_MAX_STEPS, activeMinutes } from './active-minutes.js';
export type { ActiveMinutes, ActiveMinutesInput, MinuteValue, StepInterval, TimeInterval } from './active-minutes.js';
export { BASELINE_DEFAULTS, median, personalBaseline } from './baseline.js';
export type { Baseline, DailyMean } from './baseline.js';
export { restlessness, longAwakeningsUpperBound } from './restlessness.js';
export type { Restlessness, RestlessnessLevel, RestlessnessReason } from './restlessness.js';
export { SLEEP_DEBT_DEFAULTS, sleepDebt } from './sleep-debt.js';
export type { SleepDebt, SleepDebtInput, SleepDebtNight, SleepDebtReason } from './sleep-debt.js';
export { SLEEP_QUALITY_WEIGHTS, durationAnchors, sleepQualityScore } from './sleep-quality.js';
export type { SleepQualityComponent, SleepQualityComponentName, SleepQualityReason, SleepQualityScore } from './sleep-quality.js';
export {
  CONTINUITY_ADULT,
  CONTINUITY_OLDER_ADULT,
  NSF_SLEEP_DURATION,
  continuityThresholds,
  recommendedMidpointMinutes,
  sleepDurationBand,
  wakeMeasured,
} from './sleep-recommendations.js';
export type { ContinuityThresholds, SleepDurationBand, SleepNight } from './sleep-recommendations.js';
export type { Insufficient } from './summary-result.js';
export { APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES, COVERAGE_THRESHOLDS, expectedSampling, vitalsQuality } from './vitals-quality.js';
export type { Sampling, ValueProvenance, VitalsBucketInput, VitalsQuality, VitalsQualityLevel, VitalsSample } from './vitals-quality.js';
