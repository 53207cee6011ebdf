import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { phq9Model } from './phq9.model.js';

/*
 * Sources of the expected values:
 *  - total = sum of the nine 0–3 item scores, range 0–27 (Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606, "Scoring").
 *  - severity cut points: "PHQ-9 scores of 5, 10, 15, and 20 represented mild, moderate, moderately severe, and severe
 *    depression" (Kroenke 2001, abstract and Table 3); below 5 minimal. Boundary totals worked by hand from that rule.
 *  - meets_cutoff_10: total ≥ 10, the cut-off with 88 % sensitivity and specificity for major depression (Kroenke 2001).
 *  - PHQ-2 = items 1 + 2 (0–6), positive at ≥ 3 (Kroenke, Spitzer & Williams 2003, Med Care 41:1284, recommended cut-point).
 *  - item9_positive: item 9 ("thoughts that you would be better off dead or of hurting yourself") scored > 0, the
 *    PHQ-9 instruction that any positive answer needs further assessment (Kroenke 2001). Worked by hand.
 */
const run = (items: number[]) => phq9Model.compute({ items });
/** Nine items adding up to `total`, filled from item 1 (worked by hand: 3,3,3,… then the remainder). */
const itemsFor = (total: number) => Array.from({ length: 9 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe('phq9', () => {
  it('sums the items and reports every output (a fully worked case)', () => {
    // items 1,2,1,0,2,1,0,1,1 → total 9 (mild); PHQ-2 = 1 + 2 = 3 (positive); item 9 = 1 (positive).
    expect(run([1, 2, 1, 0, 2, 1, 0, 1, 1]).outputs).toEqual({
      total: 9,
      severity: 'mild',
      item9_positive: true,
      phq2_total: 3,
      phq2_positive: true,
      meets_cutoff_10: false,
    });
  });

  it.each([
    [0, 'minimal', false],
    [4, 'minimal', false],
    [5, 'mild', false],
    [9, 'mild', false],
    [10, 'moderate', true],
    [14, 'moderate', true],
    [15, 'moderately_severe', true],
    [19, 'moderately_severe', true],
    [20, 'severe', true],
    [27, 'severe', true],
  ])('total %i → %s, meets cut-off 10: %s (Kroenke 2001 cut points)', (total, severity, meets) => {
    const { outputs } = run(itemsFor(total));
    expect(outputs).toMatchObject({ total, severity, meets_cutoff_10: meets });
  });

  it('PHQ-2 is items 1 and 2 only, positive from 3 (Kroenke 2003)', () => {
    expect(run([1, 1, 3, 3, 3, 3, 3, 3, 0]).outputs).toMatchObject({ phq2_total: 2, phq2_positive: false, total: 20 });
    expect(run([2, 1, 0, 0, 0, 0, 0, 0, 0]).outputs).toMatchObject({ phq2_total: 3, phq2_positive: true, total: 3, severity: 'minimal' });
  });

  it('item 9 positive whatever the total, and warns', () => {
    const r = run([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.outputs).toMatchObject({ total: 1, severity: 'minimal', item9_positive: true });
    expect(r.warnings).toEqual([expect.stringMatching(/item 9/)]);
    expect(run([3, 3, 3, 3, 3, 3, 3, 3, 0]).outputs.item9_positive).toBe(false);
  });

  const ORDER = ['minimal', 'mild', 'moderate', 'moderately_severe', 'severe'];
  const items = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 });

  it('property: total in 0–27 equals the item sum; PHQ-2 in 0–6; deterministic', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const { outputs } = run(xs);
        const sum = xs.reduce((a, b) => a + b, 0);
        return (
          outputs.total === sum &&
          outputs.total >= 0 &&
          outputs.total <= 27 &&
          outputs.phq2_total === xs[0]! + xs[1]! &&
          outputs.meets_cutoff_10 === sum >= 10 &&
          JSON.stringify(run(xs)) === JSON.stringify(run([...xs]))
        );
      }),
    );
  });

  it('property: severity never decreases when an item score rises', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 8 }), (xs, i) => {
        fc.pre(xs[i]! < 3);
        const higher = xs.map((x, j) => (j === i ? x + 1 : x));
        return ORDER.indexOf(run(higher).outputs.severity) >= ORDER.indexOf(run(xs).outputs.severity);
      }),
    );
  });

  it('input schema: exactly 9 integers 0–3, nothing else', () => {
    const ok = (v: unknown) => Value.Check(phq9Model.inputSchema, v);
    expect(ok({ items: Array(9).fill(3) })).toBe(true);
    expect(ok({ items: Array(8).fill(1) })).toBe(false);
    expect(ok({ items: [4, ...Array(8).fill(0)] })).toBe(false);
    expect(ok({ items: [1.5, ...Array(8).fill(0)] })).toBe(false);
    expect(ok({ items: Array(9).fill(0), total: 0 })).toBe(false);
  });
});
