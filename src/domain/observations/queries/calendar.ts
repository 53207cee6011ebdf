/**
 * Dates and windows of the Twin health queries. A query date (`YYYY-MM-DD`) names a calendar day; how it maps onto
 * instants depends on the granularity and is stated where it is used:
 *  - daily rollups, sleep nights and activity days use the person's LOCAL date (each sample's own recorded offset);
 *  - hourly rollups and raw rows use the UTC day [date 00:00Z, date+1 00:00Z) (the person's zone is not stored).
 */
import { AppError } from '../../../platform/http/app-error.js';
import { DAY_MS } from '../store/index.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Date.UTC of a valid `YYYY-MM-DD` (the key daily rollups use), or null (2024-02-30 is not a date). */
export function dateKey(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

/** `YYYY-MM-DD` of a date key (or of the UTC date of an instant). */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** An instant as the Twin spec writes it: `2025-12-01T23:15:00Z` (milliseconds only when there are some). */
export const isoInstant = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Whole years of age on `date` for a birth date, or null when unknown or after `date`. */
export function ageOn(dateOfBirth: string | null, date: string): number | null {
  if (dateOfBirth === null) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (![by, bm, bd, y, m, d].every(Number.isFinite)) return null;
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

/** A query-parameter problem: the Twin surface answers 400 INVALID_REQUEST naming `field` in details.parameter. */
export function parameterError(field: string, message: string, code: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('validation', `${field} ${message}`, {
    fields: [{ field, message, code }],
    details: { location: 'querystring', ...details },
  });
}

/** Both ends included, as the caller gave them, with their date keys. */
export interface DateWindow {
  readonly startDate: string;
  readonly endDate: string;
  /** Date.UTC(startDate) */
  readonly fromKey: number;
  /** Date.UTC(endDate) + one day: exclusive */
  readonly toKey: number;
  readonly days: number;
}

/** A one-day window for a single date parameter (`date`), named in the error when invalid. */
export function dayWindow(date: string, field = 'date'): DateWindow {
  const key = dateKey(date);
  if (key === null)
    throw parameterError(field, 'must be a calendar date (YYYY-MM-DD)', 'format', { expected_format: 'ISO 8601 date (YYYY-MM-DD)' });
  return { startDate: date, endDate: date, fromKey: key, toKey: key + DAY_MS, days: 1 };
}

/**
 * Validates `start_date`/`end_date` (end included) and caps the span at `maxDays`, so every query reads a bounded
 * number of rows. Errors name the parameter.
 */
export function dateWindow(startDate: string, endDate: string, maxDays: number, what: string): DateWindow {
  const fromKey = dateKey(startDate);
  if (fromKey === null)
    throw parameterError('start_date', 'must be a calendar date (YYYY-MM-DD)', 'format', { expected_format: 'ISO 8601 date (YYYY-MM-DD)' });
  const endKey = dateKey(endDate);
  if (endKey === null)
    throw parameterError('end_date', 'must be a calendar date (YYYY-MM-DD)', 'format', { expected_format: 'ISO 8601 date (YYYY-MM-DD)' });
  if (endKey < fromKey) throw parameterError('end_date', 'must not be before start_date', 'before_start');
  const days = (endKey - fromKey) / DAY_MS + 1;
  if (days > maxDays) {
    throw parameterError(
      'end_date',
      `is ${days} days after start_date (both included); ${what} covers at most ${maxDays} days`,
      'range_too_long',
      {
        max_days: maxDays,
        requested_days: days,
      },
    );
  }
  return { startDate, endDate, fromKey, toKey: endKey + DAY_MS, days };
}
