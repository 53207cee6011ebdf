/**
 * Step counts → a minute series. HealthKit records steps as samples over intervals (an Apple Watch about one a minute
 * while walking, an iPhone every few minutes), only when steps happen: a minute inside no sample had no steps. Samples
 * from overlapping sources are merged by source priority as Apple Health does (never summed), and each merged
 * segment's steps are spread uniformly over its interval (the only assumption HealthKit's own statistics make).
 * A whole local day without a single step sample is not a day of rest but a day without data: it is a gap.
 */
import { mergeCumulative, type CumulativeSample, type SourcePriority } from '../../observations/index.js';
import { MINUTE_MS, MINUTES_PER_DAY, runsOf, type MinuteSeries } from './minute-series.js';

export interface StepWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly utcOffsetMin: number;
}

/** Minute-aligned window: start floored, end ceiled to whole minutes. */
export const alignWindow = (startMs: number, endMs: number, utcOffsetMin: number): StepWindow => ({
  startMs: Math.floor(startMs / MINUTE_MS) * MINUTE_MS,
  endMs: Math.ceil(endMs / MINUTE_MS) * MINUTE_MS,
  utcOffsetMin,
});

export function minuteSeriesFromStepSamples(
  samples: readonly CumulativeSample[],
  window: StepWindow,
  priority?: SourcePriority,
): MinuteSeries {
  const minutes = Math.round((window.endMs - window.startMs) / MINUTE_MS);
  const values = new Array<number>(minutes).fill(0);
  const touched = new Uint8Array(minutes);
  const segments = mergeCumulative(samples, priority ? { priority } : {});
  for (const segment of segments) {
    const from = Math.max(segment.start, window.startMs);
    const to = Math.min(segment.end, window.endMs);
    if (segment.end === segment.start) {
      const minute = Math.floor((segment.start - window.startMs) / MINUTE_MS);
      if (minute >= 0 && minute < minutes) {
        values[minute]! += segment.value;
        touched[minute] = 1;
      }
      continue;
    }
    if (to <= from) continue;
    const rate = segment.value / (segment.end - segment.start);
    for (let minute = Math.floor((from - window.startMs) / MINUTE_MS); minute * MINUTE_MS + window.startMs < to; minute++) {
      const minuteStart = window.startMs + minute * MINUTE_MS;
      const overlap = Math.min(to, minuteStart + MINUTE_MS) - Math.max(from, minuteStart);
      if (overlap <= 0) continue;
      values[minute]! += rate * overlap;
      touched[minute] = 1;
    }
  }
  return {
    startMs: window.startMs,
    utcOffsetMin: window.utcOffsetMin,
    signal: 'step_counts',
    values,
    gaps: runsOf(daysWithoutSamples(window, touched)),
  };
}

/** 1 for every minute of a local calendar day (clipped to the window) in which no step sample fell. */
function daysWithoutSamples(window: StepWindow, touched: Uint8Array): Uint8Array {
  const mask = new Uint8Array(touched.length);
  const offsetMinutes = window.utcOffsetMin;
  const localStartMinute = Math.floor(window.startMs / MINUTE_MS) + offsetMinutes;
  // Index of the first minute of the local day containing minute 0.
  let dayStart = -(((localStartMinute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY);
  for (; dayStart < touched.length; dayStart += MINUTES_PER_DAY) {
    const from = Math.max(0, dayStart);
    const to = Math.min(touched.length, dayStart + MINUTES_PER_DAY);
    if (!touched.subarray(from, to).includes(1)) mask.fill(1, from, to);
  }
  return mask;
}

/** Clarity's minute-by-minute form: `step_counts[i]` steps in the minute starting at `timestamps[i]`. */
export function minuteSeriesFromMinuteCounts(counts: readonly number[], times: readonly number[], utcOffsetMin: number): MinuteSeries {
  const startMs = Math.floor(times[0]! / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.floor((times[times.length - 1]! - startMs) / MINUTE_MS) + 1;
  const values = new Array<number>(minutes).fill(0);
  const missing = new Uint8Array(minutes).fill(1);
  times.forEach((t, i) => {
    const minute = Math.floor((t - startMs) / MINUTE_MS);
    values[minute]! += counts[i]!;
    missing[minute] = 0;
  });
  return { startMs, utcOffsetMin, signal: 'step_counts', values, gaps: runsOf(missing) };
}
