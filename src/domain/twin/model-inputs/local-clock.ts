/**
 * Local clock time for the fatigue models and shift times. The person's zone offset is taken at `as_of` and held
 * for the whole run: durations stay exact (a DST jump would otherwise make a night an hour longer or shorter), and
 * the circadian phase is right for the hours being predicted. Nights before a DST change are then an hour off on
 * the clock, which the circadian terms barely notice a few days later.
 */

const MINUTE_MS = 60_000;

/** Minutes to add to UTC to get local clock time in `timeZone` at `instantMs`; null for a zone Intl does not know. */
export function zoneOffsetMinutes(instantMs: number, timeZone: string): number | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instantMs));
  } catch {
    return null;
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const localAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((localAsUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS);
}

/** A fixed-offset clock: instants ↔ "naive local" milliseconds (local clock time written as if it were UTC). */
export interface LocalClock {
  readonly offsetMinutes: number;
  toLocal(instantMs: number): number;
  toInstant(localMs: number): number;
  /** `YYYY-MM-DDTHH:MM` of a naive local time, the fatigue models' datetime format */
  format(localMs: number): string;
}

export function fixedOffsetClock(offsetMinutes: number): LocalClock {
  const shift = offsetMinutes * MINUTE_MS;
  return {
    offsetMinutes,
    toLocal: (instantMs) => instantMs + shift,
    toInstant: (localMs) => localMs - shift,
    format: (localMs) => new Date(localMs).toISOString().slice(0, 16),
  };
}

/** Naive local milliseconds of a model's `YYYY-MM-DDTHH:MM[:SS]` output. */
export const parseLocal = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);
