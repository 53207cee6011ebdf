/**
 * Merging cumulative samples (steps, distance, energy, flights) from overlapping sources by source priority, the way
 * Apple Health computes its totals: never summed across sources.
 *
 * Model and rules:
 *  - A sample covers the half-open interval [start, end) (epoch ms) and its value is spread UNIFORMLY over that
 *    interval (constant rate value / (end − start)): HealthKit gives no finer distribution, and it is the assumption
 *    Apple's own statistics make when a sample straddles a bucket boundary.
 *  - On the union timeline (all starts and ends), each elementary interval takes the rate of ONE sample: the best
 *    covering one by (source rank under the priority, source key, source class) — so lower-priority sources only fill
 *    gaps left by higher ones — then, within one source, the finer (shorter) sample, then earlier start, earlier end,
 *    larger value, id. The order is total, so the result does not depend on input order.
 *  - Consecutive elementary intervals won by the same sample become one segment whose value is
 *    value × (segment length / sample length), computed once from the sample (a sample that wins its whole interval
 *    keeps its exact value, which makes the merge idempotent bit for bit).
 *  - Identical duplicates (same source, start, end, value) count once: one of them wins, the other contributes nothing.
 *  - Zero-length samples (start = end: instantaneous counts, e.g. an app that logs "500 steps" at an instant) have no
 *    rate, so they are point masses: at one instant only the best point (same order) is kept, and only if no
 *    positive-length sample of the same or a better source covers that instant (start ≤ t < end); then it is kept whole.
 *    A point cannot displace part of a lower-priority interval (an instant has no length), so that interval is kept too.
 *  - Values must be finite and ≥ 0 (cumulative quantities); end ≥ start. Anything else is a RangeError.
 *
 * Complexity: O(n log n) (sort + sweep with a binary heap of active samples).
 */
import { DEFAULT_SOURCE_PRIORITY, SOURCE_CLASSES, sourceKey, sourceRank } from './source-class.js';
import type { SourceClass, SourcePriority } from './source-class.js';

export interface CumulativeSample {
  /** UTC instants, epoch milliseconds; the sample covers [start, end). */
  readonly start: number;
  readonly end: number;
  /** Value in the type's canonical unit, ≥ 0. */
  readonly value: number;
  /** Source key (or name: it is normalised with sourceKey for comparisons). */
  readonly source: string;
  readonly sourceClass: SourceClass;
  /** Optional stable id (e.g. the dedup key), the last tie-break between otherwise identical samples. */
  readonly id?: string;
}

export interface MergedSegment<T extends CumulativeSample = CumulativeSample> {
  readonly start: number;
  readonly end: number;
  /** The part of the sample's value that falls in [start, end) (the whole value for a point). */
  readonly value: number;
  readonly source: string;
  readonly sourceClass: SourceClass;
  /** The sample the segment comes from. */
  readonly sample: T;
}

export interface MergeOptions {
  /** The person's source priority; default watch > ring > phone > app > manual. */
  readonly priority?: SourcePriority;
}

interface Prepared<T> {
  readonly sample: T;
  readonly key: string;
  readonly rank: number;
  readonly classIndex: number;
  readonly length: number;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Source order only: rank, then source key, then class. ≤ 0 means "a is the same source as b or better". */
function compareSource<T>(a: Prepared<T>, b: Prepared<T>): number {
  return a.rank - b.rank || compareStrings(a.key, b.key) || a.classIndex - b.classIndex;
}

function compareSamples<T extends CumulativeSample>(a: Prepared<T>, b: Prepared<T>): number {
  return (
    compareSource(a, b) ||
    a.length - b.length ||
    a.sample.start - b.sample.start ||
    a.sample.end - b.sample.end ||
    b.sample.value - a.sample.value ||
    compareStrings(a.sample.id ?? '', b.sample.id ?? '')
  );
}

function validate(sample: CumulativeSample, index: number): void {
  const { start, end, value } = sample;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`sample ${index}: start and end must be finite instants`);
  if (end < start) throw new RangeError(`sample ${index}: end is before start`);
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`sample ${index}: value must be a finite number ≥ 0`);
}

/** Merges overlapping cumulative samples into non-overlapping segments, sorted by (start, end). */
export function mergeCumulative<T extends CumulativeSample>(samples: readonly T[], options: MergeOptions = {}): MergedSegment<T>[] {
  const priority = options.priority ?? DEFAULT_SOURCE_PRIORITY;
  const rankCache = new Map<string, number>();
  const prepared: Prepared<T>[] = samples.map((sample, index) => {
    validate(sample, index);
    const key = sourceKey(sample.source);
    const cacheKey = `${sample.sourceClass}\u0000${key}`;
    let rank = rankCache.get(cacheKey);
    if (rank === undefined) {
      rank = sourceRank(priority, { source: key, sourceClass: sample.sourceClass });
      rankCache.set(cacheKey, rank);
    }
    return { sample, key, rank, classIndex: SOURCE_CLASSES.indexOf(sample.sourceClass), length: sample.end - sample.start };
  });

  const runs = sweepIntervals(prepared.filter((p) => p.length > 0));
  const points = choosePoints(
    prepared.filter((p) => p.length === 0),
    runs,
  );

  const segments: MergedSegment<T>[] = [];
  for (const run of runs) {
    const { sample, length } = run.winner;
    const runLength = run.end - run.start;
    const value = runLength === length ? sample.value : sample.value * (runLength / length);
    segments.push({ start: run.start, end: run.end, value, source: sample.source, sourceClass: sample.sourceClass, sample });
  }
  for (const point of points) {
    const { sample } = point;
    segments.push({
      start: sample.start,
      end: sample.end,
      value: sample.value,
      source: sample.source,
      sourceClass: sample.sourceClass,
      sample,
    });
  }
  return segments.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface Run<T> {
  readonly start: number;
  end: number;
  readonly winner: Prepared<T>;
}

function sweepIntervals<T extends CumulativeSample>(intervals: Prepared<T>[]): Run<T>[] {
  if (intervals.length === 0) return [];
  intervals.sort((a, b) => a.sample.start - b.sample.start);
  const bounds = uniqueSorted(intervals.flatMap((p) => [p.sample.start, p.sample.end]));
  const active = new BinaryHeap<Prepared<T>>(compareSamples);
  const runs: Run<T>[] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    while (next < intervals.length && intervals[next]!.sample.start <= from) active.push(intervals[next++]!);
    while (active.size > 0 && active.peek()!.sample.end <= from) active.pop();
    const winner = active.peek();
    if (winner === undefined) continue; // a gap: no source covers [from, to)
    const last = runs[runs.length - 1];
    if (last !== undefined && last.winner === winner && last.end === from) last.end = to;
    else runs.push({ start: from, end: to, winner });
  }
  return runs;
}

function choosePoints<T extends CumulativeSample>(points: Prepared<T>[], runs: readonly Run<T>[]): Prepared<T>[] {
  const best = new Map<number, Prepared<T>>();
  for (const point of points) {
    const current = best.get(point.sample.start);
    if (current === undefined || compareSamples(point, current) < 0) best.set(point.sample.start, point);
  }
  const kept: Prepared<T>[] = [];
  for (const [instant, point] of best) {
    const cover = coveringRun(runs, instant);
    if (cover !== undefined && compareSource(cover.winner, point) <= 0) continue;
    kept.push(point);
  }
  return kept;
}

/** The run with start ≤ t < end, if any (runs are sorted and disjoint). */
function coveringRun<T>(runs: readonly Run<T>[], instant: number): Run<T> | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = runs[mid]!;
    if (instant < run.start) hi = mid - 1;
    else if (instant >= run.end) lo = mid + 1;
    else return run;
  }
  return undefined;
}

function uniqueSorted(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const value of values) if (out.length === 0 || out[out.length - 1] !== value) out.push(value);
  return out;
}

class BinaryHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.compare(items[left]!, items[smallest]!) < 0) smallest = left;
        if (right < items.length && this.compare(items[right]!, items[smallest]!) < 0) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
