import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bmiModel } from './bmi.model.js';

/*
 * Sources of the expected values:
 *  - arithmetic of the definition, BMI = kg / m² (WHO TRS 894, 2000): 70 kg at 1.75 m = 22.857142857…
 *  - class boundaries from WHO TRS 894 Table 2.1: < 18.50 underweight, 18.50–24.99 normal, 25.00–29.99
 *    pre-obese (overweight), 30.00–34.99 obese class I, 35.00–39.99 class II, ≥ 40.00 class III.
 */
const run = (height_m: number, weight_kg: number) => bmiModel.compute({ height_m, weight_kg });

describe('bmi', () => {
  it('computes kg/m², unrounded', () => {
    expect(run(1.75, 70).outputs.bmi).toBeCloseTo(22.857142857142858, 12);
  });

  it.each([
    [1.8, 59.9, 'underweight'], // 18.488
    [1.8, 60, 'normal'], // 18.519
    [1.8, 80.9, 'normal'], // 24.969
    [1.8, 81, 'overweight'], // 25.000
    [1.8, 97.3, 'obese_class_1'], // 30.03
    [1.8, 113.5, 'obese_class_2'], // 35.03
    [1.8, 129.7, 'obese_class_3'], // 40.03
  ])('height %s m, weight %s kg → %s (WHO Table 2.1)', (h, w, category) => {
    expect(run(h, w).outputs).toMatchObject({ category });
  });

  it('property: deterministic, positive, and increasing in weight at fixed height', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.2, max: 2.5, noNaN: true }), fc.double({ min: 1, max: 600, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), (h, w, extra) => {
        const a = run(h, w).outputs;
        const b = run(h, w + extra).outputs;
        return a.bmi > 0 && b.bmi > a.bmi && run(h, w).outputs.bmi === a.bmi;
      }),
    );
  });

  it('warns that adult classes do not apply below 1.2 m', () => {
    expect(run(1.1, 20).warnings).toEqual([expect.stringMatching(/children/)]);
  });
});
