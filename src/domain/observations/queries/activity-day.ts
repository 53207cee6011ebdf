/**
 * Twin `GET /health/activity?date=`: one LOCAL day of activity (the date each sample had at its own recorded offset,
 * the daily rollups' convention).
 *
 *  - steps, distance_km, calories_burned: the daily rollups, i.e. each type merged by source priority (an iPhone and
 *    a Watch counting the same walk give the Watch's total, never the sum); calories_burned = active + basal energy
 *    (the catalogue's Twin `calories`), each merged on its own, null unless both were recorded.
 *  - active/sedentary minutes: `activeMinutes` over the day's minutes from the merged step intervals (cadence),
 *    Apple exercise minutes, wear (the 10-minute slots with a heart-rate sample from a watch: the Watch's background
 *    interval) and sleep (asleep stage samples). The local day's bounds come from the offsets of that day's samples.
 *  - exercise_sessions: `workout` samples starting on the date, with the heart-rate samples inside each.
 *  - activity_score: `activityScore` on steps and active minutes.
 */
import { byTwinMetric } from '../catalogue/index.js';
import { ASLEEP_STAGES } from '../sleep/index.js';
import { mergeCumulative, type SourcePriority } from '../sources/index.js';
import { DAY_MS, localDayKey, type ObservationReader, type StoredObservation } from '../store/index.js';
import {
  APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES,
  activeMinutes,
  activityScore,
  type ActiveMinutes,
  type StepInterval,
  type TimeInterval,
} from '../summaries/index.js';
import type { Abstention } from './abstention.js';
import { ageOn, type DateWindow } from './calendar.js';
import { readAll } from './store-access.js';
import { rowSourceClass } from './stored-rows.js';

/** Widest UTC offset (ISO 8601 bound) and longest cumulative sample: how far around the date samples are read. */
const MAX_OFFSET_MS = 18 * 3_600_000;
const SLOT_MS = APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES * 60_000;
const HK_WORKOUT_PREFIX = 'HKWorkoutActivityType';

export interface ExerciseSession {
  /** snake_case activity type: `running`, `high_intensity_interval_training` */
  readonly type: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMinutes: number;
  readonly energyKcal: number | null;
  readonly distanceM: number | null;
  readonly avgHeartRate: number | null;
  readonly maxHeartRate: number | null;
  readonly heartRateSamples: number;
  readonly source: string;
}

export interface ActivityDay {
  readonly date: string;
  readonly steps: number | null;
  readonly distanceM: number | null;
  readonly activeEnergyKcal: number | null;
  readonly basalEnergyKcal: number | null;
  readonly caloriesKcal: number | null;
  readonly activeMinutes: number | null;
  readonly vigorousMinutes: number | null;
  readonly sedentaryMinutes: number | null;
  readonly lightMinutes: number | null;
  readonly awakeWornMinutes: number | null;
  readonly exerciseSessions: readonly ExerciseSession[];
  readonly activityScore: number | null;
  /** the local day as UTC instants */
  readonly dayStartMs: number;
  readonly dayEndMs: number;
  /** why a field is null, by Twin field name */
  readonly dataSufficiency: Readonly<Record<string, Abstention>>;
}

export interface ActivityDayQuery {
  readonly personId: string;
  /** a one-day window */
  readonly day: DateWindow;
  readonly dateOfBirth: string | null;
  readonly priority: SourcePriority;
}

/** `HKWorkoutActivityTypeHighIntensityIntervalTraining` / `Running` / `running` → `high_intensity_interval_training` / `running`. */
export function workoutTypeName(category: string | null): string {
  if (category === null || category.trim() === '') return 'other';
  const bare =
    category.startsWith(HK_WORKOUT_PREFIX) && category.length > HK_WORKOUT_PREFIX.length
      ? category.slice(HK_WORKOUT_PREFIX.length)
      : category;
  return bare
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

const sumOf = (rows: readonly { sum: number }[]): number | null => (rows.length === 0 ? null : rows.reduce((a, r) => a + r.sum, 0));

export async function activityDay(reader: ObservationReader, q: ActivityDayQuery): Promise<ActivityDay> {
  const key = q.day.fromKey;
  const sufficiency: Record<string, Abstention> = {};
  const rollup = async (type: string) => sumOf(await reader.rollups(q.personId, type, 'day', key, key + DAY_MS));
  const [energyActive, energyBasal] = (byTwinMetric('calories')?.types ?? []).map((t) => t.id);
  const [steps, distanceM, activeEnergy, basalEnergy] = await Promise.all([
    rollup('steps'),
    rollup('distance'),
    rollup(energyActive ?? 'active_energy'),
    rollup(energyBasal ?? 'basal_energy'),
  ]);
  if (steps === null) sufficiency['steps'] = { reason: 'no_samples', message: 'no step samples on this date' };
  if (distanceM === null)
    sufficiency['distance_km'] = { reason: 'no_samples', message: 'no walking/running distance samples on this date' };
  let calories: number | null = null;
  if (activeEnergy !== null && basalEnergy !== null) calories = activeEnergy + basalEnergy;
  else {
    const missing = [activeEnergy === null ? 'active' : null, basalEnergy === null ? 'basal (resting)' : null]
      .filter(Boolean)
      .join(' and ');
    sufficiency['calories_burned'] = {
      reason: 'missing_energy',
      message: `calories_burned is active + basal energy; no ${missing} energy samples on this date`,
    };
  }

  // Raw rows around the date: cumulative samples start up to 24 h before the part that falls in the day.
  const fromMs = key - MAX_OFFSET_MS - DAY_MS;
  const toMs = key + DAY_MS + MAX_OFFSET_MS;
  const read = (type: string) => readAll(reader, q.personId, [type], fromMs, toMs);
  const [stepRows, exerciseRows, sleepRows, workoutRows] = await Promise.all([
    read('steps'),
    read('exercise_time'),
    read('sleep_stage'),
    read('workout'),
  ]);
  const onDate = (r: StoredObservation) => localDayKey(r.start_ms, r.utc_offset_min) === key;
  const { dayStartMs, dayEndMs } = dayBounds(key, [...stepRows, ...exerciseRows, ...workoutRows].filter(onDate));
  const workouts = workoutRows.filter(onDate);
  const hrFrom = Math.min(dayStartMs, ...workouts.map((w) => w.start_ms));
  const hrTo = Math.max(dayEndMs, ...workouts.map((w) => w.end_ms + 1));
  const heartRows = await readAll(reader, q.personId, ['heart_rate'], hrFrom, hrTo);

  const overlaps = (r: StoredObservation) => r.end_ms >= dayStartMs && r.start_ms < dayEndMs;
  const stepIntervals: StepInterval[] = mergeCumulative(
    stepRows.filter(overlaps).map((r) => ({
      start: r.start_ms,
      end: r.end_ms,
      value: r.value ?? 0,
      source: r.source_name,
      sourceClass: rowSourceClass(r),
      id: r.dedup,
    })),
    { priority: q.priority },
  ).map((seg) => ({ start_ms: seg.start, end_ms: seg.end, count: seg.value }));
  const dayStepRows = stepRows.filter(overlaps);
  const exercise: TimeInterval[] | null =
    exerciseRows.some(overlaps) || dayStepRows.some((r) => rowSourceClass(r) === 'watch')
      ? exerciseRows.filter(overlaps).map((r) => ({ start_ms: r.start_ms, end_ms: r.end_ms }))
      : null;
  const watchHeart = heartRows.filter((r) => rowSourceClass(r) === 'watch' && r.start_ms >= dayStartMs && r.start_ms < dayEndMs);
  const worn: TimeInterval[] | null =
    watchHeart.length === 0
      ? null
      : [...new Set(watchHeart.map((r) => Math.floor(r.start_ms / SLOT_MS) * SLOT_MS))].map((slot) => ({
          start_ms: slot,
          end_ms: slot + SLOT_MS,
        }));
  const asleep = sleepRows
    .filter((r) => overlaps(r) && (ASLEEP_STAGES as readonly (string | null)[]).includes(r.category))
    .map((r) => ({ start_ms: r.start_ms, end_ms: r.end_ms }));

  const minutes: ActiveMinutes = activeMinutes({
    day_start_ms: dayStartMs,
    day_end_ms: dayEndMs,
    steps: stepIntervals,
    exercise,
    worn,
    asleep,
  });
  const value = <R extends string>(
    field: string,
    m: { value: number; reason?: undefined } | { value: null; reason: R; message: string },
  ): number | null => {
    if (m.value === null) sufficiency[field] = { reason: m.reason, message: m.message };
    return m.value;
  };
  const active = value('active_minutes', minutes.active_minutes);
  const sedentary = value('sedentary_minutes', minutes.sedentary_minutes);
  const vigorous = minutes.vigorous_minutes.value;
  const score = activityScore({
    steps,
    active_minutes: active,
    vigorous_minutes: vigorous,
    age_years: ageOn(q.dateOfBirth, q.day.startDate),
    worn_minutes: minutes.awake_worn_minutes,
  });
  if (score.value === null) sufficiency['activity_score'] = { reason: score.reason, message: score.message };

  return {
    date: q.day.startDate,
    steps,
    distanceM,
    activeEnergyKcal: activeEnergy,
    basalEnergyKcal: basalEnergy,
    caloriesKcal: calories,
    activeMinutes: active,
    vigorousMinutes: vigorous,
    sedentaryMinutes: sedentary,
    lightMinutes: minutes.light_minutes.value,
    awakeWornMinutes: minutes.awake_worn_minutes,
    exerciseSessions: workouts.map((w) => exerciseSession(w, heartRows)),
    activityScore: score.value,
    dayStartMs,
    dayEndMs,
    dataSufficiency: sufficiency,
  };
}

/**
 * The local day as UTC instants: midnight at the offset of the day's first sample, next midnight at the offset of its
 * last (so a DST day has 23 or 25 hours). Without samples, the UTC day.
 */
function dayBounds(key: number, rows: readonly StoredObservation[]): { dayStartMs: number; dayEndMs: number } {
  const sorted = [...rows].sort((a, b) => a.start_ms - b.start_ms);
  const first = sorted[0]?.utc_offset_min ?? 0;
  const last = sorted.at(-1)?.utc_offset_min ?? 0;
  const dayStartMs = key - first * 60_000;
  const dayEndMs = key + DAY_MS - last * 60_000;
  return dayEndMs > dayStartMs ? { dayStartMs, dayEndMs } : { dayStartMs, dayEndMs: dayStartMs + DAY_MS };
}

function exerciseSession(w: StoredObservation, heartRows: readonly StoredObservation[]): ExerciseSession {
  const beats = heartRows
    .filter((r) => r.start_ms >= w.start_ms && r.start_ms <= w.end_ms && r.value !== null)
    .map((r) => r.value as number);
  return {
    type: workoutTypeName(w.category),
    startMs: w.start_ms,
    endMs: w.end_ms,
    // The workout's value is its duration in minutes (catalogue unit); older rows without one: its interval.
    durationMinutes: w.value ?? (w.end_ms - w.start_ms) / 60_000,
    energyKcal: w.components?.['energy_kcal'] ?? null,
    distanceM: w.components?.['distance_m'] ?? null,
    avgHeartRate: beats.length === 0 ? null : beats.reduce((a, b) => a + b, 0) / beats.length,
    maxHeartRate: beats.length === 0 ? null : Math.max(...beats),
    heartRateSamples: beats.length,
    source: w.source_name,
  };
}
