/**
 * The day's movement outside the workout, shared by the activity record writers and the activity summary: walks
 * (bouts), each device's step/distance pieces of them, stairs, active and resting energy, stand hours and exercise
 * minutes. Pure functions of (seed, day), like day-model.ts.
 */
import { inWorkout, movingSegments, Stream, workoutSeries, type DayPlan, type Interval, type World } from './day-model.js';
import { clamp, rngFor, type Rng } from './prng.js';

const DAY = 86_400;
const MIN = 60;
const HOUR = 3600;

/** A stretch of walking (or the running/walking workout), with its cadence in steps per minute. */
export interface Bout {
  readonly start: number;
  readonly end: number;
  readonly cadence: number;
  /** Metres per step. */
  readonly stride: number;
  readonly phoneCarried: boolean;
}

/** The day's walks while awake, outside the workout, sorted; plus the workout itself when it is on foot. */
export function walkingBouts(world: World, plan: DayPlan): Bout[] {
  const rng = rngFor(world.seed, plan.day, Stream.Bouts);
  const bouts: Bout[] = [];
  let t = plan.wake + Math.round(rng.between(2, 15) * MIN);
  const w = plan.workout;
  while (t < plan.bed - 10 * MIN) {
    const minutes = rng.chance(0.15) ? rng.between(10, 35) : rng.between(1.5, 9);
    const end = Math.min(t + Math.round(minutes * MIN), plan.bed);
    if (w !== null && end > w.start - 2 * MIN && t < w.end + 2 * MIN) {
      t = w.end + Math.round(rng.between(5, 20) * MIN);
      continue;
    }
    const brisk = minutes > 10 && rng.chance(0.5);
    bouts.push({
      start: t,
      end,
      cadence: brisk ? rng.between(112, 124) : rng.between(88, 108),
      stride: brisk ? 0.78 : 0.7,
      phoneCarried: rng.chance(0.8),
    });
    t = end + Math.round(rng.between(8, 55) * MIN);
  }
  if (w !== null && (w.kind === 'Running' || w.kind === 'Walking')) {
    const running = w.kind === 'Running';
    for (const [s, e] of movingSegments(w)) {
      bouts.push({
        start: s,
        end: e,
        cadence: running ? 158 + 10 * w.intensity : 112 + 6 * w.intensity,
        stride: running ? 1.05 * w.intensity : 0.8,
        phoneCarried: !w.indoor && rng.chance(0.5),
      });
    }
    bouts.sort((a, b) => a.start - b.start);
  }
  return bouts;
}

/** Heart rate at rest at time t: asleep, sitting, or walking (a bout covers t). */
export function restingLevel(plan: DayPlan, t: number, walking: boolean, rng: Rng): number {
  const asleep = t < plan.wake || t >= plan.bed;
  const base = asleep ? 55 : walking ? 102 : 72;
  return Math.round(clamp(rng.normal(base, asleep ? 2.5 : 5), 40, 180));
}

/** The watch's active-energy samples outside the workout (while awake): contiguous-ish intervals, kcal. */
export function activeEnergyOutsideWorkout(world: World, plan: DayPlan, bouts: readonly Bout[]): Interval[] {
  const rng = rngFor(world.seed, plan.day, Stream.ActiveEnergy);
  const out: Interval[] = [];
  let b = 0;
  for (let t = plan.wake + rng.int(30, 300); t < plan.bed;) {
    if (inWorkout(plan, t)) {
      t = plan.workout!.end + rng.int(5, 60);
      continue;
    }
    while (b < bouts.length && bouts[b]!.end <= t) b++;
    const bout = bouts[b];
    const walking = bout !== undefined && bout.start <= t;
    const len = walking ? rng.int(40, 120) : rng.int(90, 600);
    const perMin = walking ? rng.between(3, 5) : rng.between(0.05, 0.6);
    out.push({ start: t, end: t + len, value: (perMin * len) / 60 });
    t += len + (walking ? rng.int(0, 5) : rng.int(0, 240));
  }
  return out;
}

/** Hours (local clock, as instants) the watch recorded as stood or idle, from waking to bed. */
export function standHours(world: World, plan: DayPlan): Array<{ start: number; stood: boolean }> {
  const rng = rngFor(world.seed, plan.day, Stream.Stand);
  const out: Array<{ start: number; stood: boolean }> = [];
  const first = plan.start + Math.ceil((plan.wake - plan.start) / HOUR) * HOUR;
  for (let t = first; t + HOUR <= plan.bed; t += HOUR) out.push({ start: t, stood: rng.chance(0.78) });
  return out;
}

/** Minutes (starting instants) that count as exercise: the workout's moving minutes and brisk walks. */
export function exerciseMinutes(plan: DayPlan, bouts: readonly Bout[]): number[] {
  const out: number[] = [];
  const add = (s: number, e: number) => {
    for (let t = s; t + MIN <= e; t += MIN) out.push(t);
  };
  const w = plan.workout;
  if (w !== null && w.kind !== 'Yoga') for (const [s, e] of movingSegments(w)) add(s, e);
  for (const bout of bouts)
    if (bout.cadence >= 110 && !(w !== null && bout.start >= w.start && bout.start < w.end)) add(bout.start, bout.end);
  return out.sort((a, b) => a - b);
}

/** Resting (basal) energy: contiguous intervals over the whole day, kcal each. */
export function basalEnergy(world: World, plan: DayPlan): Interval[] {
  const rng = rngFor(world.seed, plan.day, Stream.Basal);
  const perSecond = (1420 + 40 * Math.sin(plan.day / 45)) / DAY;
  const out: Interval[] = [];
  for (let t = plan.start + rng.int(0, 120); t < plan.end;) {
    const len = Math.min(rng.int(180, 420), plan.end - t);
    out.push({ start: t, end: t + len, value: perSecond * len * rng.between(0.97, 1.03) });
    t += len;
  }
  return out;
}

/** Sum of interval values over [from, to), each interval counted in proportion to its overlap. */
export function sumOver(intervals: readonly Interval[], from: number, to: number): number {
  let sum = 0;
  for (const i of intervals) {
    const overlap = Math.min(i.end, to) - Math.max(i.start, from);
    if (overlap > 0) sum += (i.value * overlap) / (i.end - i.start);
  }
  return sum;
}

/** One step/distance sample of one device: the same piece gives the device's StepCount and its distance. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly steps: number;
  readonly metres: number;
}

/**
 * The iPhone's or the watch's step/distance samples: each device cuts the same walks into its own pieces (the phone
 * in longer ones, when carried; the watch in shorter ones, when worn), so the two sources overlap without lining up,
 * which is what source-priority merging has to handle. During an on-foot workout the watch's pieces are the workout
 * series; the phone, when carried, counts the workout as a walk of its own.
 */
export function devicePieces(world: World, plan: DayPlan, bouts: readonly Bout[], device: 'phone' | 'watch'): Piece[] {
  const phone = device === 'phone';
  const rng = rngFor(world.seed, plan.day, phone ? Stream.PhonePieces : Stream.WatchPieces);
  const w = plan.workout;
  const out: Piece[] = [];
  for (const bout of bouts) {
    const duringWorkout = w !== null && bout.start >= w.start && bout.start < w.end;
    if (phone ? !bout.phoneCarried : duringWorkout || rng.chance(0.05)) continue;
    let t = bout.start + rng.int(0, phone ? 25 : 8);
    const end = bout.end + rng.int(0, phone ? 25 : 8);
    while (t < end) {
      const len = Math.min(phone ? rng.int(60, 600) : rng.int(30, 300), end - t);
      const steps = Math.round((bout.cadence / 60) * len * rng.between(phone ? 0.9 : 0.95, phone ? 1.02 : 1.05));
      if (steps > 0) out.push({ start: t, end: t + len, steps, metres: steps * bout.stride * rng.between(0.95, 1.05) });
      t += len;
    }
  }
  if (!phone && w !== null) {
    const series = workoutSeries(world, plan);
    for (let i = 0; i < series.steps.length; i++) {
      const s = series.steps[i]!;
      out.push({ start: s.start, end: s.end, steps: s.value, metres: series.distance[i]?.value ?? 0 });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Flights of stairs climbed: instants and how many flights. */
export function climbs(world: World, plan: DayPlan): Array<{ readonly t: number; readonly flights: number }> {
  const rng = rngFor(world.seed, plan.day, Stream.Flights);
  const out: Array<{ t: number; flights: number }> = [];
  for (let i = 0, n = rng.int(2, 12); i < n; i++)
    out.push({ t: plan.wake + rng.int(10 * MIN, plan.bed - plan.wake - 10 * MIN), flights: rng.int(1, 3) });
  return out.sort((a, b) => a.t - b.t);
}
