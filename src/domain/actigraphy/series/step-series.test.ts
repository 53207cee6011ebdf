import { describe, expect, it } from 'vitest';
import { alignWindow, minuteSeriesFromStepSamples } from './step-series.js';

const T0 = Date.parse('2024-03-04T00:00:00Z');
const min = (m: number) => T0 + m * 60_000;

describe('step samples → minute series', () => {
  it('spreads a sample uniformly over its minutes and keeps the total', () => {
    const series = minuteSeriesFromStepSamples(
      [{ start: min(10), end: min(14), value: 100, source: 'Watch', sourceClass: 'watch' }],
      alignWindow(T0, min(1440), 0),
    );
    expect(series.values.slice(9, 15)).toEqual([0, 25, 25, 25, 25, 0]);
    expect(series.gaps).toEqual([]);
  });

  it('takes the watch over the phone where they overlap (never the sum)', () => {
    const series = minuteSeriesFromStepSamples(
      [
        { start: min(0), end: min(10), value: 500, source: 'iPhone', sourceClass: 'phone' },
        { start: min(0), end: min(10), value: 400, source: 'Watch', sourceClass: 'watch' },
      ],
      alignWindow(T0, min(1440), 0),
    );
    expect(series.values.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(400, 9);
  });

  it('marks a local day without any sample as a gap', () => {
    const series = minuteSeriesFromStepSamples(
      [{ start: min(60), end: min(61), value: 10, source: 'Watch', sourceClass: 'watch' }],
      alignWindow(T0, min(3 * 1440), 60),
    );
    // Local days at +01:00 start at minute −60 (clipped to 0), 1380, 2820 and 4260: only the first has a sample.
    expect(series.gaps).toEqual([[1380, 4320 - 1380]]);
  });
});
