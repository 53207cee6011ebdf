/**
 * Twin `active_minutes` and `sedentary_minutes` of a local day, minute by minute from step intervals (cadence,
 * Tudor-Locke et al. 2018/2019) and Apple Exercise Time, over the minutes the device was worn and the person awake.
 * Pure: the caller passes the day's bounds as UTC instants (local midnight → next local midnight, so DST days have
 * 23 or 25 h). docs/health-data.md § active and sedentary minutes.
 */
import { insufficient, type Insufficient } from './summary-result.js';

const MINUTE_MS = 60_000;
const HALF_MINUTE_MS = 30_000;

/**
 * Tudor-Locke C, Han H, Aguiar EJ, et al. How fast is fast enough? Walking cadence (steps/min) as a practical estimate
 * of intensity in adults: a narrative review. Br J Sports Med 2018;52:776–788 (≥ 100 steps/min ≈ moderate, 3 METs);
 * Tudor-Locke C, Aguiar EJ, Han H, et al. Walking cadence (steps/min) and intensity in 21–40 year olds:
 * CADENCE-adults. Int J Behav Nutr Phys Act 2019;16:8 (100 → 3 METs, 130 → 6 METs, heuristic thresholds).
 */
export const CADENCE_THRESHOLDS = { moderate: 100, vigorous: 130 } as const;

/** A minute with less than one step is non-stepping (sedentary when awake and worn). */
export const SEDENTARY_MAX_STEPS = 1;

/** Troiano et al. 2008: a valid accelerometer day has ≥ 10 h of wear; sedentary time is reported only then. */
export const MIN_AWAKE_WORN_MINUTES = 600;

export interface TimeInterval {
  /** epoch ms, UTC */
  readonly start_ms: number;
  readonly end_ms: number;
}

export interface StepInterval extends TimeInterval {
  readonly count: number;
}

export interface ActiveMinutesInput {
  /** local midnight of the day and of the next day, as UTC instants */
  readonly day_start_ms: number;
  readonly day_end_ms: number;
  /** step samples after source merging (cumulative-merge: no double counting) */
  readonly steps: readonly StepInterval[];
  /** Apple Exercise Time samples (`exercise_time`); null when the person has no such source */
  readonly exercise: readonly TimeInterval[] | null;
  /** when the step-counting device was known to be worn (e.g. heart-rate coverage); null when unknown */
  readonly worn: readonly TimeInterval[] | null;
  /** when the person slept (sleep sessions' asleep time); [] when no sleep was recorded */
  readonly asleep: readonly TimeInterval[];
}

export type MinuteValue<Reason extends string> = { readonly value: number; readonly reason?: undefined } | Insufficient<Reason>;

export interface ActiveMinutes {
  /** moderate-or-vigorous minutes: cadence ≥ 100 steps/min, or Apple exercise minute */
  readonly active_minutes: MinuteValue<'no_activity_data'>;
  /** the part of active_minutes with cadence ≥ 130 steps/min */
  readonly vigorous_minutes: MinuteValue<'no_activity_data'>;
  /** awake, worn, not active, < 1 step */
  readonly sedentary_minutes: MinuteValue<'wear_unknown' | 'insufficient_wear'>;
  /** awake, worn, 1–99 steps/min, not exercise */
  readonly light_minutes: MinuteValue<'wear_unknown' | 'insufficient_wear'>;
  /** minutes of the day the device was worn and the person awake (null when wear is unknown) */
  readonly awake_worn_minutes: number | null;
  readonly minutes_in_day: number;
}

function validateInterval(name: string, iv: TimeInterval): void {
  if (!Number.isFinite(iv.start_ms) || !Number.isFinite(iv.end_ms) || iv.end_ms < iv.start_ms) {
    throw new RangeError(`${name}: invalid interval ${String(iv.start_ms)} → ${String(iv.end_ms)}`);
  }
}

/** Per minute of the day, the milliseconds covered by the union of `intervals` (overlaps counted once). */
function coveredMsPerMinute(intervals: readonly TimeInterval[], dayStart: number, minutes: number): Float64Array {
  const out = new Float64Array(minutes);
  const dayEnd = dayStart + minutes * MINUTE_MS;
  const sorted = intervals
    .map((iv) => [Math.max(iv.start_ms, dayStart), Math.min(iv.end_ms, dayEnd)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let cursor = dayStart;
  for (const [s0, e] of sorted) {
    const s = Math.max(s0, cursor);
    if (e <= s) continue;
    for (let m = Math.floor((s - dayStart) / MINUTE_MS); m < minutes; m++) {
      const ms = dayStart + m * MINUTE_MS;
      const overlap = Math.min(e, ms + MINUTE_MS) - Math.max(s, ms);
      if (overlap <= 0) break;
      out[m]! += overlap;
    }
    cursor = Math.max(cursor, e);
  }
  return out;
}

/** Steps per minute of the day: each sample's count spread evenly over its interval; an instant sample goes to its minute. */
function stepsPerMinute(steps: readonly StepInterval[], dayStart: number, minutes: number): Float64Array {
  const out = new Float64Array(minutes);
  const dayEnd = dayStart + minutes * MINUTE_MS;
  for (const st of steps) {
    if (st.end_ms === st.start_ms) {
      if (st.start_ms >= dayStart && st.start_ms < dayEnd) out[Math.floor((st.start_ms - dayStart) / MINUTE_MS)]! += st.count;
      continue;
    }
    const s = Math.max(st.start_ms, dayStart);
    const e = Math.min(st.end_ms, dayEnd);
    if (e <= s) continue;
    const duration = st.end_ms - st.start_ms;
    for (let m = Math.floor((s - dayStart) / MINUTE_MS); m < minutes; m++) {
      const ms = dayStart + m * MINUTE_MS;
      const overlap = Math.min(e, ms + MINUTE_MS) - Math.max(s, ms);
      if (overlap <= 0) break;
      out[m]! += (st.count * overlap) / duration; // multiply first: 1000 steps over 10 min is exactly 100/min
    }
  }
  return out;
}

export function activeMinutes(input: ActiveMinutesInput): ActiveMinutes {
  const { day_start_ms: dayStart, day_end_ms: dayEnd } = input;
  if (!Number.isFinite(dayStart) || !Number.isFinite(dayEnd) || dayEnd <= dayStart || (dayEnd - dayStart) % MINUTE_MS !== 0) {
    throw new RangeError('day_start_ms/day_end_ms must bound a day of whole minutes');
  }
  for (const st of input.steps) {
    validateInterval('steps', st);
    if (!Number.isFinite(st.count) || st.count < 0) throw new RangeError(`steps: count must be ≥ 0, got ${String(st.count)}`);
  }
  for (const iv of input.exercise ?? []) validateInterval('exercise', iv);
  for (const iv of input.worn ?? []) validateInterval('worn', iv);
  for (const iv of input.asleep) validateInterval('asleep', iv);

  const minutes = (dayEnd - dayStart) / MINUTE_MS;
  const cadence = stepsPerMinute(input.steps, dayStart, minutes);
  const exercise = input.exercise === null ? null : coveredMsPerMinute(input.exercise, dayStart, minutes);
  const worn = input.worn === null ? null : coveredMsPerMinute(input.worn, dayStart, minutes);
  const asleep = coveredMsPerMinute(input.asleep, dayStart, minutes);

  let active = 0;
  let vigorous = 0;
  let sedentary = 0;
  let light = 0;
  let awakeWorn = 0;
  for (let m = 0; m < minutes; m++) {
    const c = cadence[m]!;
    const isExercise = exercise !== null && exercise[m]! >= HALF_MINUTE_MS;
    // Measured movement wins over a sleep estimate: a minute of ≥ 100 steps is active even inside a "sleep" interval.
    if (c >= CADENCE_THRESHOLDS.moderate || isExercise) {
      active++;
      if (c >= CADENCE_THRESHOLDS.vigorous) vigorous++;
    }
    const isAsleep = asleep[m]! >= HALF_MINUTE_MS;
    const isWorn = worn !== null && worn[m]! >= HALF_MINUTE_MS;
    if (isAsleep || !isWorn) continue;
    awakeWorn++;
    if (c >= CADENCE_THRESHOLDS.moderate || isExercise) continue;
    if (c < SEDENTARY_MAX_STEPS) sedentary++;
    else light++;
  }

  const noActivityData = input.steps.length === 0 && input.exercise === null;
  const activeValue: MinuteValue<'no_activity_data'> = noActivityData
    ? insufficient('no_activity_data', 'no step samples and no exercise-time source for the day')
    : { value: active };
  const vigorousValue: MinuteValue<'no_activity_data'> = noActivityData
    ? insufficient('no_activity_data', 'no step samples and no exercise-time source for the day')
    : { value: vigorous };

  let sedentaryValue: MinuteValue<'wear_unknown' | 'insufficient_wear'>;
  let lightValue: MinuteValue<'wear_unknown' | 'insufficient_wear'>;
  if (worn === null) {
    const none = insufficient('wear_unknown', 'wear time is unknown: a minute without steps may be sitting or the device lying on a table');
    sedentaryValue = none;
    lightValue = none;
  } else if (awakeWorn < MIN_AWAKE_WORN_MINUTES) {
    const none = insufficient(
      'insufficient_wear',
      `${awakeWorn} awake minutes with the device worn; at least ${MIN_AWAKE_WORN_MINUTES} (10 h) are needed`,
    );
    sedentaryValue = none;
    lightValue = none;
  } else {
    sedentaryValue = { value: sedentary };
    lightValue = { value: light };
  }

  return {
    active_minutes: activeValue,
    vigorous_minutes: vigorousValue,
    sedentary_minutes: sedentaryValue,
    light_minutes: lightValue,
    awake_worn_minutes: worn === null ? null : awakeWorn,
    minutes_in_day: minutes,
  };
}
