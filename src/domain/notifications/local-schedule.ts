/**
 * When "08:00 in Europe/Berlin" next happens, as an instant. Pure (the caller passes now). Around DST changes a local
 * time can be missing (spring forward: 02:30 does not exist) or happen twice (fall back: 02:30 happens at +02:00 and
 * again at +01:00). A missing time runs at the same wall-clock distance past the gap (02:30 → 03:30), as cron-like
 * schedulers commonly do; a repeated time runs once, at its first occurrence.
 */
import { localInZone } from '../observations/index.js';
import { WEEKDAYS, type Weekday } from './preferences.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Minutes east of UTC that `zone` has at `instantMs`. */
function offsetAt(instantMs: number, zone: string): number {
  const local = localInZone(instantMs, zone);
  return Math.round(
    (Date.parse(`${local.date}T00:00:00Z`) + local.minuteOfDay * MINUTE_MS - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS,
  );
}

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday (ISO 8601)
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** The instant local `date` at `minuteOfDay` in `zone` names (see the module comment for gaps and repeats). */
export function localToInstant(date: string, minuteOfDay: number, zone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // The zone's offsets a day either side: a transition near this time is between them.
  const before = offsetAt(asUtc - DAY_MS, zone);
  const after = offsetAt(asUtc + DAY_MS, zone);
  const matches = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((t) => {
      const local = localInZone(t, zone);
      return local.date === date && local.minuteOfDay === minuteOfDay;
    });
  if (matches.length > 0) return Math.min(...matches);
  return asUtc - before * MINUTE_MS;
}

/** The first instant after `nowMs` when the local clock in `zone` reads `hhmm`. */
export function nextDailyAt(nowMs: number, zone: string, hhmm: string): number {
  const today = localInZone(nowMs, zone).date;
  for (let i = 0; ; i++) {
    const at = localToInstant(addDays(today, i), minutesOf(hhmm), zone);
    if (at > nowMs) return at;
  }
}

/** The first instant after `nowMs` that is `day` at `hhmm` local time in `zone`. */
export function nextWeeklyAt(nowMs: number, zone: string, day: Weekday, hhmm: string): number {
  const today = localInZone(nowMs, zone).date;
  for (let i = 0; ; i++) {
    const date = addDays(today, i);
    if (weekdayOf(date) !== day) continue;
    const at = localToInstant(date, minutesOf(hhmm), zone);
    if (at > nowMs) return at;
  }
}

/** The local date an instant falls on in `zone`: the occasion a scheduled run is for. */
export const localDateOf = (instantMs: number, zone: string): string => localInZone(instantMs, zone).date;
