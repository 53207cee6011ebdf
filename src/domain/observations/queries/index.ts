/**
 * The queries behind the Twin `/v1/health/*` endpoints: vitals series over rollups, sleep reports, activity days and
 * manual entries. Each reads the observation store for one person (authorisation happens before) and applies the
 * documented summaries (../summaries); surfaces only map the results to their JSON.
 */
export type { Abstention } from './abstention.js';
export { ageOn, dateKey, dateWindow, dayWindow, isoDate, isoInstant, parameterError, type DateWindow } from './calendar.js';
export { sourcePriorityOf } from './store-access.js';
export { rowSourceClass, sleepSampleOf } from './stored-rows.js';
export {
  VITAL_METRICS,
  VITAL_UNITS,
  VITALS_GRANULARITIES,
  VITALS_MAX_DAYS,
  type BloodPressureValue,
  type VitalMetric,
  type VitalsGranularity,
  type VitalsMetricParam,
  type VitalValue,
} from './vitals-metrics.js';
export type { BaselineStatus, VitalsSummary } from './vitals-summary.js';
export {
  vitalsCursorFrom,
  vitalsCursorPosition,
  vitalsSeries,
  type VitalsCursor,
  type VitalsPoint,
  type VitalsQuery,
  type VitalsSeries,
} from './vitals-series.js';
export { SLEEP_MAX_DAYS, sleepReport, type SleepReport, type SleepReportQuery, type SleepSessionReport } from './sleep-report.js';
export { activityDay, workoutTypeName, type ActivityDay, type ActivityDayQuery, type ExerciseSession } from './activity-day.js';
export {
  FUTURE_TOLERANCE_MS,
  MANUAL_METRICS,
  MANUAL_METRIC_TYPES,
  MANUAL_NOTES_MAX_LENGTH,
  MANUAL_SOURCE,
  parseTimestamp,
  planManualEntry,
  recordManualEntry,
  type ManualEntryInput,
  type ManualEntryPlan,
  type ManualEntryResult,
} from './manual-entry.js';
