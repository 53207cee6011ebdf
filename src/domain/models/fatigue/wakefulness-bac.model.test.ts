import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { wakefulnessBacModel } from './wakefulness-bac.model.js';

/*
 * Sources of the expected values:
 *  - Dawson D, Reid K. Nature 1997;388:235: after 17 h of sustained wakefulness performance matched a BAC of
 *    0.05 %; after 24 h, roughly 0.10 %. Participants were kept awake for 28 h.
 *  - Williamson AM, Feyer AM. Occup Environ Med 2000;57:649-655: after 17-19 h without sleep, performance on
 *    some tests was equivalent to or worse than at a BAC of 0.05 %; 28 h of wakefulness studied.
 *  - Between and beyond the anchors: arithmetic of the documented rule (linear between (17 h, 0.05 %) and
 *    (24 h, 0.10 %), i.e. 0.05/7 % per hour, floored at 0, which it reaches at 10 h): 20.5 h = 0.075 %,
 *    14 h = 0.05 − 3·0.05/7 = 0.028571… %, 26 h = 0.10 + 2·0.05/7 = 0.114285… %.
 */
const run = (hours_awake: number) => wakefulnessBacModel.compute({ hours_awake });

describe('wakefulness-bac', () => {
  it('returns the published anchors exactly, without warnings', () => {
    expect(run(17)).toEqual({ outputs: { bac_equivalent_percent: 0.05 }, warnings: [] });
    expect(run(24)).toEqual({ outputs: { bac_equivalent_percent: 0.1 }, warnings: [] });
  });

  it('interpolates linearly between the anchors', () => {
    expect(run(20.5).outputs.bac_equivalent_percent).toBeCloseTo(0.075, 12);
    expect(run(20.5).warnings).toEqual([]);
  });

  it('is at least 0.05 % over Williamson & Feyer\'s 17-19 h', () => {
    for (const h of [17, 18, 19]) expect(run(h).outputs.bac_equivalent_percent).toBeGreaterThanOrEqual(0.05);
  });

  it('extrapolates below 17 h with a warning, reaching 0 at 10 h', () => {
    expect(run(14).outputs.bac_equivalent_percent).toBeCloseTo(0.05 - (3 * 0.05) / 7, 12);
    expect(run(14).warnings).toEqual([expect.stringMatching(/below the 17 h anchor/)]);
    expect(run(10).outputs.bac_equivalent_percent).toBeCloseTo(0, 12);
    expect(run(0)).toEqual({ outputs: { bac_equivalent_percent: 0 }, warnings: [expect.stringMatching(/extrapolated/)] });
  });

  it('extrapolates above 24 h with a warning, and flags hours beyond the studied 28 h', () => {
    expect(run(26).outputs.bac_equivalent_percent).toBeCloseTo(0.1 + (2 * 0.05) / 7, 12);
    expect(run(26).warnings).toEqual([expect.stringMatching(/above the 24 h anchor/)]);
    expect(run(30).warnings).toEqual([expect.stringMatching(/above the 24 h anchor/), expect.stringMatching(/studied range/)]);
  });

  it('schema: hours_awake only, 0-72', () => {
    const ok = (v: unknown) => Value.Check(wakefulnessBacModel.inputSchema, v);
    expect(ok({ hours_awake: 17 })).toBe(true);
    expect(ok({ hours_awake: -1 })).toBe(false);
    expect(ok({ hours_awake: 73 })).toBe(false);
    expect(ok({ hours: 17 })).toBe(false);
  });

  it('property: deterministic, non-negative, non-decreasing in hours awake; warned exactly outside 17-24 h', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 72, noNaN: true }), fc.double({ min: 0, max: 72, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = run(lo);
        expect(run(lo)).toEqual(x);
        expect(x.outputs.bac_equivalent_percent).toBeGreaterThanOrEqual(0);
        expect(run(hi).outputs.bac_equivalent_percent).toBeGreaterThanOrEqual(x.outputs.bac_equivalent_percent);
        expect(x.warnings.length > 0).toBe(lo < 17 || lo > 24);
      }),
    );
  });
});
