import { describe, expect, it } from 'vitest';
import { addDays, dayNumber } from './local-date.js';
import { piecewiseLinear } from './piecewise-linear.js';

describe('piecewiseLinear', () => {
  const anchors = [
    [0, 0],
    [6, 50],
    [7, 100],
    [9, 100],
    [10, 50],
  ] as const;
  it('hits the anchors and interpolates linearly between them', () => {
    expect(piecewiseLinear(6, anchors)).toBe(50);
    expect(piecewiseLinear(6.5, anchors)).toBe(75);
    expect(piecewiseLinear(3, anchors)).toBe(25);
    expect(piecewiseLinear(8, anchors)).toBe(100);
    expect(piecewiseLinear(9.5, anchors)).toBe(75);
  });
  it('holds the end values outside the anchors (no extrapolation)', () => {
    expect(piecewiseLinear(-1, anchors)).toBe(0);
    expect(piecewiseLinear(14, anchors)).toBe(50);
  });
  it('refuses unsorted or empty anchors', () => {
    expect(() => piecewiseLinear(1, [])).toThrow(RangeError);
    expect(() =>
      piecewiseLinear(1, [
        [2, 0],
        [1, 1],
      ]),
    ).toThrow(RangeError);
  });
});

describe('local dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-01', -28)).toBe('2025-11-03');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
  it('refuses what is not a calendar date', () => {
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError);
    expect(() => dayNumber('2025-2-3')).toThrow(RangeError);
    expect(() => dayNumber('2025-12-01T00:00:00Z')).toThrow(RangeError);
  });
});
