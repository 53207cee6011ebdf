// Expected values computed by hand from the definition: median of the daily means of the 28 dates before the window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './local-date.js';
import { median, personalBaseline, type DailyMean } from './baseline.js';

const days = (start: string, values: readonly number[]): DailyMean[] => values.map((value, i) => ({ date: addDays(start, i), value }));

describe('personalBaseline', () => {
  it('uses the 28 days before the window: 2025-11-03 … 2025-11-30 for a window starting 2025-12-01', () => {
    const r = personalBaseline(days('2025-11-03', [60, 61, 62, 63, 64, 65, 66]), '2025-12-01');
    expect(r).toEqual({
      value: 63,
      method: 'median_of_daily_means',
      window: { from: '2025-11-03', to: '2025-11-30' },
      days_with_data: 7,
      days_in_window: 28,
    });
  });

  it('is robust to an outlier day (a fever day of 110 bpm does not move it)', () => {
    const r = personalBaseline(days('2025-11-20', [60, 61, 62, 63, 64, 65, 110]), '2025-12-01');
    expect(r.value).toBe(63);
  });

  it('an even number of days gives the mean of the two middle values', () => {
    const r = personalBaseline(days('2025-11-20', [58, 60, 61, 62, 64, 65, 66, 70]), '2025-12-01');
    expect(r.value).toBe(63);
  });

  it('ignores the window itself and anything older than 28 days', () => {
    const input = [
      ...days('2025-11-24', [60, 60, 60, 60, 60, 60, 60]),
      { date: '2025-12-01', value: 90 },
      { date: '2025-11-02', value: 90 },
    ];
    const r = personalBaseline(input, '2025-12-01');
    expect(r.value).toBe(60);
    expect(r.value !== null && r.days_with_data).toBe(7);
  });

  it('fewer than 7 days with data: null, with the reason', () => {
    const r = personalBaseline(days('2025-11-03', [60, 61, 62, 63, 64, 65]), '2025-12-01');
    expect(r).toEqual({
      value: null,
      reason: 'too_few_days',
      message: '6 of the 28 days 2025-11-03 … 2025-11-30 have data; at least 7 are needed',
    });
  });

  it('refuses two means for one date, and non-finite values', () => {
    expect(() =>
      personalBaseline(
        [
          { date: '2025-11-10', value: 60 },
          { date: '2025-11-10', value: 61 },
        ],
        '2025-12-01',
      ),
    ).toThrow(RangeError);
    expect(() => personalBaseline([{ date: '2025-11-10', value: Number.NaN }], '2025-12-01')).toThrow(RangeError);
  });

  it('properties: lies within the included values and does not depend on their order', () => {
    const arb = fc
      .array(fc.double({ min: 30, max: 200, noNaN: true }), { minLength: 7, maxLength: 28 })
      .map((values) => days('2025-11-03', values))
      .chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray(input, { minLength: input.length, maxLength: input.length })));
    fc.assert(
      fc.property(arb, ([input, shuffled]) => {
        const values = input.map((d) => d.value);
        const r = personalBaseline(input, '2025-12-01');
        expect(r.value).not.toBeNull();
        expect(r.value!).toBeGreaterThanOrEqual(Math.min(...values));
        expect(r.value!).toBeLessThanOrEqual(Math.max(...values));
        expect(personalBaseline(shuffled, '2025-12-01')).toEqual(r);
      }),
    );
  });

  it('median of no values throws', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
