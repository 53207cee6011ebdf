import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { gad7Model } from './gad7.model.js';

/*
 * Sources of the expected values:
 *  - total = sum of the seven 0–3 item scores, 0–21; "cut points of 5, 10, and 15 might be interpreted as representing
 *    mild, moderate, and severe levels of anxiety" and ≥ 10 the recommended cut point (Spitzer, Kroenke, Williams & Löwe
 *    2006, Arch Intern Med 166:1092, Results/Comment). Boundary totals worked by hand from those cut points.
 *  - GAD-2 = items 1 + 2 (0–6), positive at ≥ 3 (Kroenke et al. 2007, Ann Intern Med 146:317).
 */
const run = (items: number[]) => gad7Model.compute({ items });
const itemsFor = (total: number) => Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe('gad7', () => {
  it('reports every output (a fully worked case)', () => {
    // items 2,2,1,1,0,3,1 → total 10 (moderate, meets 10); GAD-2 = 4 (positive).
    expect(run([2, 2, 1, 1, 0, 3, 1])).toEqual({
      outputs: { total: 10, severity: 'moderate', gad2_total: 4, gad2_positive: true, meets_cutoff_10: true },
      warnings: [],
    });
  });

  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'severe', true],
    [21, 'severe', true],
  ])('total %i → %s, meets cut-off 10: %s (Spitzer 2006)', (total, severity, meets) => {
    expect(run(itemsFor(total)).outputs).toMatchObject({ total, severity, meets_cutoff_10: meets });
  });

  it('GAD-2 is items 1 and 2, positive from 3 (Kroenke 2007)', () => {
    expect(run([1, 1, 3, 3, 3, 3, 3]).outputs).toMatchObject({ gad2_total: 2, gad2_positive: false, severity: 'severe' });
    expect(run([0, 3, 0, 0, 0, 0, 0]).outputs).toMatchObject({ gad2_total: 3, gad2_positive: true, severity: 'minimal' });
  });

  const ORDER = ['minimal', 'mild', 'moderate', 'severe'];
  const items = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 });

  it('property: total in 0–21 equals the item sum; deterministic', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const { outputs } = run(xs);
        const sum = xs.reduce((a, b) => a + b, 0);
        return outputs.total === sum && sum <= 21 && outputs.gad2_total === xs[0]! + xs[1]! && JSON.stringify(run(xs)) === JSON.stringify(run([...xs]));
      }),
    );
  });

  it('property: severity monotone in the total', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 6 }), (xs, i) => {
        fc.pre(xs[i]! < 3);
        const higher = xs.map((x, j) => (j === i ? x + 1 : x));
        return ORDER.indexOf(run(higher).outputs.severity) >= ORDER.indexOf(run(xs).outputs.severity);
      }),
    );
  });

  it('input schema: exactly 7 integers 0–3, nothing else', () => {
    const ok = (v: unknown) => Value.Check(gad7Model.inputSchema, v);
    expect(ok({ items: Array(7).fill(3) })).toBe(true);
    expect(ok({ items: Array(6).fill(1) })).toBe(false);
    expect(ok({ items: [4, ...Array(6).fill(0)] })).toBe(false);
    expect(ok({ items: [1.5, ...Array(6).fill(0)] })).toBe(false);
    expect(ok({ items: Array(7).fill(0), total: 0 })).toBe(false);
  });
});
