/**
 * The one shape every actigraphy analysis reads: a contiguous minute-level series. Values are per 60 s epoch (ActiGraph
 * axis-1 counts, or steps); a minute nobody recorded is a gap, stored as 0 with its place in `gaps` so analyses can say
 * how much of what they saw was real. Plain JSON (no typed arrays) so it can ride in a job payload.
 */
export const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1440;

/** What the values count: analyses validated on ActiGraph counts are not validated on steps, and say so. */
export type SignalKind = 'actigraphy_counts' | 'step_counts';

export interface MinuteSeries {
  /** UTC instant (epoch ms) at which minute 0 starts; a whole minute */
  readonly startMs: number;
  /** the wearer's UTC offset, minutes east, used for clock times (L5 start, sleep midpoint, local days) */
  readonly utcOffsetMin: number;
  readonly signal: SignalKind;
  /** one value per minute, ≥ 0; 0 in gaps */
  readonly values: number[];
  /** runs of minutes with no data: [first minute index, length], sorted, disjoint */
  readonly gaps: [number, number][];
}

/** 1 where the minute has no data. */
export function gapMask(series: MinuteSeries): Uint8Array {
  const mask = new Uint8Array(series.values.length);
  for (const [start, length] of series.gaps) mask.fill(1, start, start + length);
  return mask;
}

/** Runs of set entries of a 0/1 mask, as [start, length]. */
export function runsOf(mask: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= mask.length; i++) {
    const on = i < mask.length && mask[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      runs.push([start, i - start]);
      start = -1;
    }
  }
  return runs;
}

/** Epoch ms of the local wall-clock time of minute `index` (UTC fields of the Date are the local ones). */
export const localMs = (series: MinuteSeries, index: number): number =>
  series.startMs + index * MINUTE_MS + series.utcOffsetMin * MINUTE_MS;

/** ISO local datetime (no zone) of minute `index`, as the nonparametric-circadian model takes it. */
export const localIso = (series: MinuteSeries, index: number): string => new Date(localMs(series, index)).toISOString().slice(0, 19);

/** ISO instant with the wearer's offset (`2024-05-01T23:12:00+02:00`), for reporting times people read. */
export function instantWithOffset(series: MinuteSeries, index: number): string {
  const offset = series.utcOffsetMin;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${localIso(series, index)}${zone}`;
}
