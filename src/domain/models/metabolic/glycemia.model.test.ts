import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GLYCEMIA_CATEGORIES, glycemiaModel } from './glycemia.model.js';

/*
 * Sources of the expected values:
 *  - ADA Standards of Care in Diabetes—2025, section 2, Table 2.1 (diabetes: HbA1c ≥ 6.5 %, FPG ≥ 126 mg/dL) and
 *    Table 2.2 (prediabetes: HbA1c 5.7–6.4 %, FPG 100–125 mg/dL); below those, normal.
 *  - same section, text: without unequivocal hyperglycemia the diagnosis requires two abnormal results from the
 *    same sample or two separate samples; discordant results → repeat the test above its cut point (considering
 *    HbA1c assay interference). Our rule for discordance (report the higher category, warn) follows from it.
 */
const run = (input: Parameters<typeof glycemiaModel.compute>[0]) => glycemiaModel.compute(input);

describe('glycemia', () => {
  it.each([
    [5.6, 'normal'],
    [5.7, 'prediabetes'],
    [6.4, 'prediabetes'],
    [6.5, 'diabetes'],
    [9.1, 'diabetes'],
  ] as const)('HbA1c %s percent → %s (Tables 2.1/2.2)', (hba1c_percent, category) => {
    expect(run({ hba1c_percent }).outputs).toEqual({ category });
  });

  it.each([
    [99, 'normal'],
    [100, 'prediabetes'],
    [125, 'prediabetes'],
    [126, 'diabetes'],
  ] as const)('FPG %i mg/dL → %s (Tables 2.1/2.2)', (fasting_glucose_mgdl, category) => {
    expect(run({ fasting_glucose_mgdl }).outputs).toEqual({ category });
  });

  it('says a diabetes-range single test needs confirmation', () => {
    const { outputs, warnings } = run({ hba1c_percent: 7 });
    expect(outputs.category).toBe('diabetes');
    expect(warnings).toEqual([expect.stringMatching(/needs confirmation.*two abnormal results/)]);
    expect(run({ hba1c_percent: 5.9 }).warnings).toEqual([]);
  });

  it('two concordant diabetes-range tests: confirmation if from the same or separate samples', () => {
    const { outputs, warnings } = run({ hba1c_percent: 7, fasting_glucose_mgdl: 140 });
    expect(outputs.category).toBe('diabetes');
    expect(warnings).toEqual([expect.stringMatching(/Both tests are in the diabetes range/)]);
  });

  it('discordant tests: the higher category, with the ADA advice to repeat the test above its cut point', () => {
    const { outputs, warnings } = run({ hba1c_percent: 6.7, fasting_glucose_mgdl: 110 });
    expect(outputs.category).toBe('diabetes');
    expect(warnings[0]).toMatch(/Discordant results \(HbA1c: diabetes, fasting glucose: prediabetes\).*repeating the test/);
    expect(warnings[1]).toMatch(/needs confirmation/);
    expect(run({ hba1c_percent: 5.5, fasting_glucose_mgdl: 104 }).outputs.category).toBe('prediabetes');
  });

  it('needs at least one test (422 naming the body)', () => {
    expect(() => run({})).toThrow(expect.objectContaining({ name: 'ModelInputError', field: 'body' }));
  });

  const a1c = fc.double({ min: 3, max: 15, noNaN: true });
  const fpg = fc.double({ min: 40, max: 400, noNaN: true });
  const rank = (c: string) => GLYCEMIA_CATEGORIES.indexOf(c as never);

  it('property: deterministic, monotone in each test, and a second test never lowers the category', () => {
    fc.assert(
      fc.property(a1c, fpg, fc.double({ min: 0, max: 5, noNaN: true }), (h, f, d) => {
        const both = rank(run({ hba1c_percent: h, fasting_glucose_mgdl: f }).outputs.category);
        return (
          both === rank(run({ hba1c_percent: h, fasting_glucose_mgdl: f }).outputs.category) &&
          both >= rank(run({ hba1c_percent: h }).outputs.category) &&
          both >= rank(run({ fasting_glucose_mgdl: f }).outputs.category) &&
          rank(run({ hba1c_percent: h + d }).outputs.category) >= rank(run({ hba1c_percent: h }).outputs.category) &&
          rank(run({ fasting_glucose_mgdl: f + 20 * d }).outputs.category) >= rank(run({ fasting_glucose_mgdl: f }).outputs.category)
        );
      }),
    );
  });

  it('property: a missing test never invents a category worse than the given one', () => {
    fc.assert(fc.property(a1c, (h) => run({ hba1c_percent: h }).outputs.category === ['normal', 'prediabetes', 'diabetes'][h >= 6.5 ? 2 : h >= 5.7 ? 1 : 0]));
  });
});
