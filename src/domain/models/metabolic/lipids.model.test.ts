import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lipidsModel } from './lipids.model.js';

/*
 * Sources of the expected values:
 *  - NCEP ATP III Executive Summary (JAMA 2001;285:2486-2497), Table 2, mg/dL: LDL < 100 optimal, 100–129 near
 *    optimal/above optimal, 130–159 borderline high, 160–189 high, ≥ 190 very high; total cholesterol < 200
 *    desirable, 200–239 borderline high, ≥ 240 high; HDL < 40 low, ≥ 60 high (40–59 unnamed: `normal` here).
 *  - triglycerides, same report: < 150 normal, 150–199 borderline high, 200–499 high, ≥ 500 very high.
 */
const run = (input: Parameters<typeof lipidsModel.compute>[0]) => lipidsModel.compute(input);

describe('lipids', () => {
  it.each([
    [99, 'optimal'],
    [100, 'near_optimal'],
    [129, 'near_optimal'],
    [130, 'borderline_high'],
    [159, 'borderline_high'],
    [160, 'high'],
    [189, 'high'],
    [190, 'very_high'],
  ] as const)('LDL %i → %s', (ldl_mgdl, ldl_category) => {
    expect(run({ ldl_mgdl }).outputs).toEqual({ ldl_category });
  });

  it.each([
    [199, 'desirable'],
    [200, 'borderline_high'],
    [239, 'borderline_high'],
    [240, 'high'],
  ] as const)('total cholesterol %i → %s', (total_chol_mgdl, total_chol_category) => {
    expect(run({ total_chol_mgdl }).outputs).toEqual({ total_chol_category });
  });

  it.each([
    [39, 'low'],
    [40, 'normal'],
    [59, 'normal'],
    [60, 'high'],
  ] as const)('HDL %i → %s', (hdl_mgdl, hdl_category) => {
    expect(run({ hdl_mgdl }).outputs).toEqual({ hdl_category });
  });

  it.each([
    [149, 'normal'],
    [150, 'borderline_high'],
    [199, 'borderline_high'],
    [200, 'high'],
    [499, 'high'],
    [500, 'very_high'],
  ] as const)('triglycerides %i → %s', (triglycerides_mgdl, triglycerides_category) => {
    expect(run({ triglycerides_mgdl }).outputs).toEqual({ triglycerides_category });
  });

  it('classifies only the analytes given, all four at once', () => {
    expect(run({ total_chol_mgdl: 213, ldl_mgdl: 140, hdl_mgdl: 50, triglycerides_mgdl: 120 })).toEqual({
      outputs: { total_chol_category: 'borderline_high', ldl_category: 'borderline_high', hdl_category: 'normal', triglycerides_category: 'normal' },
      warnings: [],
    });
  });

  it('needs at least one analyte (422 naming the body)', () => {
    expect(() => run({})).toThrow(expect.objectContaining({ name: 'ModelInputError', field: 'body' }));
  });

  it('property: deterministic, and LDL/total/TG categories never improve as the value rises', () => {
    const order = { ldl: ['optimal', 'near_optimal', 'borderline_high', 'high', 'very_high'], tc: ['desirable', 'borderline_high', 'high'], tg: ['normal', 'borderline_high', 'high', 'very_high'] };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (v, d) => {
        const a = run({ ldl_mgdl: v, total_chol_mgdl: v, triglycerides_mgdl: v }).outputs;
        const b = run({ ldl_mgdl: v + d, total_chol_mgdl: v + d, triglycerides_mgdl: v + d }).outputs;
        return (
          order.ldl.indexOf(b.ldl_category!) >= order.ldl.indexOf(a.ldl_category!) &&
          order.tc.indexOf(b.total_chol_category!) >= order.tc.indexOf(a.total_chol_category!) &&
          order.tg.indexOf(b.triglycerides_category!) >= order.tg.indexOf(a.triglycerides_category!) &&
          JSON.stringify(run({ ldl_mgdl: v }).outputs) === JSON.stringify(run({ ldl_mgdl: v }).outputs)
        );
      }),
    );
  });

  it('property: a missing analyte yields no category for it (never an invented one)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 300, noNaN: true }), (v) => Object.keys(run({ hdl_mgdl: v }).outputs).join() === 'hdl_category'));
  });
});
