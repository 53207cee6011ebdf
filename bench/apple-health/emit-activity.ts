/**
 * Record writers for activity: steps and walking/running distance from BOTH the iPhone and the watch (overlapping
 * intervals), resting and active energy (resting in kJ: each type is written in the unit chosen for it on the phone),
 * flights climbed, cycling distance, exercise minutes and stand hours.
 */
import { iphone, watch, type Source } from './devices.js';
import {
  activeEnergyOutsideWorkout,
  basalEnergy,
  climbs,
  devicePieces,
  exerciseMinutes,
  standHours,
  walkingBouts,
} from './activity-model.js';
import { workoutSeries, type DayPlan, type Interval, type World } from './day-model.js';
import type { EmitContext, Emitter } from './emitter.js';
import { num } from './prng.js';
import { HKC, HKQ, record } from './xml-out.js';

const MIN = 60;
const KJ_PER_KCAL = 4.184;

interface Tagged {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly src: Source;
}

/** Both devices' samples of a type, in start order (as the export lists a type's records). */
function pieceRecords(world: World, plan: DayPlan, pick: (steps: number, metres: number) => string): Tagged[] {
  const bouts = walkingBouts(world, plan);
  const tag = (src: Source) => (p: { start: number; end: number; steps: number; metres: number }) => ({
    start: p.start,
    end: p.end,
    value: pick(p.steps, p.metres),
    src,
  });
  const all = [...devicePieces(world, plan, bouts, 'phone').map(tag(iphone)), ...devicePieces(world, plan, bouts, 'watch').map(tag(watch))];
  return all.sort((a, b) => a.start - b.start);
}

function writeTagged(ctx: EmitContext, type: string, unit: string, items: readonly Tagged[]) {
  const { world, plan, out, rng } = ctx;
  const sources = new Map<Source, string>();
  for (const item of items) {
    let source = sources.get(item.src);
    if (source === undefined) sources.set(item.src, (source = item.src.attrs(plan.day)));
    out.add(
      record(out, world.clock, ' ', {
        type,
        source,
        device: item.src.device(plan.day, rng),
        unit,
        created: item.end + rng.int(5, 900),
        start: item.start,
        end: item.end,
        value: item.value,
        children: '',
      }),
    );
  }
}

export const stepCount: Emitter = {
  name: 'StepCount',
  emit(ctx) {
    writeTagged(
      ctx,
      `${HKQ}StepCount`,
      'count',
      pieceRecords(ctx.world, ctx.plan, (steps) => String(steps)),
    );
  },
};

export const distanceWalkingRunning: Emitter = {
  name: 'DistanceWalkingRunning',
  emit(ctx) {
    writeTagged(
      ctx,
      `${HKQ}DistanceWalkingRunning`,
      'km',
      pieceRecords(ctx.world, ctx.plan, (_steps, metres) => num(metres / 1000, 6)),
    );
  },
};

export const basalEnergyBurned: Emitter = {
  name: 'BasalEnergyBurned',
  emit(ctx) {
    const items = basalEnergy(ctx.world, ctx.plan).map((i) => ({
      start: i.start,
      end: i.end,
      value: num(i.value * KJ_PER_KCAL, 3),
      src: watch,
    }));
    writeTagged(ctx, `${HKQ}BasalEnergyBurned`, 'kJ', items);
  },
};

/** The day's active-energy samples (kcal, rounded as written): outside the workout and during it. */
export function activeEnergySamples(world: World, plan: DayPlan): Interval[] {
  const outside = activeEnergyOutsideWorkout(world, plan, walkingBouts(world, plan));
  const all = [...outside, ...workoutSeries(world, plan).energy].sort((a, b) => a.start - b.start);
  return all.map((i) => ({ start: i.start, end: i.end, value: Math.round(i.value * 1000) / 1000 }));
}

export const activeEnergyBurned: Emitter = {
  name: 'ActiveEnergyBurned',
  emit(ctx) {
    const items = activeEnergySamples(ctx.world, ctx.plan).map((i) => ({ start: i.start, end: i.end, value: String(i.value), src: watch }));
    writeTagged(ctx, `${HKQ}ActiveEnergyBurned`, 'kcal', items);
  },
};

export const flightsClimbed: Emitter = {
  name: 'FlightsClimbed',
  emit(ctx) {
    const { rng } = ctx;
    const items: Tagged[] = [];
    for (const c of climbs(ctx.world, ctx.plan)) {
      if (rng.chance(0.9)) items.push({ start: c.t, end: c.t + rng.int(15, 60), value: String(c.flights), src: iphone });
      if (rng.chance(0.7)) items.push({ start: c.t + rng.int(-20, 20), end: c.t + rng.int(30, 90), value: String(c.flights), src: watch });
    }
    writeTagged(
      ctx,
      `${HKQ}FlightsClimbed`,
      'count',
      items.sort((a, b) => a.start - b.start),
    );
  },
};

export const distanceCycling: Emitter = {
  name: 'DistanceCycling',
  emit(ctx) {
    if (ctx.plan.workout?.kind !== 'Cycling') return;
    const items = workoutSeries(ctx.world, ctx.plan).distance.map((i) => ({
      start: i.start,
      end: i.end,
      value: num(i.value / 1000, 6),
      src: watch,
    }));
    writeTagged(ctx, `${HKQ}DistanceCycling`, 'km', items);
  },
};

export const appleExerciseTime: Emitter = {
  name: 'AppleExerciseTime',
  emit(ctx) {
    const minutes = exerciseMinutes(ctx.plan, walkingBouts(ctx.world, ctx.plan));
    writeTagged(
      ctx,
      `${HKQ}AppleExerciseTime`,
      'min',
      minutes.map((t) => ({ start: t, end: t + MIN, value: '1', src: watch })),
    );
  },
};

export const appleStandHour: Emitter = {
  name: 'AppleStandHour',
  emit(ctx) {
    const { world, plan, out, rng } = ctx;
    const source = watch.attrs(plan.day);
    for (const h of standHours(world, plan)) {
      const value = h.stood ? 'HKCategoryValueAppleStandHourStood' : 'HKCategoryValueAppleStandHourIdle';
      out.add(
        record(out, world.clock, ' ', {
          type: `${HKC}AppleStandHour`,
          source,
          device: watch.device(plan.day, rng),
          unit: null,
          created: h.start + 3600 + rng.int(0, 300),
          start: h.start,
          end: h.start + 3600,
          value,
          children: '',
        }),
      );
    }
  },
};
