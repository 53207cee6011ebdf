/**
 * Local dates and clock times of the snapshot's zone. Pure: "now" is `features.as_of`, zones come from Intl (full ICU
 * in Node 20), never from the machine.
 */
import { isValidTimeZone, localInZone } from '../../../observations/index.js';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => dateOfDayNumber(dayNumber(date) + days);

/** An instant as local naive minutes (days since 1970 × 1440 + minute of day) in `zone`: the clock the body follows. */
export function localMinutes(instantMs: number, zone: string): number {
  const local = localInZone(instantMs, zone);
  return dayNumber(local.date) * 1440 + local.minuteOfDay;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local naive minutes → `YYYY-MM-DDTHH:MM` (the fatigue models' local datetime). */
export function formatLocalMinutes(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const ofDay = minutes - day * 1440;
  return `${dateOfDayNumber(day)}T${pad(Math.floor(ofDay / 60))}:${pad(ofDay % 60)}`;
}

export function parseInstantMs(instant: string, field: string): number {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`${field} is not an ISO 8601 instant: ${JSON.stringify(instant)}`);
  return ms;
}

/** The zone to cut days in: the snapshot's, or UTC (with a note) when Intl does not know it. */
export function resolveZone(zone: string): { zone: string; note: string | null } {
  if (isValidTimeZone(zone)) return { zone, note: null };
  return { zone: 'UTC', note: `time zone ${JSON.stringify(zone)} is unknown: local times were taken in UTC` };
}

export const localDateOf = (instantMs: number, zone: string): string => localInZone(instantMs, zone).date;
