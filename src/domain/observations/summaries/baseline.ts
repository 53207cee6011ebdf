/**
 * Twin vitals `summary.baseline`: a person's habitual level of a metric, the median of the daily means of the 28 days
 * before the requested window; null when fewer than 7 of those days have data. Pure. docs/health-data.md § baseline.
 */
import { addDays, dayNumber } from './local-date.js';
import { insufficient, type Insufficient } from './summary-result.js';

export const BASELINE_DEFAULTS = { lookbackDays: 28, minDaysWithData: 7 } as const;

export interface DailyMean {
  /** local date, YYYY-MM-DD; at most one entry per date */
  readonly date: string;
  /** mean of the day's values, canonical unit */
  readonly value: number;
}

export interface Baseline {
  readonly value: number;
  readonly method: 'median_of_daily_means';
  /** the lookback window, both ends included */
  readonly window: { readonly from: string; readonly to: string };
  readonly days_with_data: number;
  readonly days_in_window: number;
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `windowStart`: the first date of the requested window; the baseline uses the `lookbackDays` dates before it. */
export function personalBaseline(days: readonly DailyMean[], windowStart: string): Baseline | Insufficient<'too_few_days'> {
  const { lookbackDays, minDaysWithData } = BASELINE_DEFAULTS;
  const from = addDays(windowStart, -lookbackDays);
  const to = addDays(windowStart, -1);
  const [lo, hi] = [dayNumber(from), dayNumber(to)];
  const seen = new Set<string>();
  const values: number[] = [];
  for (const d of days) {
    const n = dayNumber(d.date);
    if (seen.has(d.date)) throw new RangeError(`two daily means for ${d.date}`);
    seen.add(d.date);
    if (!Number.isFinite(d.value)) throw new RangeError(`daily mean of ${d.date} is not a finite number`);
    if (n >= lo && n <= hi) values.push(d.value);
  }
  if (values.length < minDaysWithData) {
    return insufficient(
      'too_few_days',
      `${values.length} of the ${lookbackDays} days ${from} … ${to} have data; at least ${minDaysWithData} are needed`,
    );
  }
  return {
    value: median(values),
    method: 'median_of_daily_means',
    window: { from, to },
    days_with_data: values.length,
    days_in_window: lookbackDays,
  };
}
