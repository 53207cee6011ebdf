/**
 * `TwinFeatures.days` from rollups (never minute rows): one entry per local day of the window, oldest first, every day
 * present (a day without data has nulls, so coverage can be counted). Pure: the caller reads the rollups.
 *
 *  - Days before as_of's date read their daily rollup (bucket = the local date at each sample's own offset; cumulative
 *    types merged by source priority, as `/v1/health/activity` reports them).
 *  - as_of's own date reads the hourly rollups of the hours that ended by as_of: its daily rollup may hold samples from
 *    after as_of, which a past snapshot must not see. The hour in progress at as_of is left out.
 */
import { localDayKey, type Aggregate, type StoredObservation } from '../../observations/index.js';
import type { DayFeatures } from '../twin-features.js';
import { dayOf, type LocalDay } from './local-days.js';

const HOUR_MS = 3_600_000;

type Reduce = 'mean' | 'sum' | 'min';
/** The rolled-up types behind the day fields, and how a day's buckets combine. */
export const DAILY_TYPES = {
  resting_heart_rate: 'mean',
  hrv_sdnn: 'mean',
  steps: 'sum',
  exercise_time: 'sum',
  active_energy: 'sum',
  spo2: 'min',
  // The rollup's mean of the levels. TODO(rollups): an energy mean once rollups honour the catalogue's meanOfLevels;
  // until then a day of mixed quiet and loud periods reads a few dB low (docs/twin-inputs.md).
  environmental_audio_exposure: 'mean',
} as const satisfies Record<string, Reduce>;
export type DailyType = keyof typeof DAILY_TYPES;

export interface DayInputs {
  readonly days: readonly LocalDay[];
  readonly asOfMs: number;
  /** daily rollups by type, over the window's date keys */
  readonly daily: ReadonlyMap<DailyType, readonly Aggregate[]>;
  /** hourly rollups by type, covering at least as_of's local date */
  readonly hourly: ReadonlyMap<DailyType, readonly Aggregate[]>;
  /** hourly heart-rate rollups over the window */
  readonly heartRateHours: readonly Aggregate[];
  /** raw workout rows of the window (workouts have no rollups) */
  readonly workouts: readonly StoredObservation[];
}

function reduce(buckets: readonly Aggregate[], how: Reduce): number | null {
  if (buckets.length === 0) return null;
  if (how === 'min') return Math.min(...buckets.map((b) => b.min));
  const sum = buckets.reduce((a, b) => a + b.sum, 0);
  if (how === 'sum') return sum;
  const count = buckets.reduce((a, b) => a + b.count, 0);
  return count === 0 ? null : sum / count;
}

/** Per type: the value of each day (by date key). */
function dayValues(input: DayInputs, type: DailyType): Map<number, number | null> {
  const last = input.days.at(-1);
  const out = new Map<number, number | null>();
  for (const b of input.daily.get(type) ?? []) if (b.bucket !== last?.key) out.set(b.bucket, reduce([b], DAILY_TYPES[type]));
  if (last) {
    const hours = (input.hourly.get(type) ?? []).filter((h) => h.bucket >= last.startMs && h.bucket + HOUR_MS <= input.asOfMs);
    out.set(last.key, reduce(hours, DAILY_TYPES[type]));
  }
  return out;
}

/**
 * Minutes with a heart-rate reading: Σ over the day's hours of min(60, samples in the hour). Exact for a source that
 * records at most once a minute; otherwise a ceiling (two readings in one minute count twice, an hour never above 60).
 */
function heartRateMinutes(input: DayInputs): Map<number, number> {
  const out = new Map<number, number>();
  for (const h of input.heartRateHours) {
    if (h.bucket + HOUR_MS > input.asOfMs || h.count === 0) continue;
    const day = dayOf(input.days, h.bucket);
    if (day) out.set(day.key, (out.get(day.key) ?? 0) + Math.min(60, h.count));
  }
  return out;
}

/** Minutes of workouts by local date of their start (the workout's value is its duration in minutes). */
function workoutMinutes(workouts: readonly StoredObservation[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of workouts) {
    const key = localDayKey(w.start_ms, w.utc_offset_min);
    out.set(key, (out.get(key) ?? 0) + (w.value ?? (w.end_ms - w.start_ms) / 60_000));
  }
  return out;
}

export function dayFeatures(input: DayInputs): DayFeatures[] {
  const values = Object.fromEntries(Object.keys(DAILY_TYPES).map((t) => [t, dayValues(input, t as DailyType)])) as Record<
    DailyType,
    Map<number, number | null>
  >;
  const hrMinutes = heartRateMinutes(input);
  const workouts = workoutMinutes(input.workouts);
  // A source that records exercise minutes writes none on a day without exercise: on such a day with wear, it is 0.
  const tracksExercise = [...values.exercise_time.values()].some((v) => v !== null);

  return input.days.map((day): DayFeatures => {
    const get = (type: DailyType) => values[type].get(day.key) ?? null;
    const steps = get('steps');
    const heartMinutes = hrMinutes.get(day.key) ?? null;
    const worn = steps !== null || (heartMinutes ?? 0) > 0;
    const exercise = get('exercise_time') ?? workouts.get(day.key) ?? (tracksExercise && worn ? 0 : null);
    return {
      date: day.date,
      resting_hr_bpm: get('resting_heart_rate'),
      hrv_sdnn_ms: get('hrv_sdnn'),
      steps,
      exercise_minutes: exercise,
      active_energy_kcal: get('active_energy'),
      spo2_min_percent: get('spo2'),
      heart_rate_minutes: heartMinutes,
      noise_dba: get('environmental_audio_exposure'),
    };
  });
}
