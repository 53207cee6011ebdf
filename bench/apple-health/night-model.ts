/**
 * The night that starts on a day's evening: time in bed (the iPhone's sleep schedule) and the watch's sleep stages,
 * in ~90-minute cycles with more deep sleep early and more REM late, and short awakenings between cycles.
 */
import { Stream, type DayPlan, type World } from './day-model.js';
import { rngFor } from './prng.js';

export type SleepStage = 'Core' | 'Deep' | 'REM' | 'Awake';

export interface StageInterval {
  readonly start: number;
  readonly end: number;
  readonly stage: SleepStage;
}

export interface Night {
  readonly inBed: { readonly start: number; readonly end: number };
  /** Contiguous, sorted, adjacent stages differ. */
  readonly stages: readonly StageInterval[];
  readonly asleepStart: number;
  readonly asleepEnd: number;
}

const MIN = 60;

export function night(world: World, plan: DayPlan): Night {
  const rng = rngFor(world.seed, plan.day, Stream.Sleep);
  const inBed = { start: plan.bed - rng.int(0, 10 * MIN), end: plan.nextWake + rng.int(2 * MIN, 15 * MIN) };
  const asleepStart = plan.bed + rng.int(5 * MIN, 25 * MIN);
  const asleepEnd = plan.nextWake - rng.int(0, 10 * MIN);
  const stages: StageInterval[] = [];
  const push = (stage: SleepStage, seconds: number, t: number): number => {
    const end = Math.min(t + Math.round(seconds), asleepEnd);
    if (end <= t) return t;
    const last = stages[stages.length - 1];
    if (last !== undefined && last.stage === stage) stages[stages.length - 1] = { start: last.start, end, stage };
    else stages.push({ start: t, end, stage });
    return end;
  };
  let t = asleepStart;
  for (let cycle = 0; t < asleepEnd; cycle++) {
    const early = cycle < 2;
    t = push('Core', rng.between(15, 35) * MIN, t);
    t = push('Deep', (early ? rng.between(15, 40) : rng.between(0, 12)) * MIN, t);
    t = push('Core', rng.between(8, 20) * MIN, t);
    t = push('REM', (early ? rng.between(5, 15) : rng.between(15, 35)) * MIN, t);
    if (rng.chance(0.35)) t = push('Awake', rng.between(0.5, 6) * MIN, t);
  }
  return { inBed, stages, asleepStart, asleepEnd };
}
