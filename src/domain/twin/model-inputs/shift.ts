import type { Occupation } from '../twin-features.js';
import type { LocalClock } from './local-clock.js';

const DAY_MS = 86_400_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minutesOf = (text: string | null): number | null => {
  const match = text === null ? null : HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

export interface ShiftSpan {
  readonly startMs: number;
  readonly endMs: number;
  /** true when `nowMs` falls inside it (else it is the next shift) */
  readonly current: boolean;
}

/**
 * The shift the person is in at `nowMs`, or else their next one, from the usual shift times in `occupation` (local
 * clock `HH:MM`); null when they are not stated or malformed. An end at or before the start crosses midnight. Used by
 * the occupational twin (hours left in the shift) and fitness to work (validity ends with the shift).
 */
export function shiftAround(
  occupation: Pick<Occupation, 'shift_start_local' | 'shift_end_local'>,
  nowMs: number,
  clock: LocalClock,
): ShiftSpan | null {
  const start = minutesOf(occupation.shift_start_local);
  const end = minutesOf(occupation.shift_end_local);
  if (start === null || end === null) return null;
  const localNow = clock.toLocal(nowMs);
  const today = Math.floor(localNow / DAY_MS) * DAY_MS;
  const length = (end - start + (end <= start ? 1440 : 0)) * 60_000;
  const candidates = [-1, 0, 1].map((day) => today + day * DAY_MS + start * 60_000).map((s) => ({ start: s, end: s + length }));
  const current = candidates.find((c) => c.start <= localNow && localNow < c.end);
  const chosen = current ?? candidates.find((c) => c.start > localNow);
  return chosen === undefined
    ? null
    : { startMs: clock.toInstant(chosen.start), endMs: clock.toInstant(chosen.end), current: current !== undefined };
}

/** The end (instant, ms) of the shift in progress at `nowMs`, or else of the next one; null when not stated. */
export const shiftEndAfter = (occupation: Occupation, nowMs: number, clock: LocalClock): number | null =>
  shiftAround(occupation, nowMs, clock)?.endMs ?? null;
