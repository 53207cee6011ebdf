/**
 * Dates as Apple Health's export writes them: `2019-06-11 15:00:00 -0700` (local wall time, then the UTC offset).
 * Hand-rolled (no `new Date(string)`, whose parsing of this form is implementation-defined and slow): fixed positions,
 * every field range-checked, calendar arithmetic on integers. Also accepted: `T` instead of the space, no space
 * before the offset, `+HH:MM` offsets and `Z`, which other exporters produce.
 */
import { daysFromCivil, daysInMonth } from '../civil-date.js';

const MS_PER_DAY = 86_400_000;

/** Two ASCII digits at s[i], s[i+1] as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The calendar date `YYYY-MM-DD` at s[0..10) as days since the epoch, or NaN. */
function datePart(s: string): number {
  const hi = two(s, 0);
  const lo = two(s, 2);
  if (hi < 0 || lo < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = hi * 100 + lo;
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** Index where the offset starts (after `YYYY-MM-DD HH:MM:SS` and an optional space). */
function offsetStart(s: string): number {
  return s.charCodeAt(19) === 32 ? 20 : 19;
}

/** Offset minutes east of UTC at s[i..], or NaN: `±HHMM`, `±HH:MM` or `Z`, and nothing after it. */
function offsetAt(s: string, i: number): number {
  const sign = s.charCodeAt(i);
  if (sign === 90 /* Z */) return s.length === i + 1 ? 0 : Number.NaN;
  if (sign !== 43 && sign !== 45) return Number.NaN;
  const hours = two(s, i + 1);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const minutes = two(s, i + 3 + colon);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || s.length !== i + 5 + colon) return Number.NaN;
  const total = hours * 60 + minutes;
  return sign === 45 ? -total : total;
}

/** `2019-06-11 15:00:00 -0700` → epoch milliseconds (UTC), or NaN when it is not such a date. */
export function parseExportInstant(s: string): number {
  if (s.length < 20) return Number.NaN;
  const days = datePart(s);
  const sep = s.charCodeAt(10);
  if (Number.isNaN(days) || (sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const offset = offsetAt(s, offsetStart(s));
  if (Number.isNaN(offset)) return Number.NaN;
  return days * MS_PER_DAY + ((hour * 60 + minute - offset) * 60 + second) * 1000;
}

/** The UTC offset in minutes east of a date parseExportInstant accepts, or null. */
export function parseExportOffsetMinutes(s: string): number | null {
  if (s.length < 20) return null;
  const offset = offsetAt(s, offsetStart(s));
  return Number.isNaN(offset) ? null : offset;
}

/** A calendar date `YYYY-MM-DD` (ActivitySummary `dateComponents`, date of birth), checked; else null. */
export function parseCalendarDate(s: string): string | null {
  return s.length === 10 && !Number.isNaN(datePart(s)) ? s : null;
}
