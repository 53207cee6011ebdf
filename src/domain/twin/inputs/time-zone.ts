/**
 * The zone a snapshot's days are cut in: the latest one the data carries, else UTC. An IANA zone (HealthKit's
 * HKTimeZone) is preferred, since it knows DST; when a newer sample's recorded offset contradicts it (the person has
 * travelled) or no sample names a zone, the newest offset as a fixed zone (`Etc/GMT-1` is UTC+01:00: IANA's Etc signs
 * are inverted). Offsets that are not whole hours have no Etc zone and fall back to UTC.
 */
import { isValidTimeZone, localInZone, type StoredObservation } from '../../observations/index.js';

type Dating = Pick<StoredObservation, 'start_ms' | 'time_zone' | 'utc_offset_min'>;

/** Minutes east of UTC that `zone` has at `instantMs`. */
export function offsetInZone(instantMs: number, zone: string): number {
  const local = localInZone(instantMs, zone);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const localMs = Date.UTC(y, m - 1, d) + local.minuteOfDay * 60_000;
  return Math.round((localMs - Math.floor(instantMs / 60_000) * 60_000) / 60_000);
}

/** `Etc/GMT-1` for +60; `UTC` for 0 or an offset that is not whole hours. */
export function zoneForOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0 || offsetMinutes % 60 !== 0) return 'UTC';
  const hours = offsetMinutes / 60;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

export function latestZone(rows: Iterable<Dating>): string {
  let named: Dating | null = null;
  let offset: Dating | null = null;
  for (const r of rows) {
    if (r.time_zone !== null && (named === null || r.start_ms > named.start_ms) && isValidTimeZone(r.time_zone)) named = r;
    if (r.utc_offset_min !== null && (offset === null || r.start_ms > offset.start_ms)) offset = r;
  }
  if (named !== null) {
    const contradicted =
      offset !== null && offset.start_ms > named.start_ms && offsetInZone(offset.start_ms, named.time_zone!) !== offset.utc_offset_min;
    if (!contradicted) return named.time_zone!;
  }
  return offset === null ? 'UTC' : zoneForOffset(offset.utc_offset_min!);
}
