import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ascvdRiskCategoryModel } from './ascvd-risk-category.model.js';

/*
 * Sources of the expected values:
 *  - 2018 AHA/ACC cholesterol guideline (Grundy et al., Circulation 2019;139:e1082) and 2019 ACC/AHA primary
 *    prevention guideline (Arnett et al., Circulation 2019;140:e596): 10-year ASCVD risk < 5 % low,
 *    5 % to < 7.5 % borderline, >= 7.5 % to < 20 % intermediate, >= 20 % high. The bands are half-open, so each
 *    boundary value belongs to the band above it.
 */
const category = (risk10y_percent: number) => ascvdRiskCategoryModel.compute({ risk10y_percent }).outputs.category;
const ORDER = ['low', 'borderline', 'intermediate', 'high'] as const;

describe('ascvd-risk-category', () => {
  it.each([
    [0, 'low'],
    [4.999, 'low'],
    [5, 'borderline'],
    [7.499, 'borderline'],
    [7.5, 'intermediate'],
    [19.999, 'intermediate'],
    [20, 'high'],
    [100, 'high'],
  ] as const)('%s %% → %s', (risk, expected) => {
    expect(category(risk)).toBe(expected);
  });

  it('uses the exact value (no rounding): 4.9999 is still low', () => {
    expect(category(4.9999)).toBe('low');
  });

  it('schema: a percentage 0-100 only', () => {
    expect(Value.Check(ascvdRiskCategoryModel.inputSchema, { risk10y_percent: 7.5 })).toBe(true);
    expect(Value.Check(ascvdRiskCategoryModel.inputSchema, { risk10y_percent: -1 })).toBe(false);
    expect(Value.Check(ascvdRiskCategoryModel.inputSchema, { risk10y_percent: 101 })).toBe(false);
    expect(Value.Check(ascvdRiskCategoryModel.inputSchema, { risk: 7.5 })).toBe(false);
  });

  it('property: deterministic and monotone (a higher risk never gets a lower category)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return ORDER.indexOf(category(lo)) <= ORDER.indexOf(category(hi)) && category(a) === category(a);
      }),
    );
  });
});
