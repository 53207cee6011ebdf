/**
 * One person's health record at minute level, as SampleInputs for the observation store: deterministic (seeded per
 * day and stream), one local day at a time, so a year of ~7 M samples never has to be in memory at once.
 *
 * The day itself (wake and bed times, walks, the workout and its 4–9 s heart-rate series, the night's sleep stages,
 * blood-pressure and weight readings) comes from the Apple Health export generator's models (bench/apple-health), so
 * both benchmarks simulate the same person. On top of that, the streams here are denser than a typical export:
 *
 *   watch   heart_rate every minute (+ the workout series), steps and distance every awake minute with steps,
 *           active_energy every 10 s (20 s asleep) and basal_energy every 10 s (what carries the total to ~7 M a
 *           year: the watch writes energy in short pieces; at rest real watches write it less often), exercise minutes,
 *           stand hours, environmental audio every 30 min, HRV, SpO2, respiratory rate, resting/walking HR,
 *           wrist temperature, sleep stages, workouts, VO2 max
 *   iPhone  steps and distance every 10 minutes with steps (overlapping the watch's: the merge case), flights,
 *           time in bed
 *   apps    body mass and body fat daily (a Withings scale), blood pressure about weekly (a cuff, or typed in)
 *
 * `scale` divides every sub-hourly cadence (heart rate, steps, energy, audio): 0.25 gives heart rate every 4 minutes
 * (a typical watch) and about a quarter of the samples; 2 doubles them.
 *
 * Instants in the apple-health models are epoch SECONDS; SampleInput wants milliseconds.
 */
import { AppleClock } from '../apple-health/apple-clock.js';
import { walkingBouts, standHours, exerciseMinutes, climbs, restingLevel, type Bout } from '../apple-health/activity-model.js';
import { dayPlan, workoutSeries, type DayPlan, type World } from '../apple-health/day-model.js';
import { night, type Night } from '../apple-health/night-model.js';
import { clamp, rngFor } from '../apple-health/prng.js';
import type { SampleInput } from '../../src/domain/observations/index.js';
import { DayOut, round, stepsIn, walkingAt } from './day-out.js';
import { CUFF, HEALTH_APP, PHONE, SCALE, WATCH, ZONE } from './sources.js';

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Stream ids of this generator's own draws (the apple-health models use 1–11 and 100+). */
const S = {
  HeartRate: 300,
  WatchSteps: 301,
  PhoneSteps: 302,
  ActiveEnergy: 303,
  BasalEnergy: 304,
  Spot: 305,
  Night: 306,
  Audio: 307,
  Body: 308,
} as const;

export interface GeneratorOptions {
  /** First local date, YYYY-MM-DD. */
  readonly start: string;
  readonly days: number;
  /** Density of the sub-hourly streams (1 = heart rate every minute). */
  readonly scale: number;
  readonly seed: number;
}

export class YearGenerator {
  readonly world: World;
  /** [from, to) of the whole history, epoch ms: local midnight of the first day to local midnight after the last. */
  readonly fromMs: number;
  readonly toMs: number;
  private readonly every: { heartRate: number; minute: number; tenMinutes: number; energy: number; audio: number };

  constructor(readonly options: GeneratorOptions) {
    const [y, m, d] = options.start.split('-').map(Number) as [number, number, number];
    const startDate = Date.UTC(y, m - 1, d) / 1000;
    const clock = new AppleClock(ZONE, startDate - 2 * DAY, startDate + (options.days + 2) * DAY);
    this.world = { seed: options.seed, clock, startDate };
    const cadence = (seconds: number) => Math.max(1, Math.round(seconds / options.scale));
    this.every = { heartRate: cadence(60), minute: cadence(60), tenMinutes: cadence(600), energy: cadence(10), audio: cadence(30 * MIN) };
    this.fromMs = dayPlan(this.world, 0).start * 1000;
    this.toMs = dayPlan(this.world, options.days - 1).end * 1000;
  }

  /** Every sample starting on local day `day` (0-based). */
  day(day: number): SampleInput[] {
    const plan = dayPlan(this.world, day);
    const out = new DayOut(this.world.clock, plan);
    const bouts = walkingBouts(this.world, plan);
    this.heartRate(out, plan, bouts);
    this.watchMovement(out, plan, bouts);
    this.phoneMovement(out, plan, bouts);
    this.energy(out, plan, bouts);
    this.activityRings(out, plan, bouts);
    // The night that ends this morning and the one that starts this evening: each sample goes to the day it starts in.
    for (const p of [dayPlan(this.world, day - 1), plan]) this.night(out, p, night(this.world, p));
    this.spotVitals(out, plan, bouts);
    this.body(out, plan);
    this.workout(out, plan);
    return out.samples;
  }

  private heartRate(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    const rng = rngFor(this.world.seed, plan.day, S.HeartRate);
    const w = plan.workout;
    const walking = walkingAt(bouts);
    for (let t = plan.start + rng.int(0, 20); t < plan.end; t += this.every.heartRate) {
      if (w !== null && t >= w.start && t < w.end) continue; // the workout's own series, below
      const moving = walking(t);
      out.instant('heart_rate', t, restingLevel(plan, t, moving, rng), WATCH, { HKMetadataKeyHeartRateMotionContext: moving ? 2 : 1 });
    }
    for (const s of workoutSeries(this.world, plan).hr) {
      out.instant('heart_rate', s.t, s.bpm, WATCH, { HKMetadataKeyHeartRateMotionContext: 2 });
    }
  }

  /** The watch's steps and distance: one sample per awake minute with steps; the workout's own series during it. */
  private watchMovement(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    const rng = rngFor(this.world.seed, plan.day, S.WatchSteps);
    const w = plan.workout;
    const step = this.every.minute;
    const outsideWorkout = (b: Bout) => w === null || b.start < w.start || b.start >= w.end;
    for (let t = plan.wake; t < plan.bed; t += step) {
      if (w !== null && t + step > w.start && t < w.end) continue;
      const { steps, metres } = stepsIn(bouts, t, t + step, outsideWorkout);
      const shuffle = rng.chance(0.85) ? rng.int(1, 25) : 0;
      const total = Math.round(steps * rng.between(0.96, 1.04)) + shuffle;
      if (total === 0) continue;
      out.interval('steps', t, t + step, total, WATCH);
      out.interval('distance', t, t + step, round(metres + shuffle * 0.6, 2), WATCH);
    }
    const series = workoutSeries(this.world, plan);
    for (const s of series.steps) out.interval('steps', s.start, s.end, s.value, WATCH);
    for (const d of series.distance)
      out.interval(w?.kind === 'Cycling' ? 'distance_cycling' : 'distance', d.start, d.end, round(d.value, 2), WATCH);
  }

  /** The iPhone's steps and distance every 10 minutes, when carried: the same walks the watch counts, cut differently. */
  private phoneMovement(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    const rng = rngFor(this.world.seed, plan.day, S.PhoneSteps);
    const step = this.every.tenMinutes;
    for (let t = plan.wake; t < plan.bed; t += step) {
      const { steps, metres } = stepsIn(bouts, t, t + step, (b) => b.phoneCarried);
      const shuffle = rng.chance(0.5) ? rng.int(2, 40) : 0;
      const total = Math.round(steps * rng.between(0.9, 1.02)) + shuffle;
      if (total === 0) continue;
      out.interval('steps', t, t + step, total, PHONE);
      out.interval('distance', t, t + step, round(metres * 0.97 + shuffle * 0.6, 2), PHONE);
    }
    for (const c of climbs(this.world, plan)) out.interval('flights_climbed', c.t, c.t + MIN, c.flights, PHONE);
  }

  /** Active energy (every 10 s awake, 20 s asleep; the workout's series during it) and basal energy (every 10 s). */
  private energy(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    const active = rngFor(this.world.seed, plan.day, S.ActiveEnergy);
    const basal = rngFor(this.world.seed, plan.day, S.BasalEnergy);
    const w = plan.workout;
    const walking = walkingAt(bouts);
    const step = this.every.energy;
    for (let t = plan.start; t < plan.end;) {
      const asleep = t < plan.wake || t >= plan.bed;
      // Asleep, the watch writes half as often (and very little).
      const len = Math.min(asleep ? 2 * step : step, plan.end - t);
      if (w === null || t + len <= w.start || t >= w.end) {
        const perMin = asleep ? active.between(0.01, 0.08) : walking(t) ? active.between(3, 5) : active.between(0.05, 0.6);
        out.interval('active_energy', t, t + len, round((perMin * len) / 60, 4), WATCH);
      }
      t += len;
    }
    for (const e of workoutSeries(this.world, plan).energy) out.interval('active_energy', e.start, e.end, round(e.value, 4), WATCH);
    const perSecond = (1420 + 40 * Math.sin(plan.day / 45)) / DAY;
    for (let t = plan.start; t < plan.end; t += step) {
      const len = Math.min(step, plan.end - t);
      out.interval('basal_energy', t, t + len, round(perSecond * len * basal.between(0.97, 1.03), 4), WATCH);
    }
  }

  private activityRings(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    for (const t of exerciseMinutes(plan, bouts)) out.interval('exercise_time', t, t + MIN, 1, WATCH);
    for (const h of standHours(this.world, plan)) {
      out.category('stand_hour', h.start, h.start + HOUR, `HKCategoryValueAppleStandHour${h.stood ? 'Stood' : 'Idle'}`, WATCH);
    }
    const rng = rngFor(this.world.seed, plan.day, S.Audio);
    for (let t = plan.wake; t + this.every.audio <= plan.bed; t += this.every.audio) {
      out.interval('environmental_audio_exposure', t, t + this.every.audio, round(clamp(rng.normal(62, 7), 35, 95), 1), WATCH);
    }
  }

  /** A night's in-bed interval, sleep stages, respiratory rate, SpO2, HRV and wrist temperature (only the part on `out`'s day). */
  private night(out: DayOut, plan: DayPlan, n: Night): void {
    const rng = rngFor(this.world.seed, plan.day, S.Night);
    const zone = { timeZone: ZONE };
    out.category('sleep_stage', n.inBed.start, n.inBed.end, 'in_bed', PHONE, zone);
    const stage = { Core: 'asleep_core', Deep: 'asleep_deep', REM: 'asleep_rem', Awake: 'awake' } as const;
    for (const s of n.stages) out.category('sleep_stage', s.start, s.end, stage[s.stage], WATCH, zone);
    for (let t = n.asleepStart + rng.int(10 * MIN, 30 * MIN); t < n.asleepEnd; t += rng.int(10 * MIN, 25 * MIN)) {
      out.interval('respiratory_rate', t, t + rng.int(2 * MIN, 6 * MIN), Math.round(clamp(rng.normal(14.5, 1), 10, 22) * 2) / 2, WATCH);
    }
    for (let t = n.asleepStart + rng.int(20 * MIN, 60 * MIN); t < n.asleepEnd; t += rng.int(40 * MIN, 80 * MIN)) {
      out.instant('spo2', t, Math.round(clamp(rng.normal(96, 1.3), 88, 100)), WATCH);
    }
    const hrvAt = n.asleepStart + rng.int(60 * MIN, 180 * MIN);
    out.interval('hrv_sdnn', hrvAt, hrvAt + MIN, round(clamp(rng.normal(48, 9), 15, 120), 3), WATCH);
    out.interval('wrist_temperature', n.asleepStart, n.asleepEnd, round(rng.normal(34.6, 0.25), 2), WATCH, zone);
  }

  /** Daytime spot readings: a few HRV and SpO2, resting and walking heart rate, VO2 max after a run. */
  private spotVitals(out: DayOut, plan: DayPlan, bouts: readonly Bout[]): void {
    const rng = rngFor(this.world.seed, plan.day, S.Spot);
    for (let i = 0, n = rng.int(3, 6); i < n; i++) {
      const t = plan.wake + rng.int(30 * MIN, plan.bed - plan.wake - 30 * MIN);
      out.interval('hrv_sdnn', t, t + MIN, round(clamp(rng.normal(42, 10), 12, 120), 3), WATCH);
    }
    for (let i = 0, n = rng.int(1, 3); i < n; i++) {
      out.instant(
        'spo2',
        plan.wake + rng.int(20 * MIN, plan.bed - plan.wake - 20 * MIN),
        Math.round(clamp(rng.normal(97, 1), 90, 100)),
        WATCH,
      );
    }
    out.interval(
      'resting_heart_rate',
      plan.start + rng.int(60, 40 * MIN),
      plan.bed - rng.int(5 * MIN, 90 * MIN),
      Math.round(clamp(rng.normal(56, 2.5), 44, 75)),
      WATCH,
    );
    if (bouts.length > 0) {
      out.interval('walking_heart_rate_average', bouts[0]!.start, bouts.at(-1)!.end, Math.round(clamp(rng.normal(101, 4), 80, 130)), WATCH);
    }
    const w = plan.workout;
    if (w?.kind === 'Running' && !w.indoor) out.instant('vo2_max', w.end, round(clamp(rng.normal(41, 1.2), 30, 55), 2), WATCH);
  }

  /** Weight and body fat every morning from the scale; blood pressure when the day model has a reading (~weekly). */
  private body(out: DayOut, plan: DayPlan): void {
    const rng = rngFor(this.world.seed, plan.day, S.Body);
    const t = plan.bodyMass?.t ?? plan.wake + rng.int(8 * MIN, 25 * MIN);
    const kg = plan.bodyMass?.kg ?? Math.round((67.5 + 1.8 * Math.sin(plan.day / 170) + rng.normal(0, 0.3)) * 100) / 100;
    out.instant('body_mass', t, kg, SCALE);
    out.instant('body_fat_percentage', t, round(clamp(rng.normal(24.5, 0.6), 15, 35), 1), SCALE);
    const bp = plan.bloodPressure;
    if (bp !== null) {
      out.push({
        ...out.base('blood_pressure', bp.t, bp.t, bp.manual ? HEALTH_APP : CUFF),
        value: null,
        components: { systolic: bp.systolic, diastolic: bp.diastolic },
        provenance: bp.manual ? 'user_entered' : 'sensed',
        metadata: bp.manual ? { HKWasUserEntered: true } : null,
      });
    }
  }

  private workout(out: DayOut, plan: DayPlan): void {
    const w = plan.workout;
    if (w === null) return;
    const series = workoutSeries(this.world, plan);
    const energy = series.energy.reduce((s, e) => s + e.value, 0);
    const distance = series.distance.reduce((s, d) => s + d.value, 0);
    out.push({
      ...out.base('workout', w.start, w.end, WATCH),
      value: round((w.end - w.start) / 60, 2),
      category: `HKWorkoutActivityType${w.kind}`,
      components: { energy_kcal: round(energy, 1), ...(distance > 0 ? { distance_m: round(distance, 1) } : {}) },
      timeZone: ZONE,
      metadata: { HKIndoorWorkout: w.indoor, HKTimeZone: ZONE },
    });
  }
}
