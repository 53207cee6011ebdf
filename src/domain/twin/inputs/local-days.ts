/** The local calendar days of a window in one zone: dates, their date keys and the instants they start and end. */
import { localInZone } from '../../observations/index.js';
import { offsetInZone } from './time-zone.js';

const DAY_MS = 86_400_000;

export interface LocalDay {
  /** YYYY-MM-DD */
  readonly date: string;
  /** Date.UTC(date): the key of daily rollups */
  readonly key: number;
  /** local midnight as an instant, and the next one (a DST day lasts 23 or 25 hours) */
  readonly startMs: number;
  readonly endMs: number;
}

/** The instant of local midnight at the start of `key`'s date in `zone` (two passes settle a DST change). */
function midnight(key: number, zone: string): number {
  let guess = key - offsetInZone(key, zone) * 60_000;
  guess = key - offsetInZone(guess, zone) * 60_000;
  return guess;
}

/** `count` local days ending with the local date of `asOfMs`, oldest first. */
export function localDaysEnding(asOfMs: number, zone: string, count: number): LocalDay[] {
  const lastKey = Date.parse(`${localInZone(asOfMs, zone).date}T00:00:00Z`);
  const keys = Array.from({ length: count + 1 }, (_, i) => lastKey - (count - 1 - i) * DAY_MS);
  const starts = keys.map((k) => midnight(k, zone));
  return keys.slice(0, count).map((key, i) => ({
    date: new Date(key).toISOString().slice(0, 10),
    key,
    startMs: starts[i]!,
    endMs: starts[i + 1]!,
  }));
}

/** The day an instant falls in (binary search over `days`, oldest first), or undefined outside them. */
export function dayOf(days: readonly LocalDay[], instantMs: number): LocalDay | undefined {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const day = days[mid]!;
    if (instantMs < day.startMs) hi = mid - 1;
    else if (instantMs >= day.endMs) lo = mid + 1;
    else return day;
  }
  return undefined;
}
