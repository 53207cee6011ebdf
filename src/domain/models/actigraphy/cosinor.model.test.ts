import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { cosinorModel } from './cosinor.model.js';

/*
 * Sources of the expected values:
 *  - the model's definition (Nelson et al. 1979; Cornelissen 2014): for noiseless data y = M + A cos(2πt/τ + φ) sampled
 *    at three or more distinct phases, least squares recovers M, A and φ exactly. Sign convention (Cornelissen 2014):
 *    φ = −2π t_peak/τ in (−2π, 0]; so a peak at 15:00 with τ = 24 has φ = −2π·15/24 = −3.926990817…
 *  - pyActigraphy tests/test_cosinor.py: an offset sine 100 + 100 sin(2πt/24 h) is fitted by
 *    Mesor 100, Amplitude 100, Acrophase −π/2 in the same cos(2πt/τ + φ) convention (their data are noisy; ours are not).
 */
const run = (t_hours: number[], y: number[], period_hours?: number) =>
  cosinorModel.compute(period_hours === undefined ? { t_hours, y } : { t_hours, y, period_hours });
const sample = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);

describe('cosinor', () => {
  it('recovers an exact cosine peaking at 15:00', () => {
    const t = sample(48, 1);
    const out = run(
      t,
      t.map((h) => 10 + 5 * Math.cos((2 * Math.PI * (h - 15)) / 24)),
    ).outputs;
    expect(out.mesor).toBeCloseTo(10, 10);
    expect(out.amplitude).toBeCloseTo(5, 10);
    expect(out.acrophase_rad).toBeCloseTo((-2 * Math.PI * 15) / 24, 10);
    expect(out.acrophase_clock_hours).toBeCloseTo(15, 10);
  });

  it('pyActigraphy convention: 100 + 100 sin(2πt/24) has acrophase −π/2 (peak at 06:00)', () => {
    const t = sample(7 * 1440, 1 / 60);
    const out = run(
      t,
      t.map((h) => 100 + 100 * Math.sin((2 * Math.PI * h) / 24)),
      24,
    ).outputs;
    expect(out.mesor).toBeCloseTo(100, 8);
    expect(out.amplitude).toBeCloseTo(100, 8);
    expect(out.acrophase_rad).toBeCloseTo(-Math.PI / 2, 10);
    expect(out.acrophase_clock_hours).toBeCloseTo(6, 10);
  });

  it('a peak at t = 0 has acrophase 0, not −2π; the period defaults to 24 h', () => {
    const t = sample(24, 1);
    const out = run(
      t,
      t.map((h) => 3 + Math.cos((2 * Math.PI * h) / 24)),
    ).outputs;
    expect(out.acrophase_rad).toBe(0);
    expect(out.acrophase_clock_hours).toBe(0);
    expect(out).toEqual(
      run(
        t,
        t.map((h) => 3 + Math.cos((2 * Math.PI * h) / 24)),
        24,
      ).outputs,
    );
  });

  it('fits another period on unevenly spaced samples', () => {
    const t = [0.3, 1.1, 2.9, 4.2, 5.5, 7.7, 8.1, 10.6, 13.3, 17.9];
    const fit12 = run(
      t,
      t.map((h) => 2 + 0.5 * Math.cos((2 * Math.PI * h) / 12 - 1)),
      12,
    ).outputs;
    expect(fit12.mesor).toBeCloseTo(2, 10);
    expect(fit12.amplitude).toBeCloseTo(0.5, 10);
    expect(fit12.acrophase_rad).toBeCloseTo(-1, 10);
    expect(fit12.acrophase_clock_hours).toBeCloseTo(12 / (2 * Math.PI), 10);
  });

  it('rejects mismatched lengths and sample times at a single phase', () => {
    expect(() => run([0, 1, 2], [1, 2])).toThrow(ModelInputError);
    expect(() => run([0, 24, 48, 72], [1, 2, 3, 4])).toThrow(/do not determine/);
  });

  it('property: recovers mesor, amplitude and acrophase of noiseless cosines', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 23.99, noNaN: true }),
        fc.constantFrom(12, 24, 25),
        fc.integer({ min: 6, max: 200 }),
        (mesor, amplitude, peak, period, n) => {
          const t = sample(n, (2 * period) / n);
          const y = t.map((h) => mesor + amplitude * Math.cos((2 * Math.PI * (h - peak)) / period));
          const out = run(t, y, period).outputs;
          const expectedPeak = peak % period;
          const clockError = Math.min(
            Math.abs(out.acrophase_clock_hours - expectedPeak),
            period - Math.abs(out.acrophase_clock_hours - expectedPeak),
          );
          const tol = 1e-6 * (1 + Math.abs(mesor) + amplitude);
          return (
            Math.abs(out.mesor - mesor) < tol &&
            Math.abs(out.amplitude - amplitude) < tol &&
            clockError < 1e-6 * period &&
            out.acrophase_rad <= 0 &&
            out.acrophase_rad > -2 * Math.PI &&
            out.acrophase_clock_hours >= 0 &&
            out.acrophase_clock_hours < period
          );
        },
      ),
    );
  });
});
