import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { PREVENT_BASE } from './prevent-2023.coefficients.js';
import { prevent2023Model, preventRisk, type PreventInput } from './prevent-2023.model.js';

/*
 * Sources of the expected values:
 *  - Worked example, Khan et al. 2024 Supplemental Table S25 (50-year-old woman, TC 200 mg/dL, HDL 45 mg/dL,
 *    SBP 160 mmHg treated, no statin, diabetes, non-smoker, eGFR 90, BMI 35): 10-year total CVD 14.7 %.
 *    The other risks for the same person (10-year ASCVD 0.092, heart failure 0.081; 30-year total CVD 0.53,
 *    ASCVD 0.354, heart failure 0.39) are the values of the supplement's Excel calculator, as printed to three
 *    decimals in the documentation and README of the reference R package preventr (M. Mayer, CRAN 0.9.0,
 *    `estimate_risk()` example). The shared calculators contract quotes the same 14.7 %.
 *  - Khan et al. 2024, main text, Results ("Predicted 10- and 30-Year CVD Risk"): a 50-year-old woman with TC
 *    240 mg/dL, HDL 55 mg/dL, no statin, treated SBP 160 mmHg, no diabetes, non-smoker, BMI 35, eGFR 90 has
 *    10-year total CVD, ASCVD and HF risks of 5.4 %, 3.6 % and 2.5 %; if smoking, 9.3 %, 6.0 % and 4.7 %.
 *  - Coefficient spot checks: the 10-year total-CVD equations for both sexes as printed by the CDC Kidney Disease
 *    Surveillance System (KDSS, methods for measure Q811), an independent rendering of Table S12.
 *  - Validated ranges (age 30–79, TC 130–320, HDL 20–100, SBP 90–200, BMI 18.5–<40, eGFR 15–140) and the 30-year
 *    age range 30–59: Khan et al. 2024 Methods / Table 1 footnotes and the AHA PREVENT calculator's input limits.
 *  - Properties (direction of each risk factor) follow the signs of the published coefficients; where an
 *    interaction can reverse a direction inside the validated range (age × risk factors, the SBP and eGFR
 *    splines, the 30-year age² term) the property is stated on the sub-domain where the source's model is monotone.
 *  - Men: no printed worked example was available; the male equations are covered by the KDSS cross-check
 *    (10-year total CVD) and by the properties.
 */

const S25: PreventInput = {
  age: 50,
  sex: 'female',
  total_chol_mgdl: 200,
  hdl_mgdl: 45,
  sbp_mmhg: 160,
  bp_treated: true,
  statin: false,
  diabetes: true,
  smoker: false,
  egfr: 90,
  bmi: 35,
};
const RESULTS_EXAMPLE: PreventInput = { ...S25, total_chol_mgdl: 240, hdl_mgdl: 55, diabetes: false };

const run = (x: PreventInput) => prevent2023Model.compute(x);

describe('prevent-2023', () => {
  it('matches the supplement worked example (Table S25 and its Excel calculator) to the printed three decimals', () => {
    const { outputs } = run(S25);
    expect(outputs.risk10y_total_cvd).toBeCloseTo(0.147, 3);
    expect(outputs.risk10y_ascvd).toBeCloseTo(0.092, 3);
    expect(outputs.risk10y_heart_failure).toBeCloseTo(0.081, 3);
    expect(outputs.risk30y_total_cvd).toBeCloseTo(0.53, 3);
    expect(outputs.risk30y_ascvd).toBeCloseTo(0.354, 3);
    expect(outputs.risk30y_heart_failure).toBeCloseTo(0.39, 3);
  });

  it('matches the example in the paper’s Results, non-smoker and smoker (printed to 0.1 %)', () => {
    const quiet = run(RESULTS_EXAMPLE).outputs;
    expect(quiet.risk10y_total_cvd).toBeCloseTo(0.054, 3);
    expect(quiet.risk10y_ascvd).toBeCloseTo(0.036, 3);
    expect(quiet.risk10y_heart_failure).toBeCloseTo(0.025, 3);
    const smoking = run({ ...RESULTS_EXAMPLE, smoker: true }).outputs;
    expect(smoking.risk10y_total_cvd).toBeCloseTo(0.093, 3);
    expect(smoking.risk10y_ascvd).toBeCloseTo(0.06, 3);
    expect(smoking.risk10y_heart_failure).toBeCloseTo(0.047, 3);
  });

  it('uses the 10-year total-CVD coefficients printed by CDC KDSS (independent rendering of Table S12)', () => {
    // KDSS prints 0.360078 for the female max(SBP,110) term; the 7-digit value rounds to it.
    expect(PREVENT_BASE['10y'].total_cvd.female).toMatchObject({ constant: -3.307728, age: 0.7939329, nonHdl: 0.0305239, hdl: -0.1606857, diabetes: 0.8667604, smoker: 0.5360739, egfrLow: 0.6045917, ageEgfrLow: -0.1637806 });
    expect(PREVENT_BASE['10y'].total_cvd.female.sbpHigh).toBeCloseTo(0.360078, 6);
    expect(PREVENT_BASE['10y'].total_cvd.male).toMatchObject({ constant: -3.031168, age: 0.7688528, nonHdl: 0.0736174, hdl: -0.0954431, sbpLow: -0.4347345, sbpHigh: 0.3362658, diabetes: 0.7692857, smoker: 0.4386871, egfrLow: 0.5378979, egfrHigh: 0.0164827, bpTreated: 0.288879, statin: -0.1337349, bpTreatedSbpHigh: -0.0475924, statinNonHdl: 0.150273, ageNonHdl: -0.0517874, ageHdl: 0.0191169, ageSbpHigh: -0.1049477, ageDiabetes: -0.2251948, ageSmoker: -0.0895067, ageEgfrLow: -0.1543702 });
  });

  it('returns unrounded numbers and reports CHD and stroke as unavailable (null) with a warning', () => {
    const { outputs, warnings } = run(S25);
    expect(outputs.risk10y_total_cvd).not.toBe(Math.round(outputs.risk10y_total_cvd * 1000) / 1000);
    expect(outputs).toMatchObject({ risk10y_chd: null, risk10y_stroke: null, risk30y_chd: null, risk30y_stroke: null });
    expect(warnings).toEqual([expect.stringMatching(/CHD and stroke/)]);
  });

  it('warns that 30-year risks are extrapolated above age 59', () => {
    expect(run({ ...S25, age: 59 }).warnings.some((w) => /30-year/.test(w))).toBe(false);
    expect(run({ ...S25, age: 60 }).warnings).toContainEqual(expect.stringMatching(/30-year risks were developed for ages 30–59/));
  });

  it.each([
    ['age', 29],
    ['age', 80],
    ['total_chol_mgdl', 129],
    ['total_chol_mgdl', 321],
    ['hdl_mgdl', 19],
    ['hdl_mgdl', 101],
    ['sbp_mmhg', 89],
    ['sbp_mmhg', 201],
    ['egfr', 14.9],
    ['egfr', 141],
    ['bmi', 18.4],
    ['bmi', 40],
  ] as const)('rejects %s = %s outside the validated range (ModelInputError → 422)', (field, value) => {
    const call = () => run({ ...S25, [field]: value });
    expect(call).toThrow(ModelInputError);
    expect(call).toThrow(expect.objectContaining({ field }));
  });

  it('accepts the range edges', () => {
    for (const edge of [{ age: 30 }, { age: 79 }, { total_chol_mgdl: 130 }, { total_chol_mgdl: 320 }, { hdl_mgdl: 20 }, { hdl_mgdl: 100 }, { sbp_mmhg: 90 }, { sbp_mmhg: 200 }, { egfr: 15 }, { egfr: 140 }, { bmi: 18.5 }, { bmi: 39.9 }]) {
      expect(() => run({ ...S25, ...edge })).not.toThrow();
    }
  });

  describe('properties', () => {
    const person = (over: Partial<Record<keyof PreventInput, fc.Arbitrary<unknown>>> = {}) =>
      fc.record({
        age: fc.double({ min: 30, max: 79, noNaN: true }),
        sex: fc.constantFrom('female' as const, 'male' as const),
        total_chol_mgdl: fc.double({ min: 130, max: 320, noNaN: true }),
        hdl_mgdl: fc.double({ min: 20, max: 100, noNaN: true }),
        sbp_mmhg: fc.double({ min: 90, max: 200, noNaN: true }),
        bp_treated: fc.boolean(),
        statin: fc.boolean(),
        diabetes: fc.boolean(),
        smoker: fc.boolean(),
        egfr: fc.double({ min: 15, max: 140, noNaN: true }),
        bmi: fc.double({ min: 18.5, max: 39.99, noNaN: true }),
        ...over,
      }) as fc.Arbitrary<PreventInput>;
    const OUTCOMES = ['total_cvd', 'ascvd', 'heart_failure'] as const;
    const risks10 = (x: PreventInput) => OUTCOMES.map((o) => preventRisk(x, o, '10y'));
    const risks30 = (x: PreventInput) => OUTCOMES.map((o) => preventRisk(x, o, '30y'));
    const allBelow = (a: number[], b: number[]) => a.every((v, i) => v < (b[i] as number));

    it('every risk is a proportion in (0, 1), and the same input gives the same output', () => {
      fc.assert(
        fc.property(person(), (x) => {
          const a = run(x).outputs;
          const numbers = [a.risk10y_total_cvd, a.risk10y_ascvd, a.risk10y_heart_failure, a.risk30y_total_cvd, a.risk30y_ascvd, a.risk30y_heart_failure];
          return numbers.every((r) => r > 0 && r < 1) && JSON.stringify(run(x)) === JSON.stringify(run({ ...x }));
        }),
      );
    });

    it('smoking and diabetes raise every 10-year risk (all ages) and every 30-year risk (ages 30–59)', () => {
      fc.assert(
        fc.property(person(), (x) => allBelow(risks10({ ...x, smoker: false }), risks10({ ...x, smoker: true })) && allBelow(risks10({ ...x, diabetes: false }), risks10({ ...x, diabetes: true }))),
      );
      fc.assert(
        fc.property(person({ age: fc.double({ min: 30, max: 59, noNaN: true }) }), (x) => allBelow(risks30({ ...x, smoker: false }), risks30({ ...x, smoker: true })) && allBelow(risks30({ ...x, diabetes: false }), risks30({ ...x, diabetes: true }))),
      );
    });

    it('higher SBP raises every 10-year risk above the 110 mmHg spline knot (below it the published J-curve runs the other way)', () => {
      fc.assert(
        fc.property(person({ sbp_mmhg: fc.double({ min: 110, max: 199, noNaN: true }) }), fc.double({ min: 0.5, max: 90, noNaN: true }), (x, more) =>
          allBelow(risks10(x), risks10({ ...x, sbp_mmhg: Math.min(200, x.sbp_mmhg + more) })),
        ),
      );
    });

    it('lower eGFR raises every 10-year risk', () => {
      fc.assert(
        fc.property(person({ egfr: fc.double({ min: 16, max: 140, noNaN: true }) }), fc.double({ min: 0.5, max: 125, noNaN: true }), (x, less) =>
          allBelow(risks10(x), risks10({ ...x, egfr: Math.max(15, x.egfr - less) })),
        ),
      );
    });

    it('higher HDL cholesterol lowers 10-year ASCVD risk', () => {
      fc.assert(
        fc.property(person({ hdl_mgdl: fc.double({ min: 20, max: 99, noNaN: true }) }), fc.double({ min: 0.5, max: 80, noNaN: true }), (x, more) =>
          preventRisk({ ...x, hdl_mgdl: Math.min(100, x.hdl_mgdl + more) }, 'ascvd', '10y') < preventRisk(x, 'ascvd', '10y'),
        ),
      );
    });

    it('age raises every 10-year risk for eGFR ≥ 60, TC ≤ 240, HDL ≥ 35 and SBP ≤ 160 (the age × risk-factor interactions can outweigh it only beyond these)', () => {
      const typical = person({
        age: fc.double({ min: 30, max: 78, noNaN: true }),
        total_chol_mgdl: fc.double({ min: 130, max: 240, noNaN: true }),
        hdl_mgdl: fc.double({ min: 35, max: 100, noNaN: true }),
        sbp_mmhg: fc.double({ min: 90, max: 160, noNaN: true }),
        egfr: fc.double({ min: 60, max: 140, noNaN: true }),
      });
      fc.assert(fc.property(typical, fc.double({ min: 0.5, max: 49, noNaN: true }), (x, older) => allBelow(risks10(x), risks10({ ...x, age: Math.min(79, x.age + older) }))));
    });
  });
});
