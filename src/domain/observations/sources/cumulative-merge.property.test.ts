import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCumulative } from './cumulative-merge.js';
import { bucketTotals, totalOf } from './cumulative-totals.js';
import type { CumulativeSample, MergedSegment } from './cumulative-merge.js';
import { SOURCE_CLASSES, sourceRank } from './source-class.js';
import type { PriorityEntry, SourceClass, SourcePriority } from './source-class.js';

const SOURCES: readonly { source: string; sourceClass: SourceClass }[] = [
  { source: 'Watch', sourceClass: 'watch' },
  { source: 'Second Watch', sourceClass: 'watch' },
  { source: 'Oura', sourceClass: 'ring' },
  { source: 'iPhone', sourceClass: 'phone' },
  { source: 'Strava', sourceClass: 'app' },
  { source: 'Health', sourceClass: 'manual' },
];

/** One source's samples, as real sources write them: in sequence, never overlapping each other (points included). */
const stream = (index: number) =>
  fc
    .array(
      fc.record({
        gap: fc.integer({ min: 0, max: 20 }),
        length: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) }),
        value: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 500, noNaN: true })),
      }),
      { maxLength: 12 },
    )
    .map((items) => {
      const { source, sourceClass } = SOURCES[index]!;
      const samples: CumulativeSample[] = [];
      let cursor = index * 3; // sources do not all start together
      let previousWasPoint = false;
      items.forEach(({ gap, length, value }, i) => {
        const start = cursor + (previousWasPoint ? Math.max(gap, 1) : gap);
        samples.push({ source, sourceClass, start, end: start + length, value, id: `${source}#${i}` });
        cursor = start + length;
        previousWasPoint = length === 0;
      });
      return samples;
    });

const multiSource = fc
  .uniqueArray(fc.integer({ min: 0, max: SOURCES.length - 1 }), { minLength: 1, maxLength: SOURCES.length })
  .chain((indices) => fc.tuple(...indices.map(stream)))
  .map((streams) => streams.flat());

const priorityArb: fc.Arbitrary<SourcePriority> = fc.oneof(
  fc.constant(SOURCE_CLASSES),
  fc.shuffledSubarray<PriorityEntry>([...SOURCE_CLASSES, ...SOURCES.map((s) => ({ source: s.source }))]),
);

const sum = (values: readonly { value: number }[]) => values.reduce((acc, s) => acc + s.value, 0);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const plain = (segments: readonly MergedSegment[]) =>
  segments.map(({ start, end, value, source, sample }) => ({ start, end, value, source, id: sample.id }));

/** The best source present under a priority, by the merge's own order (rank, then source key). */
function topSource(samples: readonly CumulativeSample[], priority: SourcePriority): string {
  const sources = [...new Map(samples.map((s) => [s.source, s])).values()];
  sources.sort((a, b) => sourceRank(priority, a) - sourceRank(priority, b) || (a.source.toLowerCase() < b.source.toLowerCase() ? -1 : 1));
  return sources[0]!.source;
}

describe('mergeCumulative properties', () => {
  it('max(top source total) ≤ merged total ≤ sum of all sources', () => {
    fc.assert(
      fc.property(multiSource, priorityArb, (samples, priority) => {
        const total = totalOf(mergeCumulative(samples, { priority }));
        expect(total).toBeLessThanOrEqual(sum(samples) * (1 + 1e-12) + 1e-9);
        if (samples.length > 0) {
          const top = topSource(samples, priority);
          expect(total).toBeGreaterThanOrEqual(sum(samples.filter((s) => s.source === top)) * (1 - 1e-12) - 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals the top source’s total when it covers the whole timeline', () => {
    const covered = multiSource.chain((others) => {
      const horizon = Math.max(0, ...others.map((s) => s.end)) + 1;
      return fc
        .uniqueArray(fc.integer({ min: 1, max: Math.max(1, horizon - 1) }), { maxLength: 8 })
        .chain((cuts) => {
          const edges = [0, ...cuts.filter((c) => c < horizon).sort((a, b) => a - b), horizon];
          return fc.tuple(...edges.slice(1).map(() => fc.integer({ min: 0, max: 3000 }))).map((values) =>
            values.map<CumulativeSample>((value, i) => ({
              source: 'Top',
              sourceClass: 'watch',
              start: edges[i]!,
              end: edges[i + 1]!,
              value,
              id: `top#${i}`,
            })),
          );
        })
        .map((top) => ({ top, others }));
    });
    fc.assert(
      fc.property(covered, ({ top, others }) => {
        const merged = mergeCumulative([...others, ...top], { priority: [{ source: 'Top' }] });
        expect(totalOf(merged)).toBe(sum(top));
        expect(merged.every((s) => s.source === 'Top')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        multiSource.chain((samples) => fc.tuple(fc.constant(samples), fc.shuffledSubarray(samples, { minLength: samples.length }))),
        priorityArb,
        ([samples, shuffled], priority) => {
          expect(plain(mergeCumulative(shuffled, { priority }))).toEqual(plain(mergeCumulative(samples, { priority })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is idempotent: merging the merged output again changes nothing', () => {
    fc.assert(
      fc.property(multiSource, priorityArb, (samples, priority) => {
        const once = mergeCumulative(samples, { priority });
        const asSamples = once.map<CumulativeSample>((s) => ({
          start: s.start,
          end: s.end,
          value: s.value,
          source: s.source,
          sourceClass: s.sourceClass,
          id: s.sample.id!,
        }));
        expect(plain(mergeCumulative(asSamples, { priority }))).toEqual(plain(once));
      }),
      { numRuns: 300 },
    );
  });

  it('with one source, the merge is that source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SOURCES.length - 1 }).chain(stream), (samples) => {
        const expected = [...samples]
          .sort((a, b) => a.start - b.start || a.end - b.end)
          .map(({ start, end, value, source, id }) => ({ start, end, value, source, id }));
        expect(plain(mergeCumulative(samples))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('returns disjoint sorted segments, each inside its sample and worth at most the sample', () => {
    fc.assert(
      fc.property(multiSource, (samples) => {
        const merged = mergeCumulative(samples);
        merged.forEach((segment, i) => {
          expect(segment.start).toBeGreaterThanOrEqual(segment.sample.start);
          expect(segment.end).toBeLessThanOrEqual(segment.sample.end);
          expect(segment.value).toBeLessThanOrEqual(segment.sample.value);
          const next = merged[i + 1];
          if (next !== undefined && segment.end > segment.start && next.end > next.start)
            expect(next.start).toBeGreaterThanOrEqual(segment.end);
          if (next !== undefined) expect(next.start).toBeGreaterThanOrEqual(segment.start);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('bucket totals over boundaries spanning everything add up to the merged total', () => {
    fc.assert(
      fc.property(multiSource, fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { maxLength: 10 }), (samples, cuts) => {
        const merged = mergeCumulative(samples);
        const last = Math.max(0, ...samples.map((s) => s.end)) + 1;
        const boundaries = [...new Set([0, ...cuts.filter((c) => c < last), last])].sort((a, b) => a - b);
        const buckets = bucketTotals(merged, boundaries);
        expect(close(sum(buckets), totalOf(merged))).toBe(true);
        for (const bucket of buckets)
          expect(close(sum(Object.values(bucket.bySource).map((value) => ({ value }))), bucket.value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
