/**
 * Record writers for body measurements and vital signs: height, body mass, heart rate, SpO2, blood pressure (the
 * top-level copies of the correlation's records), respiratory rate, resting heart rate and HRV SDNN with its
 * beat-to-beat list.
 */
import { healthApp, scaleApp, watch, cuffApp } from './devices.js';
import { restingLevel, walkingBouts } from './activity-model.js';
import { Stream, workoutSeries, type DayPlan, type World } from './day-model.js';
import type { Emitter, EmitContext } from './emitter.js';
import { night } from './night-model.js';
import { clamp, num, rngFor } from './prng.js';
import { HKQ, meta, record, type XmlOut } from './xml-out.js';

const MIN = 60;

export const height: Emitter = {
  name: 'Height',
  emit({ world, plan, out, rng }) {
    if (plan.day !== 0) return;
    const t = plan.wake + 40 * MIN;
    const children = meta(out, '  ', 'HKWasUserEntered', '1');
    out.add(
      record(out, world.clock, ' ', {
        type: `${HKQ}Height`,
        source: healthApp.attrs(0),
        device: healthApp.device(0, rng),
        unit: 'm',
        created: t,
        start: t,
        end: t,
        value: '1.68',
        children,
      }),
    );
  },
};

export const bodyMass: Emitter = {
  name: 'BodyMass',
  emit({ world, plan, out, rng }) {
    const m = plan.bodyMass;
    if (m === null) return;
    const src = m.manual ? healthApp : scaleApp;
    const children = m.manual ? meta(out, '  ', 'HKWasUserEntered', '1') : '';
    const created = m.t + (m.manual ? 0 : rng.int(5, 600));
    out.add(
      record(out, world.clock, ' ', {
        type: `${HKQ}BodyMass`,
        source: src.attrs(plan.day),
        device: src.device(plan.day, rng),
        unit: 'kg',
        created,
        start: m.t,
        end: m.t,
        value: String(m.kg),
        children,
      }),
    );
  },
};

const HR = `${HKQ}HeartRate`;

/** Background readings every 4–7 minutes, and every 4–9 seconds during the workout (the workout's own series). */
export const heartRate: Emitter = {
  name: 'HeartRate',
  emit({ world, plan, out, rng }) {
    const clock = world.clock;
    const source = watch.attrs(plan.day);
    const bouts = walkingBouts(world, plan);
    const series = workoutSeries(world, plan).hr;
    const w = plan.workout;
    let b = 0;
    let flushedWorkout = w === null;
    let batchCreated = 0;
    for (let t = plan.start + rng.int(0, 240); t < plan.end; t += rng.int(240, 420)) {
      if (!flushedWorkout && t >= w!.start) {
        for (const s of series) {
          const children = meta(out, '  ', 'HKMetadataKeyHeartRateMotionContext', '2');
          out.add(
            record(out, clock, ' ', {
              type: HR,
              source,
              device: watch.device(plan.day, rng),
              unit: 'count/min',
              created: s.t + rng.int(1, 6),
              start: s.t,
              end: s.t,
              value: String(s.bpm),
              children,
            }),
          );
        }
        flushedWorkout = true;
        if (t < w!.end) t = w!.end + rng.int(30, 200);
        if (t >= plan.end) break;
      }
      while (b < bouts.length && bouts[b]!.end <= t) b++;
      const walking = b < bouts.length && bouts[b]!.start <= t;
      // The watch writes background readings in batches: several samples share a creation time a few minutes later.
      if (batchCreated <= t) batchCreated = t + rng.int(60, 900);
      const children = meta(out, '  ', 'HKMetadataKeyHeartRateMotionContext', walking ? '2' : '1');
      out.add(
        record(out, clock, ' ', {
          type: HR,
          source,
          device: watch.device(plan.day, rng),
          unit: 'count/min',
          created: batchCreated,
          start: t,
          end: t,
          value: String(restingLevel(plan, t, walking, rng)),
          children,
        }),
      );
    }
  },
};

/** A few daytime spot readings and regular readings through the night, as fractions (0.97 = 97 %). */
export const oxygenSaturation: Emitter = {
  name: 'OxygenSaturation',
  emit({ world, plan, out, rng }) {
    const n = night(world, plan);
    const times: number[] = [];
    for (let i = 0, k = rng.int(1, 3); i < k; i++) times.push(plan.wake + rng.int(60 * MIN, 13 * 60 * MIN));
    times.sort((a, b) => a - b);
    for (let t = n.asleepStart + rng.int(20 * MIN, 60 * MIN); t < n.asleepEnd; t += rng.int(40 * MIN, 90 * MIN)) times.push(t);
    const source = watch.attrs(plan.day);
    for (const t of times) {
      const asleep = t >= n.asleepStart;
      const value = num(clamp(rng.normal(asleep ? 0.955 : 0.975, 0.012), 0.88, 1), 2);
      out.add(
        record(out, world.clock, ' ', {
          type: `${HKQ}OxygenSaturation`,
          source,
          device: watch.device(plan.day, rng),
          unit: '%',
          created: t + rng.int(30, 900),
          start: t,
          end: t,
          value,
          children: '',
        }),
      );
    }
  },
};

export interface BloodPressureSample {
  readonly source: string;
  readonly device: string;
  readonly manual: boolean;
  readonly created: number;
  readonly start: number;
  readonly end: number;
  readonly systolic: number;
  readonly diastolic: number;
}

/** The day's blood-pressure reading with its source attributes, or null. Same draws on every call. */
export function bloodPressureSample(world: World, plan: DayPlan): BloodPressureSample | null {
  const bp = plan.bloodPressure;
  if (bp === null) return null;
  const rng = rngFor(world.seed, plan.day, Stream.BloodPressure);
  const src = bp.manual ? healthApp : cuffApp;
  const device = src.device(plan.day, rng);
  const created = bp.t + (bp.manual ? 0 : rng.int(20, 300));
  return {
    source: src.attrs(plan.day),
    device,
    manual: bp.manual,
    created,
    start: bp.t,
    end: bp.manual ? bp.t : bp.t + 45,
    systolic: bp.systolic,
    diastolic: bp.diastolic,
  };
}

/**
 * The systolic or diastolic record of the day's blood-pressure reading, as `<Record>` text at the given indent. The
 * correlation writer nests both; the top-level writers print them again (as Apple's DTD comment says, records inside
 * a correlation also appear at top level). Same draws, so the same device address in every copy: it is one sample.
 */
export function bloodPressureRecord(out: XmlOut, world: World, plan: DayPlan, indent: string, kind: 'Systolic' | 'Diastolic'): string {
  const bp = bloodPressureSample(world, plan);
  if (bp === null) return '';
  const type = `${HKQ}BloodPressure${kind}`;
  return record(out, world.clock, indent, {
    type,
    source: bp.source,
    device: bp.device,
    unit: 'mmHg',
    created: bp.created,
    start: bp.start,
    end: bp.end,
    value: String(kind === 'Systolic' ? bp.systolic : bp.diastolic),
    children: bp.manual ? meta(out, `${indent} `, 'HKWasUserEntered', '1') : '',
    countAs: indent === ' ' ? type : `${type} (in Correlation)`,
  });
}

export const bloodPressureSystolic: Emitter = {
  name: 'BloodPressureSystolic',
  emit({ world, plan, out }) {
    out.add(bloodPressureRecord(out, world, plan, ' ', 'Systolic'));
  },
};

export const bloodPressureDiastolic: Emitter = {
  name: 'BloodPressureDiastolic',
  emit({ world, plan, out }) {
    out.add(bloodPressureRecord(out, world, plan, ' ', 'Diastolic'));
  },
};

/** Respiratory rate while asleep, every 10–25 minutes. */
export const respiratoryRate: Emitter = {
  name: 'RespiratoryRate',
  emit({ world, plan, out, rng }) {
    const n = night(world, plan);
    const source = watch.attrs(plan.day);
    for (let t = n.asleepStart + rng.int(10 * MIN, 30 * MIN); t < n.asleepEnd; t += rng.int(10 * MIN, 25 * MIN)) {
      const end = t + rng.int(2 * MIN, 6 * MIN);
      const value = num(Math.round(clamp(rng.normal(14.5, 1), 10, 22) * 2) / 2, 1);
      out.add(
        record(out, world.clock, ' ', {
          type: `${HKQ}RespiratoryRate`,
          source,
          device: watch.device(plan.day, rng),
          unit: 'count/min',
          created: end + rng.int(60, 1800),
          start: t,
          end,
          value,
          children: '',
        }),
      );
    }
  },
};

export const restingHeartRate: Emitter = {
  name: 'RestingHeartRate',
  emit({ world, plan, out, rng }) {
    const start = plan.start + rng.int(60, 40 * MIN);
    const end = plan.bed - rng.int(5 * MIN, 90 * MIN);
    const value = String(Math.round(clamp(rng.normal(56, 2.5), 44, 75)));
    out.add(
      record(out, world.clock, ' ', {
        type: `${HKQ}RestingHeartRate`,
        source: watch.attrs(plan.day),
        device: watch.device(plan.day, rng),
        unit: 'count/min',
        created: end + rng.int(60, 600),
        start,
        end,
        value,
        children: '',
      }),
    );
  },
};

/**
 * One SDNN reading a night (a minute of beats while asleep), with the beat-to-beat list Apple attaches. The value is
 * the standard deviation of the listed beats' RR intervals, so the two agree.
 */
export const heartRateVariability: Emitter = {
  name: 'HeartRateVariabilitySDNN',
  emit(ctx: EmitContext) {
    const { world, plan, out, rng } = ctx;
    const clock = world.clock;
    const n = night(world, plan);
    const start = n.asleepStart + rng.int(60 * MIN, 180 * MIN);
    const rrMean = 60 / clamp(rng.normal(56, 3), 45, 75);
    const rrSd = rng.between(0.03, 0.06);
    let beats = '';
    const rrs: number[] = [];
    let time = start + rng.between(0.3, 1.2);
    while (time < start + 60) {
      const rr = clamp(rng.normal(rrMean, rrSd), 0.5, 1.6);
      rrs.push(rr);
      time += rr;
      const whole = Math.floor(time);
      beats += `   <InstantaneousBeatsPerMinute bpm="${Math.round(60 / rr)}" time="${clock.beatTime(whole, Math.floor((time - whole) * 100))}"/>\n`;
    }
    out.count('InstantaneousBeatsPerMinute', rrs.length);
    const mean = rrs.reduce((s, x) => s + x, 0) / rrs.length;
    const sdnnMs = Math.sqrt(rrs.reduce((s, x) => s + (x - mean) ** 2, 0) / (rrs.length - 1)) * 1000;
    const end = Math.ceil(time);
    const children = `  <HeartRateVariabilityMetadataList>\n${beats}  </HeartRateVariabilityMetadataList>\n`;
    out.count('HeartRateVariabilityMetadataList');
    out.add(
      record(out, clock, ' ', {
        type: `${HKQ}HeartRateVariabilitySDNN`,
        source: watch.attrs(plan.day),
        device: watch.device(plan.day, rng),
        unit: 'ms',
        created: end + rng.int(30, 600),
        start,
        end,
        value: num(sdnnMs, 4),
        children,
      }),
    );
  },
};
