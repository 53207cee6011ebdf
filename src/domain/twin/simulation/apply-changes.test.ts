import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { daySeries, emptyFeatures, nightSeries } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { applyChanges, applyChangesWithNotes } from './apply-changes.js';
import { fakeScorer } from './fake-scorer.test-helpers.js';
import { simulate } from './simulate.js';
import { SimulationChangeSchema, SimulationChangesSchema, type SimulationChange } from './simulation-change.schema.js';

/*
 * Expected values are arithmetic on the snapshot built here (feature-factory): nights start at bedtimeHour UTC on the
 * evening before their date, asleepHours asleep at efficiency 0.9.
 */
const AS_OF = '2026-06-30T12:00:00Z';
const HOUR_MS = 3_600_000;

const person = (): TwinFeatures => ({
  ...emptyFeatures(AS_OF),
  profile: { age_years: 50, sex: 'male', height_cm: 180, weight_kg: { value: 90, at: AS_OF }, weight_kg_90d_ago: null, waist_cm: null },
  history: { ...emptyFeatures().history, smoker: true },
  blood_pressure: { sbp_mmhg: 150, dbp_mmhg: 95, readings: 10, latest_at: AS_OF },
  days: daySeries(AS_OF, 10, (i) => ({ steps: i % 2 === 0 ? 4000 : null, exercise_minutes: 10 })),
  nights: nightSeries(AS_OF, 5, (i) => ({ bedtimeHour: 23, asleepHours: 5 + i * 0.5 })),
});

/** Deep-freezes so a mutation anywhere throws. */
const frozen = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(frozen);
    Object.freeze(value);
  }
  return value;
};

describe('applyChanges', () => {
  it('sleep_hours lengthens the last N nights by moving the bedtime earlier, wake time kept', () => {
    const f = person();
    const out = applyChanges(frozen(f), [{ type: 'sleep_hours', delta_hours: 1, nights: 2 }]);
    expect(out.nights.slice(0, 3)).toEqual(f.nights.slice(0, 3));
    for (const i of [3, 4]) {
      const before = f.nights[i]!;
      const after = out.nights[i]!;
      expect(after.asleep_minutes).toBe(before.asleep_minutes + 60);
      expect(after.in_bed_minutes).toBe(before.in_bed_minutes! + 60);
      expect(after.awake_minutes).toBe(before.awake_minutes);
      expect(after.sleep_end).toBe(before.sleep_end);
      expect(Date.parse(before.sleep_start) - Date.parse(after.sleep_start)).toBe(HOUR_MS);
      expect(after.efficiency).toBeCloseTo(after.asleep_minutes / after.in_bed_minutes!, 12);
    }
  });

  it('sleep_minimum raises only the nights below the minimum, to exactly the minimum', () => {
    const f = person();
    const out = applyChanges(f, [{ type: 'sleep_minimum', hours: 6 }]);
    expect(out.nights.map((n) => n.asleep_minutes / 60)).toEqual([6, 6, 6, 6.5, 7]);
  });

  it('never lets a night start before the previous one ended, and says how much was lost', () => {
    // 12 h asleep at efficiency 0.65 is 18.5 h in bed: about 5.5 h between nights, less than the 6 h asked.
    const f = { ...emptyFeatures(AS_OF), nights: nightSeries(AS_OF, 3, () => ({ bedtimeHour: 21, asleepHours: 12, efficiency: 0.65 })) };
    const { features, notes } = applyChangesWithNotes(f, [{ type: 'sleep_hours', delta_hours: 6 }]);
    expect(Date.parse(features.nights[1]!.sleep_start)).toBe(Date.parse(features.nights[0]!.sleep_end));
    features.nights.forEach((n, i) => {
      if (i > 0) expect(Date.parse(n.sleep_start)).toBeGreaterThanOrEqual(Date.parse(features.nights[i - 1]!.sleep_end));
    });
    expect(notes).toEqual([expect.stringMatching(/could not be applied/)]);
  });

  it('shortening is floored at 0 h asleep', () => {
    const out = applyChanges(person(), [{ type: 'sleep_hours', delta_hours: -6 }]);
    expect(out.nights.map((n) => n.asleep_minutes / 60)).toEqual([0, 0, 0, 0.5, 1]);
  });

  it('steps and exercise minutes change only days that have a value, floored at 0', () => {
    const f = person();
    const out = applyChanges(f, [
      { type: 'steps', delta_per_day: 2500 },
      { type: 'exercise_minutes', delta_per_day: -30, days: 3 },
    ]);
    expect(out.days.map((d) => d.steps)).toEqual(f.days.map((d) => (d.steps === null ? null : d.steps + 2500)));
    expect(out.days.map((d) => d.exercise_minutes)).toEqual([10, 10, 10, 10, 10, 10, 10, 0, 0, 0]);
  });

  it('weight_percent scales the weight (so BMI); quit_smoking; blood pressure shifts, clipped to a plausible reading', () => {
    const out = applyChanges(person(), [
      { type: 'weight_percent', percent: -5 },
      { type: 'quit_smoking' },
      { type: 'blood_pressure', sbp_delta_mmhg: -20, dbp_delta_mmhg: -10 },
    ]);
    expect(out.profile.weight_kg?.value).toBeCloseTo(85.5, 12);
    expect(out.history.smoker).toBe(false);
    expect(out.blood_pressure).toMatchObject({ sbp_mmhg: 130, dbp_mmhg: 85, readings: 10 });
    const clipped = applyChangesWithNotes(person(), [{ type: 'blood_pressure', sbp_delta_mmhg: -80, dbp_delta_mmhg: 0 }]);
    expect(clipped.features.blood_pressure).toMatchObject({ sbp_mmhg: 70, dbp_mmhg: 69 });
    expect(clipped.notes).toEqual([expect.stringMatching(/clipped/)]);
  });

  it('says when there is nothing to change, and changes nothing', () => {
    const empty = emptyFeatures(AS_OF);
    const changes: SimulationChange[] = [
      { type: 'sleep_hours', delta_hours: 1 },
      { type: 'steps', delta_per_day: 1000 },
      { type: 'weight_percent', percent: -5 },
      { type: 'quit_smoking' },
      { type: 'blood_pressure', sbp_delta_mmhg: -10 },
    ];
    const { features, notes } = applyChangesWithNotes(frozen(empty), changes);
    expect(features).toEqual(empty);
    expect(notes).toHaveLength(5);
  });

  it('property: total sleep changes by exactly delta × nights when there is room, and the input is never mutated', () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.integer({ min: 1, max: 5 }), (delta, nights) => {
        // bedtime 20:00 and at most 8 h asleep leave ≥ 4 h between nights.
        const f = frozen({
          ...emptyFeatures(AS_OF),
          nights: nightSeries(AS_OF, 5, () => ({ bedtimeHour: 22, asleepHours: 6, efficiency: 1 })),
        });
        const out = applyChanges(f, [{ type: 'sleep_hours', delta_hours: delta, nights }]);
        const total = (x: TwinFeatures) => x.nights.reduce((a, n) => a + n.asleep_minutes, 0);
        expect(total(out) - total(f)).toBeCloseTo(delta * 60 * nights, 6);
      }),
    );
  });
});

describe('simulate', () => {
  it('scores the snapshot as it is and as changed', () => {
    const f = person();
    const changes: SimulationChange[] = [{ type: 'quit_smoking' }];
    const result = simulate(f, changes, fakeScorer);
    expect(result.baseline).toEqual(fakeScorer(f));
    expect(result.simulated).toEqual(fakeScorer(applyChanges(f, changes)));
    // fake cardiac: blood_pressure 100 − 2 × 40 = 20, smoking 20 → 100 when quitting: mean 20 → 60.
    expect(result.baseline.cardiac.score).toBe(20);
    expect(result.simulated.cardiac.score).toBe(60);
    expect(result.changes).toBe(changes);
  });
});

describe('SimulationChangeSchema', () => {
  it('accepts each kind within bounds and refuses out-of-bound, unknown and misspelt changes', () => {
    const ok: unknown[] = [
      { type: 'sleep_hours', delta_hours: 1.5, nights: 7 },
      { type: 'sleep_minimum', hours: 7 },
      { type: 'steps', delta_per_day: 2000 },
      { type: 'exercise_minutes', delta_per_day: 20, days: 14 },
      { type: 'weight_percent', percent: -5 },
      { type: 'quit_smoking' },
      { type: 'blood_pressure', sbp_delta_mmhg: -10 },
      { type: 'veg_fruit_daily' },
    ];
    for (const change of ok) expect(Value.Check(SimulationChangeSchema, change)).toBe(true);
    const bad: unknown[] = [
      { type: 'sleep_hours', delta_hours: 7 },
      { type: 'steps', delta_per_day: 1.5 },
      { type: 'weight_percent', percent: -40 },
      { type: 'quit_smoking', extra: true },
      { type: 'teleport' },
      { type: 'blood_pressure', sbp_delta: -10 },
    ];
    for (const change of bad) expect(Value.Check(SimulationChangeSchema, change)).toBe(false);
    expect(Value.Check(SimulationChangesSchema, [])).toBe(false);
  });
});
