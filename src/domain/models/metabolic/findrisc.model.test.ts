import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findriscModel } from './findrisc.model.js';

/*
 * Sources of the expected values:
 *  - item points, from the Type 2 Diabetes Risk Assessment Form (FINDRISC; Tuomilehto & Lindström, Finnish
 *    Diabetes Association), the published form of Lindström & Tuomilehto, Diabetes Care 2003;26:725-731:
 *    age < 45 → 0, 45–54 → 2, 55–64 → 3, > 64 → 4; BMI < 25 → 0, 25–30 → 1, > 30 → 3;
 *    waist men < 94 → 0, 94–102 → 3, > 102 → 4, women < 80 → 0, 80–88 → 3, > 88 → 4;
 *    not ≥ 30 min activity daily → 2; vegetables/fruit/berries not every day → 1; BP medication ever → 2;
 *    high blood glucose ever → 5; family: grandparent/aunt/uncle/first cousin → 3, parent/sibling/child → 5.
 *  - bands and wording, from the same form: < 7 "Low: estimated 1 in 100 will develop disease"; 7–11 slightly
 *    elevated, 1 in 25; 12–14 moderate, 1 in 6; 15–20 high, 1 in 3; > 20 very high, 1 in 2.
 *  - the totals below are sums of those printed item points (hand arithmetic, noted per case).
 */
const base = { age: 40, sex: 'male', bmi: 22, waist_cm: 85, active_30min_daily: true, veg_fruit_daily: true, bp_meds_ever: false, high_glucose_ever: false, family: 'none' } as const;
type Input = Parameters<typeof findriscModel.compute>[0];
const run = (over: Partial<Input> = {}) => findriscModel.compute({ ...base, ...over } as Input);

describe('findrisc', () => {
  it('scores every item as the form prints it', () => {
    expect(run().outputs).toEqual({ points: 0, band: 'low', ten_year_risk_text: 'Low: estimated 1 in 100 will develop disease' });
    expect(run({ age: 45 }).outputs.points).toBe(2);
    expect(run({ age: 54 }).outputs.points).toBe(2);
    expect(run({ age: 55 }).outputs.points).toBe(3);
    expect(run({ age: 64 }).outputs.points).toBe(3);
    expect(run({ age: 65 }).outputs.points).toBe(4);
    expect(run({ bmi: 24.99 }).outputs.points).toBe(0);
    expect(run({ bmi: 25 }).outputs.points).toBe(1);
    expect(run({ bmi: 30 }).outputs.points).toBe(1);
    expect(run({ bmi: 30.1 }).outputs.points).toBe(3);
    expect(run({ waist_cm: 93.9 }).outputs.points).toBe(0);
    expect(run({ waist_cm: 94 }).outputs.points).toBe(3);
    expect(run({ waist_cm: 102 }).outputs.points).toBe(3);
    expect(run({ waist_cm: 103 }).outputs.points).toBe(4);
    expect(run({ sex: 'female', waist_cm: 79.9 }).outputs.points).toBe(0);
    expect(run({ sex: 'female', waist_cm: 80 }).outputs.points).toBe(3);
    expect(run({ sex: 'female', waist_cm: 88 }).outputs.points).toBe(3);
    expect(run({ sex: 'female', waist_cm: 89 }).outputs.points).toBe(4);
    expect(run({ active_30min_daily: false }).outputs.points).toBe(2);
    expect(run({ veg_fruit_daily: false }).outputs.points).toBe(1);
    expect(run({ bp_meds_ever: true }).outputs.points).toBe(2);
    expect(run({ high_glucose_ever: true }).outputs.points).toBe(5);
    expect(run({ family: 'second_degree' }).outputs.points).toBe(3);
    expect(run({ family: 'first_degree' }).outputs.points).toBe(5);
  });

  it.each([
    // [overrides, points, band, text fragment]
    [{ age: 50, bmi: 27 }, 3, 'low', '1 in 100'], // 2 + 1
    [{ age: 50, bmi: 27, bp_meds_ever: true, active_30min_daily: false }, 7, 'slightly_elevated', '1 in 25'], // 2+1+2+2
    [{ age: 60, bmi: 31, waist_cm: 95, veg_fruit_daily: false }, 10, 'slightly_elevated', '1 in 25'], // 3+3+3+1
    [{ age: 60, bmi: 31, waist_cm: 95, veg_fruit_daily: false, bp_meds_ever: true }, 12, 'moderate', '1 in 6'], // 3+3+3+1+2
    [{ age: 60, bmi: 31, waist_cm: 95, high_glucose_ever: true }, 14, 'moderate', '1 in 6'], // 3+3+3+5
    [{ age: 60, bmi: 31, waist_cm: 95, high_glucose_ever: true, veg_fruit_daily: false }, 15, 'high', '1 in 3'], // 3+3+3+5+1
    [{ age: 66, bmi: 31, waist_cm: 110, high_glucose_ever: true, family: 'first_degree' }, 21, 'very_high', '1 in 2'], // 4+3+4+5+5
    [{ age: 70, bmi: 35, waist_cm: 110, active_30min_daily: false, veg_fruit_daily: false, bp_meds_ever: true, high_glucose_ever: true, family: 'first_degree' }, 26, 'very_high', '1 in 2'], // form maximum
    [{ age: 60, bmi: 28, waist_cm: 100, family: 'second_degree', active_30min_daily: false, veg_fruit_daily: false, bp_meds_ever: true }, 15, 'high', '1 in 3'], // 3+1+3+3+2+1+2
    [{ age: 60, bmi: 28, waist_cm: 100, family: 'second_degree', active_30min_daily: false, veg_fruit_daily: false, bp_meds_ever: true, high_glucose_ever: true }, 20, 'high', '1 in 3'], // 15+5
  ] as const)('%o → %i points, %s', (over, points, band, text) => {
    const { outputs } = run(over);
    expect(outputs).toMatchObject({ points, band });
    expect(outputs.ten_year_risk_text).toContain(text);
  });

  it('scores an unanswered optional item as 0 and says so', () => {
    const { outputs, warnings } = findriscModel.compute({ age: 50, sex: 'female', bmi: 27 });
    expect(outputs.points).toBe(3);
    expect(warnings[0]).toMatch(/Not answered: waist_cm, active_30min_daily, veg_fruit_daily, bp_meds_ever, high_glucose_ever, family/);
    expect(run().warnings).toEqual([]);
  });

  it('warns outside the derivation ages (35-64)', () => {
    expect(run({ age: 30 }).warnings).toEqual([expect.stringMatching(/35-64/)]);
    expect(run({ age: 70 }).warnings).toEqual([expect.stringMatching(/35-64/)]);
  });

  const sex = fc.constantFrom('female' as const, 'male' as const);
  const family = fc.constantFrom('none' as const, 'second_degree' as const, 'first_degree' as const);
  const answers = fc.record({
    age: fc.double({ min: 18, max: 100, noNaN: true }),
    sex,
    bmi: fc.double({ min: 15, max: 60, noNaN: true }),
    waist_cm: fc.double({ min: 50, max: 180, noNaN: true }),
    active_30min_daily: fc.boolean(),
    veg_fruit_daily: fc.boolean(),
    bp_meds_ever: fc.boolean(),
    high_glucose_ever: fc.boolean(),
    family,
  });

  it('property: points in 0..26, deterministic, band consistent with the points', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const { outputs } = findriscModel.compute(a);
        const again = findriscModel.compute(a).outputs;
        const expectedBand = outputs.points < 7 ? 'low' : outputs.points < 12 ? 'slightly_elevated' : outputs.points < 15 ? 'moderate' : outputs.points <= 20 ? 'high' : 'very_high';
        return Number.isInteger(outputs.points) && outputs.points >= 0 && outputs.points <= 26 && outputs.band === expectedBand && again.points === outputs.points;
      }),
    );
  });

  it('property: points non-decreasing in age, BMI and waist', () => {
    fc.assert(
      fc.property(answers, fc.double({ min: 0, max: 30, noNaN: true }), (a, d) => {
        const p = findriscModel.compute(a).outputs.points;
        return (
          findriscModel.compute({ ...a, age: Math.min(120, a.age + d) }).outputs.points >= p &&
          findriscModel.compute({ ...a, bmi: a.bmi + d }).outputs.points >= p &&
          findriscModel.compute({ ...a, waist_cm: a.waist_cm + d }).outputs.points >= p
        );
      }),
    );
  });

  it('property: a missing optional answer never scores more than any answer to it', () => {
    const optional = ['waist_cm', 'active_30min_daily', 'veg_fruit_daily', 'bp_meds_ever', 'high_glucose_ever', 'family'] as const;
    fc.assert(
      fc.property(answers, fc.subarray([...optional]), (a, drop) => {
        const partial: Record<string, unknown> = { ...a };
        for (const key of drop) delete partial[key];
        return findriscModel.compute(partial as Input).outputs.points <= findriscModel.compute(a).outputs.points;
      }),
    );
  });
});
