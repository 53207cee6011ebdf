// Expected values are hand computations: steps score = 100·steps/10 000 (< 60 y) or /8 000 (≥ 60 y), minutes score =
// 100·(active + vigorous)/(300/7), both capped at 100, weights 50/50 (docs/health-data.md § activity_score).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityScore, type ActivityScoreInput } from './activity-score.js';

const score = (input: ActivityScoreInput) => {
  const r = activityScore(input);
  if (r.value === null) throw new Error(`expected a score, got ${r.reason}`);
  return r;
};

describe('activityScore: worked examples at the anchors', () => {
  it('10 000 steps and 43 min (≥ 300/7 = 42.86) at 40 y → 100', () => {
    expect(score({ steps: 10_000, active_minutes: 43, age_years: 40, worn_minutes: 900 }).value).toBe(100);
  });

  it('5 000 steps (50) and 30 min (70) → 60', () => {
    const r = score({ steps: 5_000, active_minutes: 30, age_years: 40, worn_minutes: 900 });
    expect(r.components).toEqual({ steps: { input: 5000, score: 50, weight: 0.5 }, active_minutes: { input: 30, score: 70, weight: 0.5 } });
    expect(r.value).toBe(60);
    expect(r.warnings).toEqual([]);
  });

  it('the WHO minimum (150/7 ≈ 21.43 min/day) scores 50 on the minutes component', () => {
    expect(score({ steps: null, active_minutes: 150 / 7, age_years: 40 }).components.active_minutes!.score).toBeCloseTo(50, 12);
  });

  it('60 y and over: 8 000 steps → 100, 6 000 → 75 (Paluch: levelling at 6 000–8 000)', () => {
    expect(score({ steps: 8_000, active_minutes: null, age_years: 65 }).value).toBe(100);
    expect(score({ steps: 6_000, active_minutes: null, age_years: 65 }).value).toBe(75);
    expect(score({ steps: 8_000, active_minutes: null, age_years: 59 }).value).toBe(80);
  });

  it('vigorous minutes count twice (WHO): 20 active of which 10 vigorous = 30 equivalent → 70', () => {
    expect(score({ steps: null, active_minutes: 20, vigorous_minutes: 10, age_years: 40 }).components.active_minutes).toEqual({
      input: 30,
      score: 70,
      weight: 1,
    });
  });

  it('one component missing: its weight goes to the other, and the result says so', () => {
    const r = score({ steps: 7_500, active_minutes: null, age_years: null });
    expect(r.value).toBe(75);
    expect(r.components.steps!.weight).toBe(1);
    expect(r.age_assumed).toBe(true);
    expect(r.warnings).toEqual([
      'wear time unknown: a day the device was barely worn scores low',
      'active minutes unknown: scored on steps alone',
    ]);
  });
});

describe('activityScore: insufficient inputs', () => {
  it('no data, under 18, under 10 h of wear → null with the reason', () => {
    expect(activityScore({ steps: null, active_minutes: null, age_years: 40 })).toMatchObject({ value: null, reason: 'no_activity_data' });
    expect(activityScore({ steps: 9000, active_minutes: 30, age_years: 17 })).toMatchObject({ value: null, reason: 'age_not_supported' });
    expect(activityScore({ steps: 9000, active_minutes: 30, age_years: 40, worn_minutes: 599 })).toMatchObject({
      value: null,
      reason: 'insufficient_wear',
    });
  });
  it('impossible inputs throw', () => {
    expect(() => activityScore({ steps: -1, active_minutes: null, age_years: 40 })).toThrow(RangeError);
    expect(() => activityScore({ steps: 1, active_minutes: 5, vigorous_minutes: 6, age_years: 40 })).toThrow(RangeError);
  });
});

describe('activityScore: properties', () => {
  const stepsArb = fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null });
  const minutesArb = fc.option(fc.integer({ min: 0, max: 600 }), { nil: null });
  const ageArb = fc.option(fc.integer({ min: 18, max: 100 }), { nil: null });
  it('an integer in 0–100, and more steps or more active minutes never lower it', () => {
    fc.assert(
      fc.property(
        stepsArb,
        minutesArb,
        ageArb,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 120 }),
        (steps, active, age, ds, dm) => {
          if (steps === null && active === null) return;
          const base = score({ steps, active_minutes: active, age_years: age });
          expect(Number.isInteger(base.value) && base.value >= 0 && base.value <= 100).toBe(true);
          const more = score({
            steps: steps === null ? null : steps + ds,
            active_minutes: active === null ? null : active + dm,
            age_years: age,
          });
          expect(more.value).toBeGreaterThanOrEqual(base.value);
        },
      ),
    );
  });
});
