/**
 * Which rollup buckets a set of written or deleted samples touched, as contiguous ranges per type, so each range is
 * recomputed from the stored rows with one query. Pure.
 *
 * Buckets: `hour` = the UTC hour (epoch ms of its start); `day` = the sample's local date at its own recorded offset
 * (or UTC when none is known), keyed as Date.UTC(date). A cumulative sample counts toward every hour and local day
 * it overlaps (pro rata, in rollup-compute.ts); a discrete one toward the hour and day it starts in.
 */
import { byId } from '../catalogue/index.js';
import { DAY_MS, HOUR_MS, type RollupPeriod } from './observation-tx.js';

export type RollupKind = 'discrete' | 'cumulative' | 'components';

/** How a type is rolled up; null for types without rollups (sleep stages, workouts, events: read from raw rows). */
export function rollupKindOf(type: string): RollupKind | null {
  const entry = byId(type);
  if (!entry) return null;
  if (entry.kind === 'correlation') return 'components';
  if (entry.kind !== 'quantity') return null;
  return entry.aggregation;
}

export interface TouchedSample {
  readonly type: string;
  readonly start_ms: number;
  readonly end_ms: number;
  readonly utc_offset_min: number | null;
}

export interface BucketRange {
  readonly type: string;
  readonly kind: RollupKind;
  readonly period: RollupPeriod;
  /** [from, to) in bucket keys (epoch ms of the hour; Date.UTC of the date). */
  readonly from: number;
  readonly to: number;
}

/** Ranges closer than this many buckets are recomputed together: one slightly longer query beats two. */
const JOIN_GAP = { hour: 24, day: 7 } as const;

export function localDayKey(instantMs: number, offsetMinutes: number | null): number {
  const local = instantMs + (offsetMinutes ?? 0) * 60_000;
  return Math.floor(local / DAY_MS) * DAY_MS;
}

export function planRollups(samples: Iterable<TouchedSample>): BucketRange[] {
  const buckets = new Map<string, { type: string; kind: RollupKind; period: RollupPeriod; keys: Set<number> }>();
  const add = (type: string, kind: RollupKind, period: RollupPeriod, key: number): void => {
    const id = `${period}|${type}`;
    let entry = buckets.get(id);
    if (!entry) buckets.set(id, (entry = { type, kind, period, keys: new Set() }));
    entry.keys.add(key);
  };
  for (const sample of samples) {
    const kind = rollupKindOf(sample.type);
    if (kind === null) continue;
    const firstHour = Math.floor(sample.start_ms / HOUR_MS) * HOUR_MS;
    const firstDay = localDayKey(sample.start_ms, sample.utc_offset_min);
    if (kind === 'cumulative' && sample.end_ms > sample.start_ms) {
      for (let hour = firstHour; hour < sample.end_ms; hour += HOUR_MS) add(sample.type, kind, 'hour', hour);
      const lastDay = localDayKey(sample.end_ms - 1, sample.utc_offset_min);
      for (let day = firstDay; day <= lastDay; day += DAY_MS) add(sample.type, kind, 'day', day);
    } else {
      add(sample.type, kind, 'hour', firstHour);
      add(sample.type, kind, 'day', firstDay);
    }
  }
  const ranges: BucketRange[] = [];
  for (const { type, kind, period, keys } of buckets.values()) {
    const size = period === 'hour' ? HOUR_MS : DAY_MS;
    const sorted = [...keys].sort((a, b) => a - b);
    let from = sorted[0]!;
    let last = from;
    for (const key of sorted.slice(1)) {
      if (key - last > JOIN_GAP[period] * size) {
        ranges.push({ type, kind, period, from, to: last + size });
        from = key;
      }
      last = key;
    }
    ranges.push({ type, kind, period, from, to: last + size });
  }
  return ranges;
}
