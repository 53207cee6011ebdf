/**
 * Totals of merged cumulative segments per interval (hour/day buckets given as UTC instants), for rollups.
 * Same uniform-rate assumption as cumulative-merge. Pure.
 */
import { mergeCumulative } from './cumulative-merge.js';
import type { CumulativeSample, MergedSegment, MergeOptions } from './cumulative-merge.js';

/** Sum of the merged values. */
export function totalOf(segments: readonly Pick<MergedSegment, 'value'>[]): number {
  let total = 0;
  for (const segment of segments) total += segment.value;
  return total;
}

export interface BucketTotal {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** The bucket's value by the source that supplied it. */
  readonly bySource: Readonly<Record<string, number>>;
}

/**
 * Totals per bucket [boundaries[i], boundaries[i+1]) — hours or local days, given as UTC instants by the caller (so a
 * 23- or 25-hour DST day is just two boundaries). A segment straddling a boundary is split pro rata (uniform rate); a
 * point counts in the bucket with start ≤ t < end. Parts outside [first, last boundary) are not counted.
 */
export function bucketTotals(
  segments: readonly Pick<MergedSegment, 'start' | 'end' | 'value' | 'source'>[],
  boundaries: readonly number[],
): BucketTotal[] {
  for (let i = 0; i < boundaries.length; i++) {
    if (!Number.isFinite(boundaries[i]!)) throw new RangeError(`boundary ${i} is not a finite instant`);
    if (i > 0 && boundaries[i]! <= boundaries[i - 1]!) throw new RangeError('boundaries must be strictly increasing');
  }
  const count = Math.max(0, boundaries.length - 1);
  const values = new Array<number>(count).fill(0);
  const bySource = Array.from({ length: count }, () => new Map<string, number>());
  const add = (bucket: number, source: string, value: number): void => {
    values[bucket] = values[bucket]! + value;
    const map = bySource[bucket]!;
    map.set(source, (map.get(source) ?? 0) + value);
  };
  if (count > 0) {
    for (const segment of segments) {
      const length = segment.end - segment.start;
      let bucket = Math.max(0, lastAtOrBefore(boundaries, segment.start));
      if (length === 0) {
        if (segment.start >= boundaries[0]! && segment.start < boundaries[count]!) add(bucket, segment.source, segment.value);
        continue;
      }
      for (; bucket < count && boundaries[bucket]! < segment.end; bucket++) {
        const overlap = Math.min(segment.end, boundaries[bucket + 1]!) - Math.max(segment.start, boundaries[bucket]!);
        if (overlap <= 0) continue;
        add(bucket, segment.source, overlap === length ? segment.value : segment.value * (overlap / length));
      }
    }
  }
  return values.map((value, i) => ({
    start: boundaries[i]!,
    end: boundaries[i + 1]!,
    value,
    bySource: Object.fromEntries(bySource[i]!),
  }));
}

/** Index of the last boundary ≤ t, or −1. */
function lastAtOrBefore(boundaries: readonly number[], instant: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid]! <= instant) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** mergeCumulative then bucketTotals: the per-hour/per-day totals a rollup stores. */
export function mergedBucketTotals(
  samples: readonly CumulativeSample[],
  boundaries: readonly number[],
  options: MergeOptions = {},
): BucketTotal[] {
  return bucketTotals(mergeCumulative(samples, options), boundaries);
}
