import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BP_CATEGORIES, bloodPressureModel } from './blood-pressure.model.js';

/*
 * Sources of the expected values:
 *  - Whelton et al. 2017 ACC/AHA guideline, Table 6 "Categories of BP in Adults": normal SBP < 120 and DBP < 80;
 *    elevated SBP 120–129 and DBP < 80; stage 1 SBP 130–139 or DBP 80–89; stage 2 SBP ≥ 140 or DBP ≥ 90;
 *    footnote: individuals with SBP and DBP in two categories are designated to the higher BP category.
 *  - same guideline, section 11.2 (hypertensive crises): SBP > 180 and/or DBP > 120 mm Hg; the AHA patient chart
 *    ("Understanding Blood Pressure Readings") prints the same "higher than 180 and/or higher than 120".
 */
const run = (sbp: number, dbp: number) => bloodPressureModel.compute({ sbp, dbp });

describe('blood-pressure', () => {
  it.each([
    [119, 79, 'normal'],
    [120, 79, 'elevated'],
    [129, 79, 'elevated'],
    [130, 79, 'stage_1'],
    [139, 70, 'stage_1'],
    [115, 80, 'stage_1'], // DBP 80-89 alone
    [125, 85, 'stage_1'], // elevated SBP + stage-1 DBP → the higher
    [140, 70, 'stage_2'],
    [118, 90, 'stage_2'], // DBP ≥ 90 alone
    [135, 95, 'stage_2'],
    [180, 110, 'stage_2'], // 180 is not "higher than 180"
    [181, 100, 'hypertensive_crisis'],
    [170, 121, 'hypertensive_crisis'],
  ] as const)('%i/%i mmHg → %s', (sbp, dbp, category) => {
    expect(run(sbp, dbp).outputs).toEqual({ category });
  });

  it('warns on a hypertensive crisis, and refuses a diastolic at or above the systolic', () => {
    expect(run(190, 100).warnings).toEqual([expect.stringMatching(/hypertensive emergency/)]);
    expect(run(120, 78).warnings).toEqual([]);
    expect(() => run(80, 80)).toThrow(expect.objectContaining({ name: 'ModelInputError', field: 'dbp' }));
  });

  const reading = fc.tuple(fc.double({ min: 70, max: 260, noNaN: true }), fc.double({ min: 30, max: 69, noNaN: true }));

  it('property: deterministic and never milder than either component', () => {
    fc.assert(
      fc.property(reading, ([sbp, dbp]) => {
        const c = run(sbp, dbp).outputs.category;
        return c === run(sbp, dbp).outputs.category && BP_CATEGORIES.indexOf(c) >= BP_CATEGORIES.indexOf(run(sbp, 40).outputs.category);
      }),
    );
  });

  it('property: monotone in SBP and in DBP', () => {
    fc.assert(
      fc.property(fc.double({ min: 90, max: 250, noNaN: true }), fc.double({ min: 40, max: 85, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), (sbp, dbp, d) => {
        const rank = (s: number, di: number) => BP_CATEGORIES.indexOf(run(s, di).outputs.category);
        return rank(sbp + d, dbp) >= rank(sbp, dbp) && rank(sbp, dbp + Math.min(d, sbp - dbp - 1)) >= rank(sbp, dbp);
      }),
    );
  });
});
