// Expected values are hand computations from the anchors in sleep-recommendations.ts (Hirshkowitz 2015 NSF duration
// table; Ohayon 2017 NSF continuity thresholds) and the weights 40/20/20/20 (docs/health-data.md § quality_score).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNSTAGED, night } from './sleep.test-helpers.js';
import { sleepQualityScore } from './sleep-quality.js';

const score = (...args: Parameters<typeof sleepQualityScore>) => {
  const r = sleepQualityScore(...args);
  if (r.value === null) throw new Error(`expected a score, got ${r.reason}`);
  return r;
};

describe('sleepQualityScore: worked examples at the anchors', () => {
  it('8 h, efficiency 0.90, WASO 10, one awakening > 5 min (adult 40): every component 100 → 100', () => {
    const r = score(night({ long_awakenings: 1 }), 40);
    expect(r.value).toBe(100);
    expect(r.omitted).toEqual([]);
    expect(Object.values(r.components).map((c) => c.weight)).toEqual([0.4, 0.2, 0.2, 0.2]);
  });

  it('6.5 h, no in-bed data, WASO 30.5 (adult): duration 75, WASO 50, weights 40/20 → (3000 + 1000)/60 = 66.7 → 67', () => {
    const r = score(night({ total_sleep_minutes: 390, efficiency: null, awake_after_sleep_onset_minutes: 30.5 }), 40);
    expect(r.components.duration).toEqual({ input: 6.5, score: 75, weight: 40 / 60 });
    expect(r.components.waso).toEqual({ input: 30.5, score: 50, weight: 20 / 60 });
    expect(r.components.efficiency).toBeUndefined();
    expect(r.components.awakenings).toBeUndefined();
    expect(r.omitted.map((o) => o.component)).toEqual(['efficiency', 'awakenings']);
    expect(r.value).toBe(67);
  });

  it('6.5 h, efficiency 0.85, WASO 30.5: (40·75 + 20·100 + 20·50)/80 = 75', () => {
    expect(score(night({ total_sleep_minutes: 390, efficiency: 0.85, awake_after_sleep_onset_minutes: 30.5 }), 40).value).toBe(75);
  });

  it('efficiency anchors: 0.74 → 0, 0.85 → 100; WASO anchors: 20 → 100, 41 → 0', () => {
    expect(score(night({ efficiency: 0.74 }), 40).components.efficiency!.score).toBe(0);
    expect(score(night({ efficiency: 0.85 }), 40).components.efficiency!.score).toBe(100);
    expect(score(night({ awake_after_sleep_onset_minutes: 20 }), 40).components.waso!.score).toBe(100);
    expect(score(night({ awake_after_sleep_onset_minutes: 41 }), 40).components.waso!.score).toBe(0);
  });

  it('awakenings > 5 min anchors: 1 → 100, 4 → 0, 2.5 → 50 (adult); 2 → 100 for 65+', () => {
    expect(score(night({ long_awakenings: 4 }), 40).components.awakenings!.score).toBe(0);
    expect(score(night({ long_awakenings: 2.5 }), 40).components.awakenings!.score).toBe(50);
    expect(score(night({ long_awakenings: 2 }), 70).components.awakenings!.score).toBe(100);
  });

  it('duration anchors for adults 26–64: 0 h → 0, 3 h → 25, 6 h → 50, 7–9 h → 100, 10 h → 50, 12 h → 50 (held)', () => {
    const d = (h: number) => score(night({ total_sleep_minutes: h * 60 }), 40).components.duration!.score;
    expect([d(3), d(6), d(7), d(9), d(10), d(12)]).toEqual([25, 50, 100, 100, 50, 50]);
  });

  it('duration anchors for 65+ (7–8 h recommended, 5–9 h may be appropriate): 4 h → 40, 8.5 h → 75, 9 h → 50', () => {
    const d = (h: number) => score(night({ total_sleep_minutes: h * 60 }), 70).components.duration!.score;
    expect([d(4), d(7.5), d(8.5), d(9)]).toEqual([40, 100, 75, 50]);
  });

  it('18–25 may sleep up to 11 h before reaching 50: 10 h → 75', () => {
    expect(score(night({ total_sleep_minutes: 600 }), 20).components.duration!.score).toBe(75);
  });

  it('unknown age: adults 26–64 assumed and said so', () => {
    const r = score(night(), null);
    expect(r.age_group).toBe('26-64');
    expect(r.age_assumed).toBe(true);
  });

  it('a session that records no wake does not get a perfect WASO for free', () => {
    const r = score(night({ stages: UNSTAGED, awake_after_sleep_onset_minutes: 0, awakenings: 0 }), 40);
    expect(r.components.waso).toBeUndefined();
    expect(r.omitted.map((o) => o.component)).toEqual(['waso', 'awakenings']);
  });
});

describe('sleepQualityScore: insufficient inputs', () => {
  it('no continuity measure (no in-bed data, no recorded wake) → null', () => {
    const r = sleepQualityScore(night({ efficiency: null, stages: UNSTAGED, awake_after_sleep_onset_minutes: 0 }), 40);
    expect(r).toMatchObject({ value: null, reason: 'no_continuity_measure' });
  });
  it('naps, empty sessions, under-18s → null with the reason', () => {
    expect(sleepQualityScore(night({ nap: true }), 40)).toMatchObject({ value: null, reason: 'nap' });
    expect(sleepQualityScore(night({ total_sleep_minutes: 0 }), 40)).toMatchObject({ value: null, reason: 'no_sleep' });
    expect(sleepQualityScore(night(), 16)).toMatchObject({ value: null, reason: 'age_not_supported' });
    expect(sleepQualityScore(night(), 3)).toMatchObject({ value: null, reason: 'age_not_supported' });
  });
  it('impossible inputs throw', () => {
    expect(() => sleepQualityScore(night({ efficiency: 1.2 }), 40)).toThrow(RangeError);
    expect(() => sleepQualityScore(night({ total_sleep_minutes: -1 }), 40)).toThrow(RangeError);
  });
});

describe('sleepQualityScore: properties', () => {
  const ageArb = fc.option(fc.integer({ min: 18, max: 100 }), { nil: null });
  const nightArb = fc.record({
    total_sleep_minutes: fc.integer({ min: 1, max: 16 * 60 }),
    efficiency: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    awake_after_sleep_onset_minutes: fc.integer({ min: 0, max: 300 }),
    awakenings: fc.integer({ min: 0, max: 40 }),
    long_awakenings: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    stages: fc.constantFrom(night().stages, UNSTAGED),
  });

  it('the score is an integer in 0–100 (or null with a reason)', () => {
    fc.assert(
      fc.property(nightArb, ageArb, (n, age) => {
        const r = sleepQualityScore(n, age);
        if (r.value === null) expect(r.reason).toBe('no_continuity_measure');
        else expect(Number.isInteger(r.value) && r.value >= 0 && r.value <= 100).toBe(true);
      }),
    );
  });

  it('more sleep toward the recommended maximum never lowers the score', () => {
    fc.assert(
      fc.property(nightArb, ageArb, fc.integer({ min: 1, max: 9 * 60 }), fc.integer({ min: 1, max: 9 * 60 }), (n, age, a, b) => {
        const recHi = age !== null && age >= 65 ? 8 * 60 : 9 * 60;
        const [lo, hi] = [Math.min(a, b, recHi), Math.min(Math.max(a, b), recHi)];
        const r1 = sleepQualityScore({ ...n, total_sleep_minutes: lo }, age);
        const r2 = sleepQualityScore({ ...n, total_sleep_minutes: hi }, age);
        if (r1.value !== null && r2.value !== null) expect(r2.value).toBeGreaterThanOrEqual(r1.value);
      }),
    );
  });

  it('more WASO never raises the score; higher efficiency never lowers it', () => {
    fc.assert(
      fc.property(nightArb, ageArb, fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 0.3, noNaN: true }), (n, age, dw, de) => {
        const base = sleepQualityScore(n, age);
        const moreWaso = sleepQualityScore({ ...n, awake_after_sleep_onset_minutes: n.awake_after_sleep_onset_minutes + dw }, age);
        if (base.value !== null && moreWaso.value !== null) expect(moreWaso.value).toBeLessThanOrEqual(base.value);
        if (n.efficiency !== null) {
          const better = sleepQualityScore({ ...n, efficiency: Math.min(1, n.efficiency + de) }, age);
          if (base.value !== null && better.value !== null) expect(better.value).toBeGreaterThanOrEqual(base.value);
        }
      }),
    );
  });
});
