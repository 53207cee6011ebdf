import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { atLeast } from '../monotone.test-helpers.js';
import { framingham2008Model } from './framingham-2008.model.js';

/*
 * Sources of the expected values:
 *  - Coefficients, S0(10) and means: D'Agostino et al. 2008 Table 2, as republished by the Framingham Heart Study
 *    (framinghamheartstudy.org, "Cardiovascular Disease (10-year risk)": men S0(10) 0.88936, women 0.95012) and by
 *    MDCalc/Medscape (means 23.9802 men, 26.1931 women).
 *  - CVrisk R package (vcastro/CVrisk), tests/testthat/test-ascvd_10y_frs.R: man, 55 y, SBP 140 untreated, HDL 50,
 *    TC 213, non-smoker, no diabetes → 13.53 % (rounded to two decimals; CVrisk also clips its output to 1-30 %,
 *    a presentation choice we do not copy: outputs are unrounded and unclipped).
 *  - scoutmytool.com Framingham 2008 calculator worked example: man, 50 y, TC 200, HDL 50, SBP 130 untreated,
 *    non-smoker, no diabetes → linear predictor L = Σβx = 23.6897, 10-year risk 8.40 %.
 *  - The derivation cohort was aged 30-74 (D'Agostino 2008, Methods): outside it the result carries a warning.
 */
type Input = Parameters<typeof framingham2008Model.compute>[0];
const run = (input: Input) => framingham2008Model.compute(input);
const risk = (input: Input) => run(input).outputs.risk10y_percent;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

describe('framingham-2008', () => {
  it('man 55 y, TC 213, HDL 50, SBP 140 untreated → 13.53 % (CVrisk test)', () => {
    const input: Input = { age: 55, sex: 'male', total_chol_mgdl: 213, hdl_mgdl: 50, sbp_mmhg: 140, bp_treated: false, smoker: false, diabetes: false };
    expect(round(risk(input), 2)).toBe(13.53);
  });

  it('man 50 y, TC 200, HDL 50, SBP 130 untreated → L 23.6897, 8.40 % (published worked example)', () => {
    const { outputs, warnings } = run({ age: 50, sex: 'male', total_chol_mgdl: 200, hdl_mgdl: 50, sbp_mmhg: 130, bp_treated: false, smoker: false, diabetes: false });
    expect(round(outputs.linear_predictor, 4)).toBe(23.6897);
    expect(round(outputs.risk10y_percent, 2)).toBe(8.4);
    expect(warnings).toEqual([]);
  });

  it('risk follows from the linear predictor by 1 - S0^exp(L - mean) with the sex-specific constants', () => {
    const woman: Input = { age: 61, sex: 'female', total_chol_mgdl: 180, hdl_mgdl: 47, sbp_mmhg: 124, bp_treated: true, smoker: true, diabetes: true };
    const { outputs } = run(woman);
    const expectedL = 2.32888 * Math.log(61) + 1.20904 * Math.log(180) - 0.70833 * Math.log(47) + 2.82263 * Math.log(124) + 0.52873 + 0.69154;
    expect(outputs.linear_predictor).toBeCloseTo(expectedL, 12);
    expect(outputs.risk10y_percent).toBeCloseTo(100 * (1 - 0.95012 ** Math.exp(expectedL - 26.1931)), 10);
  });

  it('outside ages 30-74: computed, with a warning', () => {
    const result = run({ age: 80, sex: 'female', total_chol_mgdl: 200, hdl_mgdl: 50, sbp_mmhg: 130, bp_treated: false, smoker: false, diabetes: false });
    expect(Number.isFinite(result.outputs.risk10y_percent)).toBe(true);
    expect(result.warnings).toEqual([expect.stringContaining('age = 80 is outside')]);
  });

  it('schema: no race field, no unknown fields', () => {
    const ok = { age: 50, sex: 'male', total_chol_mgdl: 200, hdl_mgdl: 50, sbp_mmhg: 130, bp_treated: false, smoker: false, diabetes: false };
    expect(Value.Check(framingham2008Model.inputSchema, ok)).toBe(true);
    expect(Value.Check(framingham2008Model.inputSchema, { ...ok, race: 'white' })).toBe(false);
    expect(Value.Check(framingham2008Model.inputSchema, { ...ok, sbp_mmhg: -1 })).toBe(false);
  });

  describe('properties', () => {
    const person = fc.record({
      age: fc.double({ min: 30, max: 74, noNaN: true }),
      sex: fc.constantFrom('female' as const, 'male' as const),
      total_chol_mgdl: fc.double({ min: 100, max: 405, noNaN: true }),
      hdl_mgdl: fc.double({ min: 15, max: 100, noNaN: true }),
      sbp_mmhg: fc.double({ min: 90, max: 220, noNaN: true }),
      bp_treated: fc.boolean(),
      smoker: fc.boolean(),
      diabetes: fc.boolean(),
    });
    const step = fc.double({ min: 0.5, max: 30, noNaN: true });

    it('risk in [0, 100], finite and deterministic over the whole schema domain', () => {
      const anyPerson = fc.record({
        age: fc.double({ min: 0.5, max: 120, noNaN: true }),
        sex: fc.constantFrom('female' as const, 'male' as const),
        total_chol_mgdl: fc.double({ min: 1, max: 1000, noNaN: true }),
        hdl_mgdl: fc.double({ min: 1, max: 300, noNaN: true }),
        sbp_mmhg: fc.double({ min: 1, max: 350, noNaN: true }),
        bp_treated: fc.boolean(),
        smoker: fc.boolean(),
        diabetes: fc.boolean(),
      });
      fc.assert(
        fc.property(anyPerson, (p) => {
          const a = run(p);
          const r = a.outputs.risk10y_percent;
          return Number.isFinite(r) && r >= 0 && r <= 100 && JSON.stringify(run(p)) === JSON.stringify(a);
        }),
      );
    });

    it('monotone: older, higher SBP, higher TC, lower HDL, treatment, smoking and diabetes never lower risk', () => {
      fc.assert(
        fc.property(person, step, (p, d) => {
          const base = risk(p);
          return (
            atLeast(risk({ ...p, age: p.age + d }), base) &&
            atLeast(risk({ ...p, sbp_mmhg: p.sbp_mmhg + d }), base) &&
            atLeast(risk({ ...p, total_chol_mgdl: p.total_chol_mgdl + d }), base) &&
            atLeast(risk({ ...p, hdl_mgdl: Math.max(1, p.hdl_mgdl - d) }), base) &&
            atLeast(risk({ ...p, bp_treated: true }), risk({ ...p, bp_treated: false })) &&
            atLeast(risk({ ...p, smoker: true }), risk({ ...p, smoker: false })) &&
            atLeast(risk({ ...p, diabetes: true }), risk({ ...p, diabetes: false }))
          );
        }),
      );
    });

    it('a missing yes/no factor never invents risk: exactly the result for false, never above true', () => {
      fc.assert(
        fc.property(person, fc.constantFrom('bp_treated' as const, 'smoker' as const, 'diabetes' as const), (p, field) => {
          const { [field]: _dropped, ...rest } = p;
          const missing = risk(rest);
          return missing === risk({ ...p, [field]: false }) && missing <= risk({ ...p, [field]: true });
        }),
      );
    });
  });
});
