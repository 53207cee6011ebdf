/**
 * Windows over `features.days`. "Recent" is the 7 complete local days before today (today is still in progress, so a
 * cumulative count such as steps would be short); the personal baseline is the median of the 28 days before that
 * (docs/health-data.md § baseline, the same function).
 */
import { personalBaseline, type Baseline } from '../../../observations/index.js';
import type { DayFeatures } from '../../twin-features.js';
import { addDays, dayNumber } from './calendar.js';

export const RECENT_DAYS = 7;
/** A recent mean needs a majority of the week, so two odd days cannot set it. */
export const MIN_RECENT_DAYS = 4;

export type NumericDayField = { [K in keyof DayFeatures]: DayFeatures[K] extends number | null ? K : never }[keyof DayFeatures];

export interface Window {
  readonly from: string;
  readonly to: string;
}

export const recentWindow = (today: string): Window => ({ from: addDays(today, -RECENT_DAYS), to: addDays(today, -1) });

/** The field's values on the dates in [from, to], oldest first (null days skipped). */
export function valuesIn(days: readonly DayFeatures[], field: NumericDayField, window: Window): number[] {
  const [lo, hi] = [dayNumber(window.from), dayNumber(window.to)];
  const values: number[] = [];
  for (const day of days) {
    const value = day[field];
    if (value === null) continue;
    const n = dayNumber(day.date);
    if (n >= lo && n <= hi) values.push(value);
  }
  return values;
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean of the recent window, or null with how many days had data. */
export function recentMean(
  days: readonly DayFeatures[],
  field: NumericDayField,
  today: string,
): { value: number; days: number } | { value: null; days: number } {
  const values = valuesIn(days, field, recentWindow(today));
  return values.length >= MIN_RECENT_DAYS ? { value: mean(values), days: values.length } : { value: null, days: values.length };
}

/** The personal baseline of a field for the recent window: the median of the 28 days before it (≥ 7 with data). */
export function baselineBefore(days: readonly DayFeatures[], field: NumericDayField, today: string): Baseline | null {
  const daily = days.flatMap((d) => {
    const value = d[field];
    return value === null ? [] : [{ date: d.date, value }];
  });
  const result = personalBaseline(daily, recentWindow(today).from);
  return result.value === null ? null : result;
}

/** Share of the dates in [from, to] with a value of the field. */
export function dayCoverage(days: readonly DayFeatures[], field: NumericDayField, window: Window): number {
  const span = dayNumber(window.to) - dayNumber(window.from) + 1;
  return valuesIn(days, field, window).length / span;
}
