import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { epworthModel } from './epworth.model.js';

/*
 * Sources of the expected values:
 *  - total = sum of the eight 0–3 situation scores, 0–24; > 10 indicates excessive daytime sleepiness
 *    (Johns 1991, Sleep 14:540; normal subjects scored 2–10).
 *  - bands as published by the scale's author on the official ESS site (M. W. Johns, epworthsleepinessscale.com,
 *    "About the ESS"), read here through pages that reproduce them: 0–5 lower normal, 6–10 higher normal, 11–12 mild
 *    excessive, 13–15 moderate excessive, 16–24 severe excessive daytime sleepiness. Boundaries worked by hand.
 */
const run = (items: number[]) => epworthModel.compute({ items });
const itemsFor = (total: number) => Array.from({ length: 8 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe('epworth', () => {
  it('reports every output (a fully worked case)', () => {
    // 1+2+0+3+3+1+2+0 = 12 → mild excessive, EDS (> 10).
    expect(run([1, 2, 0, 3, 3, 1, 2, 0])).toEqual({ outputs: { total: 12, band: 'mild_excessive', excessive_daytime_sleepiness: true }, warnings: [] });
  });

  it.each([
    [0, 'lower_normal', false],
    [5, 'lower_normal', false],
    [6, 'higher_normal', false],
    [10, 'higher_normal', false],
    [11, 'mild_excessive', true],
    [12, 'mild_excessive', true],
    [13, 'moderate_excessive', true],
    [15, 'moderate_excessive', true],
    [16, 'severe_excessive', true],
    [24, 'severe_excessive', true],
  ])('total %i → %s, EDS %s (official ESS bands; Johns 1991 > 10)', (total, band, eds) => {
    expect(run(itemsFor(total)).outputs).toEqual({ total, band, excessive_daytime_sleepiness: eds });
  });

  const ORDER = ['lower_normal', 'higher_normal', 'mild_excessive', 'moderate_excessive', 'severe_excessive'];
  const items = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 });

  it('property: total in 0–24 equals the item sum; band monotone; deterministic', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 7 }), (xs, i) => {
        const { outputs } = run(xs);
        const sum = xs.reduce((a, b) => a + b, 0);
        const ok = outputs.total === sum && sum <= 24 && outputs.excessive_daytime_sleepiness === sum > 10 && JSON.stringify(run(xs)) === JSON.stringify(run([...xs]));
        if (xs[i]! === 3) return ok;
        const higher = xs.map((x, j) => (j === i ? x + 1 : x));
        return ok && ORDER.indexOf(run(higher).outputs.band) >= ORDER.indexOf(outputs.band);
      }),
    );
  });

  it('input schema: exactly 8 integers 0–3, nothing else', () => {
    const ok = (v: unknown) => Value.Check(epworthModel.inputSchema, v);
    expect(ok({ items: Array(8).fill(3) })).toBe(true);
    expect(ok({ items: Array(7).fill(1) })).toBe(false);
    expect(ok({ items: [4, ...Array(7).fill(0)] })).toBe(false);
    expect(ok({ items: [1.5, ...Array(7).fill(0)] })).toBe(false);
    expect(ok({ items: Array(8).fill(0), total: 0 })).toBe(false);
  });
});
