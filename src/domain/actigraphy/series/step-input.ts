/**
 * The body of Clarity `POST /pat/analyze-step-data` → a minute series of steps. Three forms, exactly one per request:
 *  - `step_counts` + `timestamps`: the original Clarity backend's minute-by-minute lists;
 *  - `samples`: HealthKit HKQuantitySamples of HKQuantityTypeIdentifierStepCount, as the iOS app reads them;
 *  - `window`: the person's stored steps between two instants (read by the service, see stored-steps.ts).
 */
import { classifySource, type CumulativeSample } from '../../observations/index.js';
import { parseTimestamp } from '../../observations/queries/index.js';
import { checkDurationHours } from './actigraphy-input.js';
import { InputProblems, inputError } from './input-problems.js';
import { MINUTE_MS, type MinuteSeries } from './minute-series.js';
import { alignWindow, minuteSeriesFromMinuteCounts, minuteSeriesFromStepSamples } from './step-series.js';

export const STEP_TYPE = 'HKQuantityTypeIdentifierStepCount';

export interface HealthKitStepSample {
  readonly uuid?: string;
  readonly type?: string;
  readonly value: number;
  readonly unit?: string;
  readonly start_date: string;
  readonly end_date: string;
  readonly source?: { readonly name: string; readonly bundle_id?: string };
  readonly device?: { readonly name?: string; readonly manufacturer?: string; readonly model?: string; readonly hardware_version?: string };
}

export interface StepDataRequest {
  readonly step_counts?: readonly number[] | null;
  readonly timestamps?: readonly string[] | null;
  readonly samples?: readonly HealthKitStepSample[] | null;
  readonly window?: { readonly start: string; readonly end: string } | null;
}

export type StepRequestForm = 'minute_counts' | 'healthkit_samples' | 'stored_window';

export function stepRequestForm(body: StepDataRequest): StepRequestForm {
  const forms: StepRequestForm[] = [];
  if (body.step_counts != null || body.timestamps != null) forms.push('minute_counts');
  if (body.samples != null) forms.push('healthkit_samples');
  if (body.window != null) forms.push('stored_window');
  if (forms.length !== 1)
    throw inputError(
      'body',
      'send exactly one of: step_counts with timestamps, samples (HealthKit step samples), or window (your stored steps)',
      forms.length === 0 ? 'no_step_data' : 'ambiguous_step_data',
    );
  return forms[0]!;
}

const spanCheck = (startMs: number, endMs: number, field: string): void =>
  checkDurationHours(Math.floor(((endMs - startMs) / 3_600_000) * 1000) / 1000, field);

export function minuteSeriesFromMinuteCountsBody(body: StepDataRequest): MinuteSeries {
  const counts = body.step_counts ?? [];
  const stamps = body.timestamps ?? [];
  if (counts.length === 0) throw inputError('step_counts', 'step_counts is empty: there is nothing to analyse', 'empty_series');
  if (counts.length !== stamps.length)
    throw inputError(
      'timestamps',
      `timestamps has ${stamps.length} entries but step_counts has ${counts.length}: one per minute`,
      'length_mismatch',
    );
  const problems = new InputProblems();
  const times: number[] = [];
  let offset = 0;
  stamps.forEach((stamp, i) => {
    const parsed = parseTimestamp(stamp);
    if (!parsed) problems.add(`timestamps[${i}]`, `timestamps[${i}] is not an ISO 8601 date-time with Z or ±HH:MM`, 'invalid_timestamp');
    else if (i === 0) offset = parsed.offsetMinutes;
    times.push(parsed?.ms ?? NaN);
    const count = counts[i]!;
    if (!(count >= 0)) problems.add(`step_counts[${i}]`, `step_counts[${i}] is ${count}: step counts cannot be negative`, 'negative_count');
  });
  problems.throwIfAny('The step data is invalid');
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap === 0) problems.add(`timestamps[${i}]`, `timestamps[${i}] repeats timestamps[${i - 1}]`, 'duplicate_timestamp');
    else if (gap < 0)
      problems.add(
        `timestamps[${i}]`,
        `timestamps[${i}] is earlier than timestamps[${i - 1}]: timestamps must increase`,
        'non_monotonic_timestamps',
      );
    else if (Math.floor(times[i]! / MINUTE_MS) === Math.floor(times[i - 1]! / MINUTE_MS))
      problems.add(
        `timestamps[${i}]`,
        `timestamps[${i}] falls in the same minute as timestamps[${i - 1}]: one count per minute`,
        'faster_than_sampling_rate',
      );
  }
  problems.throwIfAny('The step timestamps are invalid');
  spanCheck(Math.floor(times[0]! / MINUTE_MS) * MINUTE_MS, times[times.length - 1]! + MINUTE_MS, 'timestamps');
  return minuteSeriesFromMinuteCounts(counts, times, offset);
}

export function minuteSeriesFromHealthKitBody(body: StepDataRequest): MinuteSeries {
  const samples = body.samples ?? [];
  if (samples.length === 0) throw inputError('samples', 'samples is empty: there is nothing to analyse', 'empty_series');
  const problems = new InputProblems();
  const prepared: CumulativeSample[] = [];
  let offset: number | undefined;
  samples.forEach((sample, i) => {
    const at = `samples[${i}]`;
    if (sample.type !== undefined && sample.type !== STEP_TYPE)
      problems.add(`${at}.type`, `${at}.type is ${sample.type}: only ${STEP_TYPE} samples are analysed`, 'not_step_count');
    if (sample.unit !== undefined && sample.unit !== 'count')
      problems.add(`${at}.unit`, `${at}.unit is ${sample.unit}: step counts are in HealthKit unit "count"`, 'unexpected_unit');
    if (!(sample.value >= 0))
      problems.add(`${at}.value`, `${at}.value is ${sample.value}: step counts cannot be negative`, 'negative_count');
    const start = parseTimestamp(sample.start_date);
    const end = parseTimestamp(sample.end_date);
    if (!start || !end) {
      problems.add(at, `${at} needs start_date and end_date as ISO 8601 date-times with Z or ±HH:MM`, 'invalid_timestamp');
      return;
    }
    if (end.ms < start.ms) problems.add(`${at}.end_date`, `${at}.end_date is before its start_date`, 'end_before_start');
    offset ??= end.offsetMinutes;
    const name = sample.source?.name ?? 'unnamed source';
    const device = sample.device;
    const sourceClass = classifySource({
      name,
      ...(sample.source?.bundle_id ? { bundleId: sample.source.bundle_id } : {}),
      ...(device ? { device: { ...device, ...(device.hardware_version ? { hardware: device.hardware_version } : {}), extra: {} } } : {}),
    });
    prepared.push({
      start: start.ms,
      end: end.ms,
      value: sample.value,
      source: name,
      sourceClass,
      ...(sample.uuid ? { id: sample.uuid } : {}),
    });
  });
  problems.throwIfAny('The step samples are invalid');
  // Loops, not Math.min(...list): a spread of 100 000 arguments can overflow the stack.
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const s of prepared) {
    startMs = Math.min(startMs, s.start);
    endMs = Math.max(endMs, s.end);
  }
  spanCheck(startMs, endMs, 'samples');
  return minuteSeriesFromStepSamples(prepared, alignWindow(startMs, endMs, offset ?? 0));
}
