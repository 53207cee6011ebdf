import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { nonparametricCircadianModel } from './nonparametric-circadian.model.js';

/*
 * Sources of the expected values:
 *  - GGIR tests/testthat/test_g.IVIS.R (wadpac/GGIR): 7 identical days → IS = 1; days that are each constant but all
 *    different (0, 1, …, 7 for 8 days) → IS = 0 and IV ≈ 0; white noise within the day → IV ≈ 2 (GGIR: 1.97 ± 0.05 for
 *    its seed). For the 0…7 days the definition gives IV exactly: N = 192 hourly means, Σ(xᵢ − xᵢ₋₁)² = 7,
 *    Σ(xᵢ − x̄)² = 24 × Σₖ(k − 3.5)² = 1008, IV = 192 × 7 / (191 × 1008).
 *  - GGIR tests/testthat/test_MXLX.R: a day of 1s with 2s over 01:00–06:00 and 0s over 12:00–17:00 → L5 = 0 starting
 *    at 12 h. From the definition on that same day: M10 = (5 × 2 + 5 × 1)/10 = 1.5, first reached by the window
 *    starting 00:00; RA = (1.5 − 0)/(1.5 + 0) = 1.
 *  - pyActigraphy tests/test_rar.py: Gaussian noise over 14 days → IS ≈ 1/14 (their 1-min resolution; at hourly
 *    resolution the between-hour share of white-noise variance is ≈ 23/335, so a wider band is asserted).
 *  - synthetic inputs whose answer follows from the definitions (Witting 1990; Van Someren 1999): a rest window
 *    23:00–04:00 crossing midnight → L5 = 0 starting at 23 h; partial clock hours at the ends are left out.
 */
const run = (epoch_minutes: number, start: string, values: number[]) =>
  nonparametricCircadianModel.compute({ epoch_minutes, start, values });

/** Deterministic standard-normal noise (mulberry32 + Box-Muller). */
const noise = (n: number, seed: number): number[] => {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
};

describe('nonparametric-circadian', () => {
  it('GGIR g.IVIS: seven identical days give IS = 1 and white-noise IV ≈ 2', () => {
    const day = noise(1440, 1234).map((v) => v + 10); // shifted to stay non-negative, which IS/IV ignore
    const out = run(1, '2024-01-01T00:00:00', Array.from({ length: 7 }, () => day).flat()).outputs;
    expect(out.IS).toBeCloseTo(1, 10);
    expect(out.IV).toBeGreaterThan(1.6);
    expect(out.IV).toBeLessThan(2.4);
  });

  it('GGIR g.IVIS: constant but different days give IS = 0 and IV ≈ 0 (exactly 192·7/(191·1008))', () => {
    const values = Array.from({ length: 8 }, (_, k) => Array<number>(1440).fill(k)).flat();
    const out = run(1, '2024-01-01T00:00:00', values).outputs;
    expect(out.IS).toBeCloseTo(0, 12);
    expect(out.IV).toBeCloseTo((192 * 7) / (191 * 1008), 12);
  });

  it('GGIR MXLX: L5 = 0 from 12 h; M10 = 1.5 from 00:00; RA = 1', () => {
    const day = Array<number>(1440).fill(1);
    for (let m = 60; m < 360; m++) day[m] = 2;
    for (let m = 720; m < 1020; m++) day[m] = 0;
    const { outputs, warnings } = run(1, '2024-01-01T00:00', day);
    expect(outputs.L5).toBe(0);
    expect(outputs.L5_start_hour).toBe(12);
    expect(outputs.M10).toBeCloseTo(1.5, 12);
    expect(outputs.M10_start_hour).toBe(0);
    expect(outputs.RA).toBeCloseTo(1, 12);
    expect(warnings).toEqual([expect.stringMatching(/one day IS is 1/)]);
    // Two identical days: the same profile, and IS = 1.
    const two = run(1, '2024-01-01T00:00', [...day, ...day]).outputs;
    expect(two).toMatchObject({ L5: 0, L5_start_hour: 12, M10_start_hour: 0 });
    expect(two.IS).toBeCloseTo(1, 12);
  });

  it('pyActigraphy: 14 days of Gaussian noise give IS near 1/14', () => {
    const out = run(
      1,
      '2024-01-01T08:00:00',
      noise(14 * 1440, 7).map((v) => v + 10),
    ).outputs;
    expect(out.IS).toBeGreaterThan(0.035);
    expect(out.IS).toBeLessThan(0.14);
  });

  it('L5 may cross midnight; start hours are clock times of the first epoch', () => {
    // 15-min epochs starting at noon, two days; rest 23:00–04:00 (0), activity 100 otherwise.
    const values = Array.from({ length: 2 * 96 }, (_, i) => {
      const hour = (12 + (i * 15) / 60) % 24;
      return hour >= 23 || hour < 4 ? 0 : 100;
    });
    const out = run(15, '2024-03-01T12:00:00', values).outputs;
    expect(out).toMatchObject({ L5: 0, L5_start_hour: 23, M10: 100, M10_start_hour: 4, RA: 1 });
    expect(out.IS).toBeCloseTo(1, 12);
  });

  it('averages clock hours and leaves out the incomplete first and last hour', () => {
    // 1-min epochs from 10:30 for 49 h: 10:30–11:00 and the last 30 min are incomplete hours.
    const values = Array.from({ length: 49 * 60 }, (_, i) => (Math.floor((630 + i) / 60) % 24 < 7 ? 0 : 50));
    const { outputs, warnings } = run(1, '2024-03-01T10:30', values);
    expect(outputs.IS).toBeCloseTo(1, 12);
    expect(outputs.L5).toBe(0);
    expect(outputs.L5_start_hour).toBe(0); // 00:00–05:00 is the first of the all-zero windows 00:00–02:00
    expect(warnings).toContain('2 incomplete clock hour(s) at the ends were left out of IS and IV');
  });

  it('rejects an epoch that does not divide the hour, a constant series, less than a day, and a bad start', () => {
    const day = Array.from({ length: 96 }, (_, i) => i % 7);
    expect(() => run(7, '2024-01-01T00:00', day)).toThrow(ModelInputError);
    expect(() => run(15, '2024-01-01T00:00', Array<number>(96).fill(3))).toThrow(/constant/);
    expect(() => run(15, '2024-01-01T00:00', day.slice(0, 95))).toThrow(/24 complete clock hours/);
    expect(() => run(15, '2024-01-01T25:00', day)).toThrow(ModelInputError);
  });

  it('property: IS in [0, 1], IV ≥ 0, RA in [0, 1], start hours in [0, 24), deterministic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(15, 30, 60),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 24 * 4 * 3, maxLength: 24 * 4 * 3 }),
        (epoch, hour, minuteStep, pool) => {
          const perHour = 60 / epoch;
          const values = pool.slice(0, perHour * (25 + ((pool[0] ?? 0) % 24)));
          if (new Set(values).size < 2) return true;
          const start = `2024-05-05T${String(hour).padStart(2, '0')}:${String((minuteStep * epoch) % 60).padStart(2, '0')}:00`;
          let out;
          try {
            out = run(epoch, start, values).outputs;
          } catch (error) {
            return error instanceof ModelInputError; // e.g. constant hourly means
          }
          const again = run(epoch, start, values).outputs;
          return (
            out.IS >= 0 &&
            out.IS <= 1 &&
            out.IV >= 0 &&
            out.RA >= 0 &&
            out.RA <= 1 &&
            out.L5_start_hour >= 0 &&
            out.L5_start_hour < 24 &&
            out.M10_start_hour >= 0 &&
            out.M10_start_hour < 24 &&
            out.L5 <= out.M10 &&
            JSON.stringify(again) === JSON.stringify(out)
          );
        },
      ),
    );
  });
});
