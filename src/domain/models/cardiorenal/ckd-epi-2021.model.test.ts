import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ckdEpi2021Model } from './ckd-epi-2021.model.js';

/*
 * Sources of the expected values:
 *  - The published equation (Inker et al., N Engl J Med 2021;385:1737–1749; the same text on the NKF and NIDDK
 *    pages): eGFR = 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × 1.012 [female], κ = 0.7 F / 0.9 M,
 *    α = −0.241 F / −0.302 M. The unrounded values below are that arithmetic written out term by term.
 *  - National Kidney Foundation eGFR calculator (CKD-EPI 2021), as reported for a 55-year-old man with
 *    creatinine 1.2 mg/dL: 71 mL/min/1.73 m².
 *  - At Scr = κ both min/max terms are 1, so eGFR = 142 × 0.9938^age (× 1.012 for women): a structural check of
 *    the knot (the equation is continuous there).
 *  - Adults only (≥ 18 years): NIDDK "Estimate GFR in individuals ages 18 and older"; NKF/ASN task force.
 */
const run = (age: number, sex: 'female' | 'male', creatinine_mgdl: number) => ckdEpi2021Model.compute({ age, sex, creatinine_mgdl });

describe('ckd-epi-2021', () => {
  it('55-year-old man, creatinine 1.2 mg/dL → 71 (NKF calculator), unrounded 142 × (1.2/0.9)^−1.2 × 0.9938^55', () => {
    const { outputs, warnings } = run(55, 'male', 1.2);
    expect(outputs.egfr).toBeCloseTo(142 * (1.2 / 0.9) ** -1.2 * 0.9938 ** 55, 10);
    expect(outputs.egfr).toBeCloseTo(71.4178, 3);
    expect(outputs.egfr_rounded).toBe(71);
    expect(warnings).toEqual([]);
  });

  it.each([
    // [age, sex, Scr, the published arithmetic]
    [50, 'female', 0.8, 142 * (0.8 / 0.7) ** -1.2 * 0.9938 ** 50 * 1.012],
    [40, 'female', 0.6, 142 * (0.6 / 0.7) ** -0.241 * 0.9938 ** 40 * 1.012],
    [60, 'male', 1.0, 142 * (1.0 / 0.9) ** -1.2 * 0.9938 ** 60],
    [30, 'male', 0.7, 142 * (0.7 / 0.9) ** -0.302 * 0.9938 ** 30],
    [70, 'male', 2.0, 142 * (2.0 / 0.9) ** -1.2 * 0.9938 ** 70],
  ] as const)('age %s, %s, creatinine %s mg/dL: the published equation', (age, sex, scr, expected) => {
    const { outputs } = run(age, sex, scr);
    expect(outputs.egfr).toBeCloseTo(expected, 10);
    expect(outputs.egfr_rounded).toBe(Math.round(expected));
  });

  it('at Scr = κ the creatinine terms vanish: 142 × 0.9938^age (× 1.012 for women)', () => {
    expect(run(45, 'female', 0.7).outputs.egfr).toBeCloseTo(142 * 0.9938 ** 45 * 1.012, 10);
    expect(run(45, 'male', 0.9).outputs.egfr).toBeCloseTo(142 * 0.9938 ** 45, 10);
  });

  it('egfr_rounded is the whole number nearest egfr', () => {
    fc.assert(
      fc.property(fc.double({ min: 18, max: 120, noNaN: true }), fc.constantFrom('female' as const, 'male' as const), fc.double({ min: 0.05, max: 40, noNaN: true }), (age, sex, scr) => {
        const { egfr, egfr_rounded } = run(age, sex, scr).outputs;
        return Number.isInteger(egfr_rounded) && Math.abs(egfr - egfr_rounded) <= 0.5;
      }),
    );
  });

  it('property: positive, deterministic, strictly decreasing in creatinine and in age', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 18, max: 119, noNaN: true }),
        fc.constantFrom('female' as const, 'male' as const),
        fc.double({ min: 0.1, max: 39, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (age, sex, scr, dScr, dAge) => {
          const base = run(age, sex, scr).outputs.egfr;
          return base > 0 && run(age, sex, scr).outputs.egfr === base && run(age, sex, scr + dScr).outputs.egfr < base && run(age + dAge, sex, scr).outputs.egfr < base;
        },
      ),
    );
  });
});
