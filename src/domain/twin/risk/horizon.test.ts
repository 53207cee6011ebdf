import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantHazardProbability } from './horizon.js';

const p = fc.double({ min: 0, max: 1, noNaN: true });
const years = fc.double({ min: 0, max: 10, noNaN: true });

describe('constantHazardProbability', () => {
  it('is 1 − (1 − p)^(h/T): 10 % over 10 years → 6 months 1 − 0.9^0.05', () => {
    expect(constantHazardProbability(0.1, 10, 0.5)).toBe(1 - 0.9 ** 0.05);
    expect(constantHazardProbability(0.1, 10, 0.5)).toBeCloseTo(0.0052542, 7);
  });

  it('returns the model’s own risk at its own horizon, 0 at 0, and keeps certainty certain', () => {
    expect(constantHazardProbability(0.3, 10, 10)).toBeCloseTo(0.3, 15);
    expect(constantHazardProbability(0.3, 10, 0)).toBe(0);
    expect(constantHazardProbability(1, 10, 0.25)).toBe(1);
  });

  it('property: in [0, 1], never above the 10-year risk, and monotone in the horizon', () => {
    fc.assert(
      fc.property(p, years, years, (risk, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const pShort = constantHazardProbability(risk, 10, short);
        const pLong = constantHazardProbability(risk, 10, long);
        expect(pShort).toBeGreaterThanOrEqual(0);
        expect(pLong).toBeLessThanOrEqual(risk + 1e-15);
        expect(pShort).toBeLessThanOrEqual(pLong + 1e-15);
      }),
    );
  });
});
