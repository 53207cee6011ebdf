/**
 * What happens on one day of the simulated person's life: when she wakes and goes to bed, her walks, her workout,
 * her blood-pressure and weight readings, and the series the watch records during the workout. Everything is a pure
 * function of (seed, day): each record type's writer asks for the parts it needs, so two types that describe the same
 * event (the HR samples of a workout and the workout's HR statistics; a blood-pressure correlation and its top-level
 * systolic/diastolic records; the activity summary and the energy samples) agree exactly.
 *
 * All instants are epoch seconds.
 */
import type { AppleClock } from './apple-clock.js';
import { clamp, rngFor } from './prng.js';

/** Stream ids of the shared models (the record writers use 100 + their index). */
export const Stream = {
  Plan: 1,
  Bouts: 2,
  WorkoutSeries: 3,
  Sleep: 4,
  ActiveEnergy: 5,
  Stand: 6,
  Basal: 7,
  BloodPressure: 8,
  PhonePieces: 9,
  WatchPieces: 10,
  Flights: 11,
} as const;

export interface World {
  readonly seed: number;
  readonly clock: AppleClock;
  /** First local calendar day, as UTC-midnight epoch seconds of that date (the calendar date, not an instant). */
  readonly startDate: number;
}

export type WorkoutKind = 'Running' | 'Walking' | 'Cycling' | 'TraditionalStrengthTraining' | 'Yoga';

export interface WorkoutPlan {
  readonly kind: WorkoutKind;
  readonly start: number;
  readonly end: number;
  /** Pause and resume instants, when the workout was paused once. */
  readonly pause: { readonly at: number; readonly resume: number } | null;
  readonly indoor: boolean;
  /** 0.8 (easy) … 1.2 (hard). */
  readonly intensity: number;
}

export interface DayPlan {
  readonly day: number;
  /** Local midnight starting this day, and the next one (23 or 25 hours later across a DST change). */
  readonly start: number;
  readonly end: number;
  readonly wake: number;
  /** Bed time tonight; the night's sleep runs to `nextWake`. */
  readonly bed: number;
  readonly nextWake: number;
  readonly workout: WorkoutPlan | null;
  readonly bloodPressure: { readonly t: number; readonly systolic: number; readonly diastolic: number; readonly manual: boolean } | null;
  readonly bodyMass: { readonly t: number; readonly kg: number; readonly manual: boolean } | null;
}

const DAY = 86_400;
const MIN = 60;
const HOUR = 3600;

export function dayStart(world: World, day: number): number {
  const date = new Date((world.startDate + day * DAY) * 1000);
  return world.clock.localMidnight(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function wakeOffset(world: World, day: number): number {
  const rng = rngFor(world.seed, day, Stream.Plan);
  return Math.round(6.5 * HOUR + rng.next() * 75 * MIN);
}

const KINDS: readonly WorkoutKind[] = [
  'Running',
  'Running',
  'Running',
  'Walking',
  'Walking',
  'Cycling',
  'Cycling',
  'TraditionalStrengthTraining',
  'Yoga',
];
const DURATION_MIN: Readonly<Record<WorkoutKind, readonly [number, number]>> = {
  Running: [24, 62],
  Walking: [30, 75],
  Cycling: [40, 95],
  TraditionalStrengthTraining: [30, 60],
  Yoga: [25, 60],
};

export function dayPlan(world: World, day: number): DayPlan {
  const start = dayStart(world, day);
  const end = dayStart(world, day + 1);
  const rng = rngFor(world.seed, day, Stream.Plan);
  rng.next(); // the draw wakeOffset() used
  const wake = start + wakeOffset(world, day);
  const bed = start + Math.round(22.4 * HOUR + rng.next() * 80 * MIN);
  const nextWake = end + wakeOffset(world, day + 1);

  let workout: WorkoutPlan | null = null;
  if (rng.chance(0.75)) {
    const kind = rng.pick(KINDS);
    const [lo, hi] = DURATION_MIN[kind];
    const minutes = rng.between(lo, hi);
    const slot = rng.next();
    const wStart =
      slot < 0.4
        ? wake + Math.round(rng.between(25, 50) * MIN)
        : slot < 0.6
          ? start + Math.round(rng.between(12, 13) * HOUR)
          : start + Math.round(rng.between(17.5, 19.5) * HOUR);
    const paused = rng.chance(0.3);
    const moving = Math.round(minutes * MIN);
    const pauseAt = wStart + Math.round(moving * rng.between(0.3, 0.7));
    const pauseFor = Math.round(rng.between(1, 5) * MIN);
    const indoor =
      kind === 'TraditionalStrengthTraining' ||
      kind === 'Yoga' ||
      (kind === 'Running' && rng.chance(0.15)) ||
      (kind === 'Cycling' && rng.chance(0.1));
    workout = {
      kind,
      start: wStart,
      end: wStart + moving + (paused ? pauseFor : 0),
      pause: paused ? { at: pauseAt, resume: pauseAt + pauseFor } : null,
      indoor,
      intensity: rng.between(0.8, 1.2),
    };
  }

  const bloodPressure = rng.chance(0.15)
    ? {
        t: wake + Math.round(rng.between(30, 70) * MIN),
        systolic: Math.round(rng.normal(124, 6)),
        diastolic: Math.round(rng.normal(80, 4)),
        manual: rng.chance(0.3),
      }
    : null;
  const bodyMass = rng.chance(0.35)
    ? {
        t: wake + Math.round(rng.between(8, 25) * MIN),
        kg: Math.round((67.5 + 1.8 * Math.sin(day / 170) + rng.normal(0, 0.3)) * 100) / 100,
        manual: rng.chance(0.25),
      }
    : null;
  return { day, start, end, wake, bed, nextWake, workout, bloodPressure, bodyMass };
}

/** Intervals where the workout is moving (not paused). */
export function movingSegments(w: WorkoutPlan): Array<readonly [number, number]> {
  return w.pause
    ? [
        [w.start, w.pause.at],
        [w.pause.resume, w.end],
      ]
    : [[w.start, w.end]];
}

export function inWorkout(plan: DayPlan, t: number): boolean {
  return plan.workout !== null && t >= plan.workout.start && t < plan.workout.end;
}

export interface Interval {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

export interface WorkoutSeries {
  /** Heart-rate samples (instants), every 4–9 s. */
  readonly hr: ReadonlyArray<{ readonly t: number; readonly bpm: number }>;
  /** Active energy, kcal per interval. */
  readonly energy: readonly Interval[];
  /** Distance, metres per interval (foot or bike, by kind); empty for strength and yoga. */
  readonly distance: readonly Interval[];
  /** Steps (running and walking only). */
  readonly steps: readonly Interval[];
}

const KCAL_PER_MIN: Readonly<Record<WorkoutKind, number>> = {
  Running: 11,
  Walking: 5,
  Cycling: 9,
  TraditionalStrengthTraining: 6,
  Yoga: 3.5,
};
const HR_TARGET: Readonly<Record<WorkoutKind, number>> = {
  Running: 152,
  Walking: 108,
  Cycling: 138,
  TraditionalStrengthTraining: 118,
  Yoga: 92,
};
const METRES_PER_MIN: Readonly<Record<WorkoutKind, number>> = {
  Running: 170,
  Walking: 92,
  Cycling: 390,
  TraditionalStrengthTraining: 0,
  Yoga: 0,
};

/** The series the watch records during the day's workout (empty when there is none). */
export function workoutSeries(world: World, plan: DayPlan): WorkoutSeries {
  const w = plan.workout;
  if (w === null) return { hr: [], energy: [], distance: [], steps: [] };
  const rng = rngFor(world.seed, plan.day, Stream.WorkoutSeries);
  const hr: Array<{ t: number; bpm: number }> = [];
  const target = HR_TARGET[w.kind] * (0.9 + 0.1 * w.intensity);
  let bpm = 88;
  for (let t = w.start + rng.int(1, 4); t < w.end; t += rng.int(4, 9)) {
    const paused = w.pause !== null && t >= w.pause.at && t < w.pause.resume;
    const aim = paused ? 100 : target;
    bpm += (aim - bpm) * 0.04 + rng.normal(0, 1.2);
    hr.push({ t, bpm: Math.round(clamp(bpm, 60, 195)) });
  }
  const energy: Interval[] = [];
  const distance: Interval[] = [];
  const steps: Interval[] = [];
  const onFoot = w.kind === 'Running' || w.kind === 'Walking';
  const cadence = w.kind === 'Running' ? 158 + 10 * w.intensity : 112 + 6 * w.intensity;
  for (const [s, e] of movingSegments(w)) {
    for (let t = s; t < e;) {
      const len = Math.min(rng.int(15, 60), e - t);
      const minutes = len / 60;
      energy.push({ start: t, end: t + len, value: KCAL_PER_MIN[w.kind] * w.intensity * minutes * rng.between(0.85, 1.15) });
      if (METRES_PER_MIN[w.kind] > 0)
        distance.push({ start: t, end: t + len, value: METRES_PER_MIN[w.kind] * w.intensity * minutes * rng.between(0.9, 1.1) });
      if (onFoot) steps.push({ start: t, end: t + len, value: Math.round(cadence * minutes * rng.between(0.95, 1.05)) });
      t += len;
    }
  }
  return { hr, energy, distance, steps };
}
