import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { rhrCusumModel } from './rhr-cusum.model.js';

/*
 * Sources of the expected values: the rules of the reference implementation, read in mwgrassgreen/WearableDetection
 * R/detection_fn.R (Mishra et al. 2020 Nat Biomed Eng), applied BY HAND:
 *  - base.stand.res.fn clips residuals with pmin(z, 4) then pmax(z, −4);
 *  - cusum.fn drops missing residuals and iterates W_0 = 0, W_t = max(0, W_{t−1} + z_t − r);
 *  - with test.r.fixed = FALSE the reference sets r = quantile(z, 0.9) / 2 (R's default type-7 quantile):
 *    quantile(c(0, 1, 2, 3), 0.9) = 2 + 0.7 · (3 − 2) = 2.7, so r = 1.35.
 */
const run = (z_raw: (number | null)[], opts: { clip?: number; r?: number } = {}) => rhrCusumModel.compute({ z_raw, ...opts });

describe('rhr-cusum', () => {
  it('clips at ±4 and accumulates max(0, W + z − r) (worked case)', () => {
    // clipped 1, 2, −1, 4, −4, 0.5; W: 0.5, 2, 0.5, 4, max(0, −0.5) = 0, 0.
    expect(run([1, 2, -1, 5, -6, 0.5], { r: 0.5 })).toEqual({ outputs: { z_clipped: [1, 2, -1, 4, -4, 0.5], W: [0.5, 2, 0.5, 4, 0, 0] }, warnings: [] });
  });

  it('honours a custom clip', () => {
    expect(run([3, -3, 1], { clip: 2, r: 0 }).outputs).toEqual({ z_clipped: [2, -2, 1], W: [2, 0, 1] });
  });

  it('skips missing residuals: W carries over the gap', () => {
    expect(run([1, null, 2], { r: 0.5 }).outputs).toEqual({ z_clipped: [1, null, 2], W: [0.5, null, 2] });
  });

  it('without r uses the reference default, 90th percentile / 2, and says so', () => {
    // r = 1.35: W = max(0, 0 − 1.35) = 0, max(0, 1 − 1.35) = 0, 2 − 1.35 = 0.65, 0.65 + 3 − 1.35 = 2.3.
    const { outputs, warnings } = run([0, 1, 2, 3]);
    expect(outputs.W[0]).toBe(0);
    expect(outputs.W[1]).toBe(0);
    expect(outputs.W[2]).toBeCloseTo(0.65, 12);
    expect(outputs.W[3]).toBeCloseTo(2.3, 12);
    expect(warnings).toEqual([expect.stringContaining('1.35')]);
  });

  it('input schema: residual array (numbers or null), no unknown fields', () => {
    const ok = (v: unknown) => Value.Check(rhrCusumModel.inputSchema, v);
    expect(ok({ z_raw: [0.1, null], r: 0.5 })).toBe(true);
    expect(ok({ z_raw: [] })).toBe(false);
    expect(ok({ z_raw: [0.1], clip: 0 })).toBe(false);
    expect(ok({ z_raw: [0.1], k: 0.5 })).toBe(false);
  });

  const residuals = fc.array(fc.oneof(fc.double({ min: -20, max: 20, noNaN: true }), fc.constant(null)), { minLength: 1, maxLength: 200 });

  it('property: W ≥ 0, |z_clipped| ≤ clip, nulls stay in place, deterministic', () => {
    fc.assert(
      fc.property(residuals, fc.double({ min: 0.1, max: 6, noNaN: true }), fc.option(fc.double({ min: -2, max: 3, noNaN: true }), { nil: undefined }), (z, clip, r) => {
        const { outputs } = run(z, { clip, r });
        return (
          outputs.W.length === z.length &&
          outputs.W.every((w, i) => (z[i] === null ? w === null : w !== null && w >= 0)) &&
          outputs.z_clipped.every((v, i) => (z[i] === null ? v === null : v !== null && Math.abs(v) <= clip)) &&
          JSON.stringify(run([...z], { clip, r }).outputs) === JSON.stringify(outputs)
        );
      }),
    );
  });

  it('property: W never rises by more than clip − r in one step', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 100 }), fc.double({ min: 0, max: 2, noNaN: true }), (z, r) => {
        const W = run(z, { r }).outputs.W as number[];
        return W.every((w, i) => i === 0 || w - W[i - 1]! <= 4 - r + 1e-9);
      }),
    );
  });
});
