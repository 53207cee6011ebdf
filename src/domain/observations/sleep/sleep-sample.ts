/**
 * Input samples and their validation. Invalid samples are left out with a warning, never repaired by guessing.
 */
import { isValidTimeZone, parseInstant } from './local-time.js';
import { isSleepStage, type SleepStage } from './sleep-stage.js';

/** One HealthKit sleep-analysis sample, as stored by the observation store. */
export interface SleepSample {
  /** UTC ISO 8601 instant with a zone designator (`Z` or `±HH:MM`) */
  readonly start: string;
  readonly end: string;
  readonly stage: SleepStage;
  /** source name (e.g. "Anna's Apple Watch", "Oura") */
  readonly source: string;
  /** IANA zone when known (HealthKit `HKTimeZone` metadata) */
  readonly timeZone?: string;
  /** the offset recorded with the sample, minutes east of UTC (e.g. +60 for CET) */
  readonly utcOffsetMinutes?: number;
}

export type SleepWarningCode =
  | 'invalid_instant'
  | 'end_before_start'
  | 'empty_sample'
  | 'unknown_stage'
  | 'invalid_time_zone'
  | 'invalid_utc_offset'
  | 'no_sleep_in_session'
  | 'time_zone_unknown';

export interface SleepWarning {
  readonly code: SleepWarningCode;
  readonly message: string;
  /** index of the offending sample in the input array, for sample-level warnings */
  readonly sample_index?: number;
}

/** A validated sample, instants in epoch milliseconds. */
export interface NormalizedSample {
  readonly startMs: number;
  readonly endMs: number;
  readonly stage: SleepStage;
  readonly source: string;
  readonly timeZone: string | null;
  readonly utcOffsetMinutes: number | null;
}

/** Offsets in use range from −12:00 to +14:00; ±18:00 is the ISO 8601 / java.time limit. */
const MAX_OFFSET_MINUTES = 18 * 60;

export function normalizeSamples(samples: readonly SleepSample[]): { samples: NormalizedSample[]; warnings: SleepWarning[] } {
  const out: NormalizedSample[] = [];
  const warnings: SleepWarning[] = [];
  samples.forEach((s, index) => {
    const startMs = typeof s.start === 'string' ? parseInstant(s.start) : null;
    const endMs = typeof s.end === 'string' ? parseInstant(s.end) : null;
    if (startMs === null || endMs === null) {
      warnings.push({ code: 'invalid_instant', message: `sample ${index}: start/end must be ISO 8601 instants with Z or ±HH:MM`, sample_index: index });
      return;
    }
    if (!isSleepStage(s.stage)) {
      warnings.push({ code: 'unknown_stage', message: `sample ${index}: unknown sleep stage ${JSON.stringify(s.stage)}`, sample_index: index });
      return;
    }
    if (endMs < startMs) {
      warnings.push({ code: 'end_before_start', message: `sample ${index}: end is before start`, sample_index: index });
      return;
    }
    if (endMs === startMs) {
      warnings.push({ code: 'empty_sample', message: `sample ${index}: zero duration, left out`, sample_index: index });
      return;
    }
    let timeZone: string | null = null;
    if (s.timeZone !== undefined) {
      if (typeof s.timeZone === 'string' && isValidTimeZone(s.timeZone)) timeZone = s.timeZone;
      else warnings.push({ code: 'invalid_time_zone', message: `sample ${index}: unknown IANA zone ${JSON.stringify(s.timeZone)}, ignored`, sample_index: index });
    }
    let utcOffsetMinutes: number | null = null;
    if (s.utcOffsetMinutes !== undefined) {
      const o = s.utcOffsetMinutes;
      if (typeof o === 'number' && Number.isInteger(o) && Math.abs(o) <= MAX_OFFSET_MINUTES) utcOffsetMinutes = o;
      else warnings.push({ code: 'invalid_utc_offset', message: `sample ${index}: UTC offset ${String(o)} is not whole minutes within ±18 h, ignored`, sample_index: index });
    }
    out.push({ startMs, endMs, stage: s.stage, source: String(s.source), timeZone, utcOffsetMinutes });
  });
  return { samples: out, warnings };
}
