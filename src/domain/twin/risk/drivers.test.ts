import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { component, twinOf } from '../simulation/fake-scorer.test-helpers.js';
import { driversOf, severityOf } from './drivers.js';
import { largestRemainder } from './largest-remainder.js';

describe('largestRemainder', () => {
  it('splits 100 by quota, leftover units to the largest fractions', () => {
    // quotas 33.33, 33.33, 33.33 → 34, 33, 33 (tie on fraction and weight → earliest)
    expect(largestRemainder([1, 1, 1])).toEqual([34, 33, 33]);
    // quotas 62.5, 37.5: the fractions tie, the larger weight takes the unit → 63, 37
    expect(largestRemainder([5, 3])).toEqual([63, 37]);
    expect(largestRemainder([0, 0])).toEqual([0, 0]);
  });

  it('property: integers summing to exactly 100, each within 1 of its exact quota', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 12 }), (weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const shares = largestRemainder(weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
        shares.forEach((s, i) => {
          expect(Number.isInteger(s)).toBe(true);
          expect(Math.abs(s - (100 * weights[i]!) / sum)).toBeLessThan(1);
        });
      }),
    );
  });
});

describe('driversOf', () => {
  it('shares the twin’s deficit Σ weight × (100 − sub_score) between its components', () => {
    // deficits: rhr 0.5 × 40 = 20, hrv 0.3 × 50 = 15, steps 0.2 × 0 = 0 → 20/35 = 57.14 %, 15/35 = 42.86 % → 57, 43
    const twin = twinOf('cardiac', [component('resting_hr', 60, 0.5), component('hrv', 50, 0.3), component('steps', 100, 0.2)]);
    expect(driversOf(twin).map((d) => [d.component, d.contribution, d.severity])).toEqual([
      ['resting_hr', 57, 'moderate'],
      ['hrv', 43, 'moderate'],
    ]);
  });

  it('has no drivers when every component is at 100', () => {
    expect(driversOf(twinOf('sleep', [component('a', 100), component('b', 100, 2)]))).toEqual([]);
  });

  it('severity follows the status bands of the sub-score', () => {
    expect([85, 70, 69, 50, 49, 0].map(severityOf)).toEqual(['mild', 'mild', 'moderate', 'moderate', 'severe', 'severe']);
  });

  it('property: contributions sum to exactly 100 whenever some component is below 100', () => {
    const comp = fc.record({ sub: fc.integer({ min: 0, max: 100 }), weight: fc.double({ min: 0.01, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(comp, { minLength: 1, maxLength: 10 }), (parts) => {
        fc.pre(parts.some((p) => p.sub < 100));
        const drivers = driversOf(
          twinOf(
            'metabolic',
            parts.map((p, i) => component(`c${i}`, p.sub, p.weight)),
          ),
        );
        expect(drivers.reduce((a, d) => a + d.contribution, 0)).toBe(100);
        expect(drivers.every((d) => d.contribution > 0 && d.sub_score < 100)).toBe(true);
      }),
    );
  });
});
