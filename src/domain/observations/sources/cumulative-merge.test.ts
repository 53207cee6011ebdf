import { describe, expect, it } from 'vitest';
import { mergeCumulative } from './cumulative-merge.js';
import { bucketTotals, mergedBucketTotals, totalOf } from './cumulative-totals.js';
import type { CumulativeSample } from './cumulative-merge.js';
import type { SourceClass } from './source-class.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 5, 10, 0); // 10:00 UTC
const at = (minutes: number) => T0 + minutes * MIN;

const sample = (source: string, sourceClass: SourceClass, from: number, to: number, value: number, id?: string): CumulativeSample => ({
  source,
  sourceClass,
  start: at(from),
  end: at(to),
  value,
  ...(id === undefined ? {} : { id }),
});
const watch = (from: number, to: number, value: number) => sample('Simon’s Apple Watch', 'watch', from, to, value);
const phone = (from: number, to: number, value: number) => sample('Simon’s iPhone', 'phone', from, to, value);
const ring = (from: number, to: number, value: number) => sample('Oura', 'ring', from, to, value);
const plain = (segments: ReturnType<typeof mergeCumulative>) =>
  segments.map(({ start, end, value, source }) => ({ from: (start - T0) / MIN, to: (end - T0) / MIN, value, source }));

describe('mergeCumulative: Apple Health source priority', () => {
  it('iPhone and Watch both count the same walk: the total is the Watch’s, not the sum', () => {
    // a 30-minute walk; each device writes its own sample boundaries
    const walk = [watch(0, 10, 1100), watch(10, 20, 1200), watch(20, 30, 1000), phone(0, 15, 1500), phone(15, 30, 1400)];
    const merged = mergeCumulative(walk);
    expect(totalOf(merged)).toBe(3300);
    expect(totalOf(merged)).not.toBe(3300 + 2900);
    expect(new Set(merged.map((s) => s.source))).toEqual(new Set(['Simon’s Apple Watch']));
  });

  it('partial overlap: the watch is off for 10 minutes, the phone fills only those 10 minutes, pro rata', () => {
    const merged = mergeCumulative([watch(0, 10, 1000), watch(20, 40, 2000), phone(0, 40, 4000)]);
    expect(plain(merged)).toEqual([
      { from: 0, to: 10, value: 1000, source: 'Simon’s Apple Watch' },
      { from: 10, to: 20, value: 1000, source: 'Simon’s iPhone' }, // 4000 × 10/40
      { from: 20, to: 40, value: 2000, source: 'Simon’s Apple Watch' },
    ]);
    expect(totalOf(merged)).toBe(4000);
  });

  it('three sources: watch > ring > phone, each lower one filling only what the higher leave', () => {
    const merged = mergeCumulative([
      phone(0, 60, 6000), // 100/min
      ring(10, 50, 2000), // 50/min
      watch(20, 30, 700), // 70/min
    ]);
    expect(plain(merged)).toEqual([
      { from: 0, to: 10, value: 1000, source: 'Simon’s iPhone' },
      { from: 10, to: 20, value: 500, source: 'Oura' },
      { from: 20, to: 30, value: 700, source: 'Simon’s Apple Watch' },
      { from: 30, to: 50, value: 1000, source: 'Oura' },
      { from: 50, to: 60, value: 1000, source: 'Simon’s iPhone' },
    ]);
    expect(totalOf(merged)).toBe(4200);
  });

  it('a higher-priority source that counted fewer steps still wins (so the total can be below a lower source’s)', () => {
    const merged = mergeCumulative([watch(0, 10, 1), phone(0, 10, 1000)]);
    expect(totalOf(merged)).toBe(1);
  });

  it('identical duplicates count once', () => {
    const s = watch(0, 10, 500);
    expect(plain(mergeCumulative([s, { ...s }, { ...s }]))).toEqual([{ from: 0, to: 10, value: 500, source: 'Simon’s Apple Watch' }]);
    // also when the copies carry different ids (the same sample uploaded and then imported)
    const a = { ...s, id: 'upload' };
    const b = { ...s, id: 'import' };
    expect(mergeCumulative([a, b])).toEqual(mergeCumulative([b, a]));
    expect(mergeCumulative([a, b])[0]!.sample.id).toBe('import');
  });

  it('source names are compared as source keys (typographic apostrophe, case)', () => {
    const merged = mergeCumulative([sample('Simon’s iPhone', 'phone', 0, 10, 100), sample("simon's IPHONE", 'phone', 0, 10, 100)]);
    expect(totalOf(merged)).toBe(100);
  });

  it('within one source, the finer sample wins over a coarse one it overlaps', () => {
    // an app writing an hourly total and a 10-minute sample inside it
    const merged = mergeCumulative([sample('App', 'app', 0, 60, 600), sample('App', 'app', 5, 15, 300)]);
    expect(plain(merged)).toEqual([
      { from: 0, to: 5, value: 50, source: 'App' },
      { from: 5, to: 15, value: 300, source: 'App' },
      { from: 15, to: 60, value: 450, source: 'App' },
    ]);
  });

  it('two sources of the same class and rank are ordered by source key, whatever the input order', () => {
    const a = sample('A Watch', 'watch', 0, 10, 100);
    const b = sample('B Watch', 'watch', 0, 10, 200);
    expect(totalOf(mergeCumulative([a, b]))).toBe(100);
    expect(totalOf(mergeCumulative([b, a]))).toBe(100);
  });

  it('keeps gaps as gaps and returns nothing for nothing', () => {
    expect(mergeCumulative([])).toEqual([]);
    expect(plain(mergeCumulative([watch(0, 10, 10), phone(20, 30, 20)]))).toEqual([
      { from: 0, to: 10, value: 10, source: 'Simon’s Apple Watch' },
      { from: 20, to: 30, value: 20, source: 'Simon’s iPhone' },
    ]);
  });

  it('rejects negative, non-finite and reversed samples', () => {
    expect(() => mergeCumulative([watch(0, 10, -1)])).toThrow(/sample 0: value/);
    expect(() => mergeCumulative([watch(0, 10, 1), watch(10, 5, 1)])).toThrow(/sample 1: end is before start/);
    expect(() => mergeCumulative([{ ...watch(0, 10, 1), start: Number.NaN }])).toThrow(RangeError);
  });
});

describe('mergeCumulative: per-user priority', () => {
  const walk = [watch(0, 30, 3000), phone(0, 30, 2900)];

  it('putting phones first flips the winner', () => {
    expect(totalOf(mergeCumulative(walk))).toBe(3000);
    expect(totalOf(mergeCumulative(walk, { priority: ['phone'] }))).toBe(2900);
    expect(mergeCumulative(walk, { priority: ['phone', 'watch'] })[0]!.source).toBe('Simon’s iPhone');
  });

  it('a specific source can be put first by name', () => {
    const merged = mergeCumulative([...walk, ring(0, 30, 2500)], { priority: [{ source: 'Oura' }] });
    expect(totalOf(merged)).toBe(2500);
    expect(merged.map((s) => s.source)).toEqual(['Oura']);
  });
});

describe('mergeCumulative: zero-length (instantaneous) samples', () => {
  const manualPoint = (minute: number, value: number) => sample('Health', 'manual', minute, minute, value);

  it('a point in a gap counts whole', () => {
    const merged = mergeCumulative([watch(0, 10, 100), manualPoint(15, 500)]);
    expect(plain(merged)).toEqual([
      { from: 0, to: 10, value: 100, source: 'Simon’s Apple Watch' },
      { from: 15, to: 15, value: 500, source: 'Health' },
    ]);
  });

  it('a point covered by a better (or the same) source is dropped; [start, end) so the end instant is not covered', () => {
    expect(totalOf(mergeCumulative([watch(0, 10, 100), manualPoint(0, 500)]))).toBe(100);
    expect(totalOf(mergeCumulative([watch(0, 10, 100), manualPoint(5, 500)]))).toBe(100);
    expect(totalOf(mergeCumulative([watch(0, 10, 100), manualPoint(10, 500)]))).toBe(600);
    expect(totalOf(mergeCumulative([watch(0, 10, 100), sample('Simon’s Apple Watch', 'watch', 5, 5, 7)]))).toBe(100);
  });

  it('a point from a better source inside a worse interval is kept whole, and the interval too (an instant has no length)', () => {
    const merged = mergeCumulative([phone(0, 10, 100), sample('Simon’s Apple Watch', 'watch', 5, 5, 7)]);
    expect(plain(merged)).toEqual([
      { from: 0, to: 10, value: 100, source: 'Simon’s iPhone' },
      { from: 5, to: 5, value: 7, source: 'Simon’s Apple Watch' },
    ]);
  });

  it('several points at one instant: only the best source’s', () => {
    const merged = mergeCumulative([manualPoint(3, 500), sample('Oura', 'ring', 3, 3, 40), manualPoint(3, 500)]);
    expect(plain(merged)).toEqual([{ from: 3, to: 3, value: 40, source: 'Oura' }]);
  });
});

describe('bucketTotals', () => {
  it('splits segments across hour boundaries pro rata and reports totals by source', () => {
    const merged = mergeCumulative([watch(50, 70, 2000), phone(40, 80, 4000)]);
    const hours = [at(0), at(60), at(120)];
    const buckets = bucketTotals(merged, hours);
    // 40-50 phone 1000, 50-60 watch 1000 | 60-70 watch 1000, 70-80 phone 1000
    expect(buckets).toEqual([
      { start: at(0), end: at(60), value: 2000, bySource: { 'Simon’s iPhone': 1000, 'Simon’s Apple Watch': 1000 } },
      { start: at(60), end: at(120), value: 2000, bySource: { 'Simon’s Apple Watch': 1000, 'Simon’s iPhone': 1000 } },
    ]);
    expect(mergedBucketTotals([watch(50, 70, 2000), phone(40, 80, 4000)], hours)).toEqual(buckets);
  });

  it('takes day boundaries as instants, so a 23-hour DST day is just two boundaries', () => {
    // Europe/Berlin, 31 March 2024: local midnight 23:00Z on the 30th → next local midnight 22:00Z on the 31st (23 h)
    const day = [Date.UTC(2024, 2, 30, 23), Date.UTC(2024, 2, 31, 22), Date.UTC(2024, 3, 1, 22)];
    const s: CumulativeSample = {
      source: 'W',
      sourceClass: 'watch',
      start: Date.UTC(2024, 2, 31, 21),
      end: Date.UTC(2024, 2, 31, 23),
      value: 200,
    };
    const [first, second] = bucketTotals(mergeCumulative([s]), day);
    expect(first!.value).toBe(100);
    expect(second!.value).toBe(100);
  });

  it('counts a point in the bucket with start ≤ t < end and ignores what lies outside the boundaries', () => {
    const points = mergeCumulative([sample('H', 'manual', 60, 60, 5), sample('H', 'manual', 120, 120, 9), watch(-30, 30, 60)]);
    const buckets = bucketTotals(points, [at(0), at(60), at(120)]);
    expect(buckets.map((b) => b.value)).toEqual([30, 5]);
  });

  it('validates boundaries', () => {
    expect(() => bucketTotals([], [at(60), at(0)])).toThrow(/strictly increasing/);
    expect(bucketTotals([], [at(0)])).toEqual([]);
  });
});
