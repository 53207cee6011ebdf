/** Synthetic minute series for the PAT endpoint tests: a regular sleeper, deterministic. */
import { mulberry32 } from '../fixtures/pat/random-pat-weights.js';

export const SERIES_START = '2024-03-04T00:00:00+01:00';
const START_MS = Date.parse(SERIES_START);

/** Counts per minute: asleep 23:00–07:00 local (mostly 0, a few twitches), awake 200–2000 counts with sedentary spells. */
export function sleeperCounts(days: number, seed = 1): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: days * 1440 }, (_, m) => {
    const minuteOfDay = m % 1440;
    const asleep = minuteOfDay >= 23 * 60 || minuteOfDay < 7 * 60;
    if (asleep) return random() < 0.03 ? Math.round(random() * 40) : 0;
    if (random() < 0.3) return Math.round(random() * 60); // sitting
    return Math.round(200 + random() * 1800);
  });
}

/** ISO timestamp with the +01:00 offset of minute `m` after SERIES_START. */
export function minuteStamp(m: number): string {
  const local = new Date(START_MS + m * 60_000 + 3_600_000).toISOString().slice(0, 19);
  return `${local}+01:00`;
}

export const dataPoints = (counts: readonly number[]) => counts.map((value, m) => ({ timestamp: minuteStamp(m), value }));
