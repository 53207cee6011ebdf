export { buildSleepSessions, rankFromPriorityList, SLEEP_SESSION_DEFAULTS } from './sleep-sessions.js';
export type { SessionTimeZone, SleepSession, SleepSessionOptions, SleepSessionsResult, SleepStageMinutes } from './sleep-sessions.js';
export type { SleepSample, SleepWarning, SleepWarningCode } from './sleep-sample.js';
export { ASLEEP_STAGES, SLEEP_STAGES, isSleepStage, sleepStageFromHealthKit } from './sleep-stage.js';
export type { SleepStage } from './sleep-stage.js';
export { localInZone, localAtOffset, isValidTimeZone } from './local-time.js';
export type { LocalDateTime } from './local-time.js';
