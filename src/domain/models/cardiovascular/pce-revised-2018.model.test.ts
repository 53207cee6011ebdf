import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeast } from '../monotone.test-helpers.js';
import { PCE_GROUPS, WORKED_EXAMPLE } from './worked-example.test-helpers.js';
import { pceRevised2018Model } from './pce-revised-2018.model.js';

/*
 * Sources of the expected values:
 *  - PooledCohort R package (bcjaeger/PooledCohort), tests/testthat/test-predict_10yr_ascvd_risk.R,
 *    equation_version = 'Yadlowsky_2018' ("Yadlowsky supplement examples"), printed to one decimal, for the Goff
 *    worked-example person (55 y, TC 213, HDL 50, SBP 120, non-smoker, no diabetes), in the order
 *    AA F, W F, AA M, W M: as is → 1.8 / 1.2 / 3.5 / 3.3; bp meds = yes → 2.7 / 1.6 / 7.1 / 4.7;
 *    smoker = yes → 4.3 / 3.2 / 6.7 / 7.8; diabetes = yes → 4.9 / 3.0 / 7.3 / 7.4.
 *  - Yadlowsky et al. 2018: the revised equations are logistic, so risk = 1 / (1 + e^-x) lies strictly in (0, 100) %;
 *    they keep a black-race term and are fitted for ages 40-79 (other races: the non-black equation).
 *  - Known shape of the published men's equation (arithmetic of its coefficients): treatment 2.055533 and
 *    SBP×treatment -0.014207 cancel at SBP 144.7, so for a white man above that SBP, "treated" is computed with a
 *    lower risk than "untreated" at the same reading; the tests pin that rather than patch it.
 */
type Input = Parameters<typeof pceRevised2018Model.compute>[0];
const WORKED: Omit<Input, 'sex' | 'race'> = WORKED_EXAMPLE;
const GROUPS = PCE_GROUPS;
const run = (input: Input) => pceRevised2018Model.compute(input);
const risk = (input: Input) => run(input).outputs.risk10y_percent;
const round1 = (x: number) => Math.round(x * 10) / 10;

describe('pce-revised-2018', () => {
  it.each([
    ['as is', {}, [1.8, 1.2, 3.5, 3.3]],
    ['bp_treated', { bp_treated: true }, [2.7, 1.6, 7.1, 4.7]],
    ['smoker', { smoker: true }, [4.3, 3.2, 6.7, 7.8]],
    ['diabetes', { diabetes: true }, [4.9, 3.0, 7.3, 7.4]],
  ] as const)('worked example (%s) matches PooledCohort Yadlowsky_2018 to one decimal', (_name, change, expected) => {
    expect(GROUPS.map(([sex, race]) => round1(risk({ ...WORKED, ...change, sex, race })))).toEqual(expected);
  });

  it('has exactly the contract output, unrounded', () => {
    const { outputs, warnings } = run({ ...WORKED, sex: 'male', race: 'white' });
    expect(Object.keys(outputs)).toEqual(['risk10y_percent']);
    expect(outputs.risk10y_percent).toBeCloseTo(3.3409, 3);
    expect(warnings).toEqual([]);
  });

  it('"other" uses the non-black equation, with a warning; out-of-range inputs are computed with a warning', () => {
    const other = run({ ...WORKED, sex: 'female', race: 'other' });
    expect(other.outputs).toEqual(run({ ...WORKED, sex: 'female', race: 'white' }).outputs);
    expect(other.warnings).toEqual([expect.stringMatching(/non-black/)]);
    const old = run({ ...WORKED, age: 85, sex: 'female', race: 'white' });
    expect(old.warnings).toEqual([expect.stringContaining('age = 85 is outside')]);
    expect(old.outputs.risk10y_percent).toBeGreaterThan(risk({ ...WORKED, sex: 'female', race: 'white' }));
  });

  it('pins a known shape of the published equation: a treated white man at SBP 160 scores below an untreated one', () => {
    const man = { ...WORKED, sbp_mmhg: 160, sex: 'male', race: 'white' } as const;
    expect(risk({ ...man, bp_treated: true })).toBeLessThan(risk({ ...man, bp_treated: false }));
  });

  describe('properties', () => {
    const person = (r: { sbp?: [number, number] } = {}) =>
      fc.record({
        age: fc.double({ min: 40, max: 79, noNaN: true }),
        sex: fc.constantFrom('female' as const, 'male' as const),
        race: fc.constantFrom('white' as const, 'african_american' as const, 'other' as const),
        total_chol_mgdl: fc.double({ min: 130, max: 320, noNaN: true }),
        hdl_mgdl: fc.double({ min: 20, max: 100, noNaN: true }),
        sbp_mmhg: fc.double({ min: r.sbp?.[0] ?? 90, max: r.sbp?.[1] ?? 200, noNaN: true }),
        bp_treated: fc.boolean(),
        smoker: fc.boolean(),
        diabetes: fc.boolean(),
      });
    const step = fc.double({ min: 0.5, max: 20, noNaN: true });

    it('risk in (0, 100) and deterministic over the whole schema domain', () => {
      const anyPerson = fc.record({
        age: fc.double({ min: 0.5, max: 120, noNaN: true }),
        sex: fc.constantFrom('female' as const, 'male' as const),
        race: fc.constantFrom('white' as const, 'african_american' as const, 'other' as const),
        total_chol_mgdl: fc.double({ min: 1, max: 1000, noNaN: true }),
        hdl_mgdl: fc.double({ min: 1, max: 300, noNaN: true }),
        sbp_mmhg: fc.double({ min: 1, max: 350, noNaN: true }),
        bp_treated: fc.boolean(),
        smoker: fc.boolean(),
        diabetes: fc.boolean(),
      });
      fc.assert(
        fc.property(anyPerson, (p) => {
          const r = risk(p);
          return Number.isFinite(r) && r >= 0 && r <= 100 && risk(p) === r;
        }),
      );
    });

    it('monotone over the validated range: older, higher SBP, higher TC, lower HDL, smoking and diabetes never lower risk', () => {
      fc.assert(
        fc.property(person({ sbp: [90, 180] }), step, (p, d) => {
          const base = risk(p);
          return (
            atLeast(risk({ ...p, age: Math.min(79, p.age + d) }), base) &&
            atLeast(risk({ ...p, sbp_mmhg: p.sbp_mmhg + d }), base) &&
            atLeast(risk({ ...p, total_chol_mgdl: Math.min(320, p.total_chol_mgdl + d) }), base) &&
            atLeast(risk({ ...p, hdl_mgdl: Math.max(20, p.hdl_mgdl - d) }), base) &&
            atLeast(risk({ ...p, smoker: true }), risk({ ...p, smoker: false })) &&
            atLeast(risk({ ...p, diabetes: true }), risk({ ...p, diabetes: false }))
          );
        }),
      );
    });

    it('treatment raises risk at the same SBP for women, and for men up to SBP 140', () => {
      fc.assert(
        fc.property(person(), (p) => {
          if (p.sex === 'male' && p.sbp_mmhg > 140) return true;
          return atLeast(risk({ ...p, bp_treated: true }), risk({ ...p, bp_treated: false }));
        }),
      );
    });

    it('a missing yes/no factor never invents risk: exactly the result for false (absent)', () => {
      fc.assert(
        fc.property(person(), fc.constantFrom('bp_treated' as const, 'smoker' as const, 'diabetes' as const), (p, field) => {
          const { [field]: _dropped, ...rest } = p;
          return risk(rest) === risk({ ...p, [field]: false });
        }),
      );
    });
  });
});
