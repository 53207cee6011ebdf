import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaRiskTestModel } from './ada-risk-test.model.js';

/*
 * Sources of the expected values:
 *  - item points, from Bang et al., Ann Intern Med 2009;151:775-783 as printed on the ADA "Prediabetes Risk
 *    Test" / CDC "How your test is scored" page: age < 40 → 0, 40–49 → 1, 50–59 → 2, ≥ 60 → 3; man → 1;
 *    woman with gestational diabetes → 1 (the ADA form notes the original algorithm was validated without it);
 *    mother/father/sister/brother with diabetes → 1; ever diagnosed with high blood pressure → 1; not
 *    physically active → 1; BMI < 25 → 0, 25–29 → 1, 30–39 → 2, ≥ 40 → 3.
 *  - cut-off: "a total of 5 points or higher is considered high risk" (CDC page; Bang et al. 2009).
 *  - the totals below are sums of those item points (hand arithmetic, noted per case).
 */
type Input = Parameters<typeof adaRiskTestModel.compute>[0];
const none = { gdm: false, family: false, htn: false, active: true } as const;
const run = (input: Omit<Input, 'gdm' | 'family' | 'htn' | 'active'> & Partial<Input>) => adaRiskTestModel.compute({ ...none, ...input });

describe('ada-risk-test', () => {
  it.each([
    [{ age: 39, sex: 'female', bmi: 24.9 }, 0, false],
    [{ age: 40, sex: 'female', bmi: 22 }, 1, false],
    [{ age: 50, sex: 'female', bmi: 22 }, 2, false],
    [{ age: 60, sex: 'female', bmi: 22 }, 3, false],
    [{ age: 30, sex: 'male', bmi: 22 }, 1, false],
    [{ age: 30, sex: 'female', bmi: 25 }, 1, false],
    [{ age: 30, sex: 'female', bmi: 29.9 }, 1, false],
    [{ age: 30, sex: 'female', bmi: 30 }, 2, false],
    [{ age: 30, sex: 'female', bmi: 39.9 }, 2, false],
    [{ age: 30, sex: 'female', bmi: 40 }, 3, false],
    [{ age: 30, sex: 'female', bmi: 22, gdm: true }, 1, false],
    [{ age: 30, sex: 'female', bmi: 22, family: true }, 1, false],
    [{ age: 30, sex: 'female', bmi: 22, htn: true }, 1, false],
    [{ age: 30, sex: 'female', bmi: 22, active: false }, 1, false],
    [{ age: 45, sex: 'male', bmi: 28, family: true }, 4, false], // 1+1+1+1
    [{ age: 45, sex: 'male', bmi: 28, family: true, active: false }, 5, true], // 1+1+1+1+1: at the cut-off
    [{ age: 55, sex: 'female', bmi: 32, gdm: true }, 5, true], // 2+2+1
    [{ age: 65, sex: 'male', bmi: 42, family: true, htn: true, active: false }, 10, true], // 3+1+3+1+1+1: men's maximum
    [{ age: 65, sex: 'female', bmi: 42, gdm: true, family: true, htn: true, active: false }, 10, true], // 3+3+1+1+1+1
  ] as const)('%o → %i points, high_risk %s', (input, points, high_risk) => {
    expect(run(input).outputs).toEqual({ points, high_risk });
  });

  it('ignores gestational diabetes for men, with a warning', () => {
    const { outputs, warnings } = run({ age: 30, sex: 'male', bmi: 22, gdm: true });
    expect(outputs.points).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/women only/)]);
  });

  it('scores unanswered items as 0 and names them', () => {
    const { outputs, warnings } = adaRiskTestModel.compute({ age: 52, sex: 'female', bmi: 31 });
    expect(outputs).toEqual({ points: 4, high_risk: false });
    expect(warnings).toEqual([expect.stringMatching(/Not answered: gdm, family, htn, active/)]);
    expect(adaRiskTestModel.compute({ age: 52, sex: 'male', bmi: 31 }).warnings).toEqual([expect.stringMatching(/Not answered: family, htn, active/)]);
  });

  const full = fc.record({
    age: fc.double({ min: 18, max: 100, noNaN: true }),
    sex: fc.constantFrom('female' as const, 'male' as const),
    bmi: fc.double({ min: 15, max: 70, noNaN: true }),
    gdm: fc.boolean(),
    family: fc.boolean(),
    htn: fc.boolean(),
    active: fc.boolean(),
  });

  it('property: points in 0..10, deterministic, high_risk exactly at ≥ 5', () => {
    fc.assert(
      fc.property(full, (a) => {
        const { outputs } = adaRiskTestModel.compute(a);
        return outputs.points >= 0 && outputs.points <= 10 && outputs.high_risk === outputs.points >= 5 && adaRiskTestModel.compute(a).outputs.points === outputs.points;
      }),
    );
  });

  it('property: non-decreasing in age and BMI; every risk answer adds, never subtracts', () => {
    fc.assert(
      fc.property(full, fc.double({ min: 0, max: 30, noNaN: true }), (a, d) => {
        const p = adaRiskTestModel.compute(a).outputs.points;
        return (
          adaRiskTestModel.compute({ ...a, age: a.age + d }).outputs.points >= p &&
          adaRiskTestModel.compute({ ...a, bmi: a.bmi + d }).outputs.points >= p &&
          adaRiskTestModel.compute({ ...a, family: true, htn: true, active: false }).outputs.points >= p
        );
      }),
    );
  });

  it('property: a missing optional answer never scores more than any answer to it', () => {
    fc.assert(
      fc.property(full, fc.subarray(['gdm', 'family', 'htn', 'active'] as const), (a, drop) => {
        const partial: Record<string, unknown> = { ...a };
        for (const key of drop) delete partial[key];
        return adaRiskTestModel.compute(partial as Input).outputs.points <= adaRiskTestModel.compute(a).outputs.points;
      }),
    );
  });
});
