/**
 * Clarity `ActigraphyInput` (spec §3.3: data_points, sampling_rate samples/min, duration_hours) → a minute series.
 * Every check that can fail does so here, before anything is stored: the route answers 422 naming the field.
 */
import { parseTimestamp } from '../../observations/queries/index.js';
import { InputProblems, inputError } from './input-problems.js';
import { MINUTE_MS, runsOf, type MinuteSeries } from './minute-series.js';

export interface ActigraphyDataPoint {
  readonly timestamp: string;
  readonly value: number;
}

export interface ActigraphyInput {
  readonly data_points: readonly ActigraphyDataPoint[];
  readonly sampling_rate?: number | null;
  readonly duration_hours: number;
}

/** The analyses need a whole day: IS/IV and the 24-h profile need 24 complete clock hours (Van Someren 1999). */
export const MIN_ANALYSIS_HOURS = 24;
/** A month: beyond it a request body is the wrong way to send data. */
export const MAX_ANALYSIS_HOURS = 31 * 24;
/**
 * Rates whose sampling interval divides a minute into whole seconds, so samples sum into 60 s epochs exactly (the
 * epoch Cole-Kripke and Sadeh are defined for). Below one sample a minute there is no minute series to score.
 */
export const SUPPORTED_SAMPLING_RATES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

export function checkSamplingRate(rate: number): number {
  if (rate < 1)
    throw inputError(
      'sampling_rate',
      `sampling_rate ${rate} is below one sample per minute: the analyses score 60 s epochs and need at least one sample each`,
      'sampling_rate_too_low',
    );
  if (!(SUPPORTED_SAMPLING_RATES as readonly number[]).includes(rate))
    throw inputError(
      'sampling_rate',
      `sampling_rate ${rate} is not supported: use one of ${SUPPORTED_SAMPLING_RATES.join(', ')} samples per minute (intervals that divide a minute)`,
      'unsupported_sampling_rate',
    );
  return rate;
}

export function checkDurationHours(hours: number, field = 'duration_hours'): void {
  if (hours < MIN_ANALYSIS_HOURS)
    throw inputError(
      field,
      `${field} is ${hours}: the analyses need at least ${MIN_ANALYSIS_HOURS} hours (IS, IV and the 24-h profile need 24 complete clock hours)`,
      'insufficient_duration',
    );
  if (hours > MAX_ANALYSIS_HOURS)
    throw inputError(field, `${field} is ${hours}: at most ${MAX_ANALYSIS_HOURS} hours (31 days) per analysis`, 'duration_too_long');
}

/** Builds the minute series: samples summed into minutes from the first timestamp's minute, for duration_hours. */
export function minuteSeriesFromActigraphy(input: ActigraphyInput): MinuteSeries {
  const points = input.data_points;
  if (points.length === 0) throw inputError('data_points', 'data_points is empty: there is nothing to analyse', 'empty_series');
  const rate = checkSamplingRate(input.sampling_rate ?? 1);
  checkDurationHours(input.duration_hours);
  const intervalMs = MINUTE_MS / rate;

  const problems = new InputProblems();
  const times: number[] = new Array<number>(points.length);
  let offset = 0;
  points.forEach((point, i) => {
    const parsed = parseTimestamp(point.timestamp);
    if (!parsed) {
      problems.add(
        `data_points[${i}].timestamp`,
        `data_points[${i}].timestamp is not an ISO 8601 date-time with Z or ±HH:MM`,
        'invalid_timestamp',
      );
      times[i] = NaN;
      return;
    }
    if (i === 0) offset = parsed.offsetMinutes;
    times[i] = parsed.ms;
    if (!(point.value >= 0))
      problems.add(
        `data_points[${i}].value`,
        `data_points[${i}].value is ${point.value}: activity counts cannot be negative`,
        'negative_count',
      );
  });
  problems.throwIfAny('The actigraphy data points are invalid');
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap === 0)
      problems.add(
        `data_points[${i}].timestamp`,
        `data_points[${i}] repeats the timestamp of data_points[${i - 1}]`,
        'duplicate_timestamp',
      );
    else if (gap < 0)
      problems.add(
        `data_points[${i}].timestamp`,
        `data_points[${i}] is earlier than data_points[${i - 1}]: timestamps must increase`,
        'non_monotonic_timestamps',
      );
    // A second of slack for clocks that round; anything closer means more samples than the declared rate.
    else if (gap < intervalMs - 1000)
      problems.add(
        `data_points[${i}].timestamp`,
        `data_points[${i}] is ${gap / 1000} s after the previous one, closer than the sampling interval (${intervalMs / 1000} s at ${rate}/min)`,
        'faster_than_sampling_rate',
      );
  }
  problems.throwIfAny('The actigraphy timestamps are invalid');

  const first = times[0]!;
  const startMs = Math.floor(first / MINUTE_MS) * MINUTE_MS;
  const minutes = input.duration_hours * 60;
  const spanHours = (times[times.length - 1]! - first) / 3_600_000;
  if (times[times.length - 1]! >= startMs + minutes * MINUTE_MS)
    throw inputError(
      'duration_hours',
      `the data points span ${spanHours.toFixed(2)} h, more than duration_hours (${input.duration_hours})`,
      'data_outside_duration',
    );
  if (spanHours < MIN_ANALYSIS_HOURS - 1 / 60)
    throw inputError(
      'data_points',
      `the data points span ${spanHours.toFixed(2)} h: the analyses need at least ${MIN_ANALYSIS_HOURS} h of data`,
      'insufficient_duration',
    );

  const values = new Array<number>(minutes).fill(0);
  const seen = new Uint8Array(minutes);
  times.forEach((t, i) => {
    const minute = Math.floor((t - startMs) / MINUTE_MS);
    values[minute]! += points[i]!.value;
    seen[minute] = 1;
  });
  const missing = seen.map((s) => 1 - s);
  return { startMs, utcOffsetMin: offset, signal: 'actigraphy_counts', values, gaps: runsOf(missing) };
}
