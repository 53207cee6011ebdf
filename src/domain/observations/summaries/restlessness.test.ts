// Expected levels are hand computations from Ohayon 2017 thresholds (adults: WASO ≤ 20 good, ≥ 41 poor; awakenings > 5 min
// ≤ 1 good, ≥ 4 poor; 65+: WASO ≤ 30 / ≥ 51, awakenings ≤ 2 / ≥ 4) per hour over an 8 h (65+: 7.5 h) reference night.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNSTAGED, night } from './sleep.test-helpers.js';
import { longAwakeningsUpperBound, restlessness, type RestlessnessLevel } from './restlessness.js';

const level = (...args: Parameters<typeof restlessness>) => {
  const r = restlessness(...args);
  if (r.value === null) throw new Error(`expected a level, got ${r.reason}`);
  return r;
};
const ORDER: Record<RestlessnessLevel, number> = { low: 0, medium: 1, high: 2 };

describe('restlessness: worked examples', () => {
  it('adult thresholds per hour: low below 1.5/8 = 0.1875, high from 3.5/8 = 0.4375', () => {
    expect(level(night(), 40).thresholds).toEqual({
      waso_low_max: 20,
      waso_high_min: 41,
      awakenings_low_below: 0.1875,
      awakenings_high_from: 0.4375,
    });
  });

  it('7 h, WASO 10, 4 awakenings of any length: at most 1 can exceed 5 min (⌈10/5⌉ − 1) → 1/7 h = 0.143 → low', () => {
    const r = level(night({ total_sleep_minutes: 420, awake_after_sleep_onset_minutes: 10, awakenings: 4 }), 40);
    expect(r.awakenings_basis).toBe('upper_bound');
    expect(r.long_awakenings_per_hour).toBeCloseTo(1 / 7, 12);
    expect(r.value).toBe('low');
  });

  it('7 h, WASO 18, 6 awakenings: up to 3 could exceed 5 min → 0.43/h → medium (cannot prove low, cannot claim high)', () => {
    expect(level(night({ total_sleep_minutes: 420, awake_after_sleep_onset_minutes: 18, awakenings: 6 }), 40).value).toBe('medium');
  });

  it('WASO at the poor threshold (41 min adult) → high whatever the awakenings', () => {
    expect(level(night({ awake_after_sleep_onset_minutes: 41, awakenings: 1 }), 40).value).toBe('high');
    expect(level(night({ awake_after_sleep_onset_minutes: 40, awakenings: 1 }), 40).value).toBe('medium');
  });

  it('known awakenings > 5 min: 4 in 8 h (0.5/h) → high; 1 in 8 h → low; 2 in 8 h → medium', () => {
    expect(level(night({ long_awakenings: 4, awake_after_sleep_onset_minutes: 30 }), 40).value).toBe('high');
    expect(level(night({ long_awakenings: 1, awake_after_sleep_onset_minutes: 20 }), 40).value).toBe('low');
    expect(level(night({ long_awakenings: 2, awake_after_sleep_onset_minutes: 20 }), 40).value).toBe('medium');
  });

  it('65+: 7.5 h reference; WASO 30 with 2 awakenings > 5 min in 7.5 h → low; WASO 51 → high', () => {
    const r = level(night({ total_sleep_minutes: 450, awake_after_sleep_onset_minutes: 30, long_awakenings: 2 }), 70);
    expect(r.thresholds.awakenings_low_below).toBeCloseTo(2.5 / 7.5, 12);
    expect(r.value).toBe('low');
    expect(level(night({ total_sleep_minutes: 450, awake_after_sleep_onset_minutes: 51, long_awakenings: 2 }), 70).value).toBe('high');
  });

  it('upper bound of awakenings > 5 min', () => {
    expect([
      longAwakeningsUpperBound(9, 0),
      longAwakeningsUpperBound(9, 5),
      longAwakeningsUpperBound(9, 6),
      longAwakeningsUpperBound(2, 60),
    ]).toEqual([0, 0, 1, 2]);
  });
});

describe('restlessness: insufficient inputs', () => {
  it('wake not recorded, nap, no sleep, under 18 → null with the reason', () => {
    expect(restlessness(night({ stages: UNSTAGED, awake_after_sleep_onset_minutes: 0, awakenings: 0 }), 40)).toMatchObject({
      value: null,
      reason: 'wake_not_measured',
    });
    expect(restlessness(night({ nap: true }), 40)).toMatchObject({ value: null, reason: 'nap' });
    expect(restlessness(night({ total_sleep_minutes: 0 }), 40)).toMatchObject({ value: null, reason: 'no_sleep' });
    expect(restlessness(night(), 15)).toMatchObject({ value: null, reason: 'age_not_supported' });
  });
});

describe('restlessness: properties', () => {
  const arb = fc.record({
    total_sleep_minutes: fc.integer({ min: 30, max: 720 }),
    awake_after_sleep_onset_minutes: fc.integer({ min: 0, max: 120 }),
    awakenings: fc.integer({ min: 0, max: 30 }),
    long_awakenings: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  });
  it('more WASO or more awakenings never lowers the level', () => {
    fc.assert(
      fc.property(
        arb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        fc.option(fc.integer({ min: 18, max: 99 }), { nil: null }),
        (n, dw, da, age) => {
          const base = level(night(n), age);
          const worse = level(
            night({
              ...n,
              awake_after_sleep_onset_minutes: n.awake_after_sleep_onset_minutes + dw,
              awakenings: n.awakenings + da,
              long_awakenings: n.long_awakenings === null ? null : n.long_awakenings + da,
            }),
            age,
          );
          expect(ORDER[worse.value]).toBeGreaterThanOrEqual(ORDER[base.value]);
        },
      ),
    );
  });
});
