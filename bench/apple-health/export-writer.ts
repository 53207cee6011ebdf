/**
 * Writes a synthetic Apple Health `export.xml` of about a target size to a byte sink, streaming: text is batched
 * into ~1 MB chunks and each chunk waits for the sink (so a slow consumer holds the generator back, and memory stays
 * flat whatever the size).
 *
 * Order of the document, as in a real export: header and DTD, `<ExportDate>`, `<Me>`, then all `<Record>`s grouped by
 * type (each type's records in date order, the two devices' samples interleaved), then `<Correlation>`s, `<Workout>`s
 * and `<ActivitySummary>`s. Because the document is grouped by type, the number of days is fixed before writing: a
 * calibration run over the first weeks measures bytes per day. `order: 'day'` instead writes every element of a day
 * before the next day and stops as soon as the target is reached (not Apple's order; useful to stop exactly).
 */
import { AppleClock } from './apple-clock.js';
import { dayPlan, dayStart, type World } from './day-model.js';
import * as activity from './emit-activity.js';
import { sleepAnalysis } from './emit-sleep.js';
import { activitySummary, bloodPressureCorrelation, workouts } from './emit-summaries.js';
import * as vitals from './emit-vitals.js';
import type { Emitter } from './emitter.js';
import { FOOTER, header, type Person } from './header.js';
import { rngFor } from './prng.js';
import { XmlOut, type RouteRef } from './xml-out.js';

/** Top-level elements in the order a real export lists them (records by HealthKit type, then the rest). */
export const EMITTERS: readonly Emitter[] = [
  vitals.height,
  vitals.bodyMass,
  vitals.heartRate,
  activity.stepCount,
  activity.distanceWalkingRunning,
  activity.basalEnergyBurned,
  activity.activeEnergyBurned,
  activity.flightsClimbed,
  vitals.oxygenSaturation,
  vitals.bloodPressureSystolic,
  vitals.bloodPressureDiastolic,
  vitals.respiratoryRate,
  sleepAnalysis,
  activity.appleStandHour,
  activity.appleExerciseTime,
  activity.distanceCycling,
  vitals.restingHeartRate,
  vitals.heartRateVariability,
  bloodPressureCorrelation,
  workouts,
  activitySummary,
];

export interface ExportOptions {
  readonly seed: number;
  /** First day, `YYYY-MM-DD` (local calendar date in `zone`). */
  readonly start: string;
  /** IANA zone of the phone: every date is written with this zone's offset at that instant. */
  readonly zone: string;
  readonly locale: string;
  /** Target size of export.xml in bytes. */
  readonly targetBytes: number;
  readonly order: 'type' | 'day';
  readonly person: Person;
}

export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

export interface PreparedExport {
  readonly options: ExportOptions;
  readonly world: World;
  /** Days written in type order; the most that day order may write. */
  readonly days: number;
  /** Epoch seconds of the ExportDate (also the zip entries' modification time). */
  readonly exportedAt: number;
  readonly bytesPerDay: number;
}

export interface ExportResult {
  readonly bytes: number;
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly counts: ReadonlyMap<string, number>;
  readonly routes: readonly RouteRef[];
}

const CHUNK_CHARS = 1 << 20;
const DAY = 86_400;
const CALIBRATION_DAYS = 28;
/** Days sampled across the whole span for the second calibration (a day's size varies by ±30 %: workout or not). */
const SPREAD_SAMPLES = 72;
const HEADER_BYTES_GUESS = 12_000;
/** Seconds after local midnight of the day after the last day at which the export is taken. */
const EXPORT_TIME_OF_DAY = 9 * 3600 + 12 * 60 + 33;

function makeWorld(options: ExportOptions, days: number): World {
  const startDate = Date.parse(`${options.start}T00:00:00Z`) / 1000;
  if (!Number.isFinite(startDate)) throw new Error(`--start: not a date: ${options.start}`);
  return { seed: options.seed >>> 0, startDate, clock: new AppleClock(options.zone, startDate - 2 * DAY, startDate + (days + 3) * DAY) };
}

function emitDay(world: World, day: number, index: number, out: XmlOut): void {
  EMITTERS[index]!.emit({ world, plan: dayPlan(world, day), out, rng: rngFor(world.seed, day, 100 + index) });
}

/** Average bytes of one day's elements over `samples` days spread evenly over [0, days). */
export function bytesPerDay(options: ExportOptions, days: number, samples = CALIBRATION_DAYS): number {
  const world = makeWorld(options, days + 1);
  const out = new XmlOut();
  const n = Math.min(samples, days);
  let bytes = 0;
  for (let k = 0; k < n; k++) {
    const day = Math.floor((k * days) / n);
    for (let i = 0; i < EMITTERS.length; i++) emitDay(world, day, i, out);
    bytes += Buffer.byteLength(out.take());
  }
  return bytes / n;
}

const daysFor = (options: ExportOptions, perDay: number) => Math.max(1, Math.ceil((options.targetBytes - HEADER_BYTES_GUESS) / perDay));

/**
 * Calibrates (bytes per day over the first weeks, then again over days spread across the whole span, which lands
 * closer to the target), then fixes the number of days, the clock's range and the ExportDate.
 */
export function prepareExport(options: ExportOptions): PreparedExport {
  const first = daysFor(options, bytesPerDay(options, CALIBRATION_DAYS));
  const perDay = bytesPerDay(options, first, SPREAD_SAMPLES);
  const estimate = daysFor(options, perDay);
  // In day order the days are counted while writing; the ExportDate (written first) allows a quarter more.
  const days = options.order === 'type' ? estimate : Math.ceil(estimate * 1.25) + 7;
  const world = makeWorld(options, days + 1);
  return { options, world, days, exportedAt: dayStart(world, days) + EXPORT_TIME_OF_DAY, bytesPerDay: perDay };
}

export async function writeExport(sink: ByteSink, prepared: PreparedExport): Promise<ExportResult> {
  const { options, world } = prepared;
  const clock = world.clock;
  const out = new XmlOut();
  let bytes = 0;
  const flush = async () => {
    const text = out.take();
    if (text === '') return;
    const chunk = Buffer.from(text, 'utf8');
    bytes += chunk.length;
    await sink.write(chunk);
  };
  out.add(header(options.locale, clock.format(prepared.exportedAt), options.person));

  let days = 0;
  if (options.order === 'type') {
    days = prepared.days;
    for (let i = 0; i < EMITTERS.length; i++) {
      for (let day = 0; day < days; day++) {
        emitDay(world, day, i, out);
        if (out.pending >= CHUNK_CHARS) await flush();
      }
    }
  } else {
    const budget = options.targetBytes - FOOTER.length;
    while (days < prepared.days && bytes + out.pending < budget) {
      for (let i = 0; i < EMITTERS.length; i++) emitDay(world, days, i, out);
      days++;
      if (out.pending >= CHUNK_CHARS) await flush();
    }
  }
  out.add(FOOTER);
  await flush();
  return {
    bytes,
    days,
    firstDate: clock.localDate(dayStart(world, 0)),
    lastDate: clock.localDate(dayStart(world, days - 1)),
    counts: out.counts,
    routes: out.routes,
  };
}
