/**
 * Engineered people built with the factory, each compared with one control person who differs only in what the
 * scenario is about. The assertions are directions (worse / better than the control), as the literature predicts.
 * All snapshots are taken at 20:00 UTC, when the day workers and the night worker are all awake.
 */
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import type { DayFeatures, NightFeatures, Occupation, TwinFeatures } from '../twin-features.js';
import type { TwinName } from '../twin-score.js';
import { scoreTwins } from './index.js';

const asOf = '2026-06-30T20:00:00Z';
const DAYS = 90;

interface Habits {
  readonly restingHr: (i: number) => number;
  readonly hrv: number;
  readonly steps: number;
  readonly exerciseMinutes: number;
  readonly nights: readonly NightFeatures[];
  readonly occupation: Partial<Occupation>;
}

/** A 45-year-old man with ordinary labs, blood pressure, questionnaires and weather; `habits` are what scenarios change. */
function person(habits: Partial<Habits> = {}): TwinFeatures {
  const h: Habits = {
    restingHr: () => 64,
    hrv: 45,
    steps: 7000,
    exerciseMinutes: 35,
    nights: nightSeries(asOf, DAYS, () => ({ bedtimeHour: 23, asleepHours: 7, efficiency: 0.88 })),
    occupation: { physical_demand: 'light', safety_critical: false, shift_start_local: '09:00', shift_end_local: '17:00' },
    ...habits,
  };
  const days: DayFeatures[] = daySeries(asOf, DAYS, (i) => ({
    resting_hr_bpm: h.restingHr(i),
    hrv_sdnn_ms: h.hrv,
    steps: h.steps,
    exercise_minutes: h.exerciseMinutes,
  }));
  return withFacts(emptyFeatures(asOf), {
    profile: { age_years: 45, sex: 'male', height_cm: 178, weight_kg: dated(80, asOf), waist_cm: dated(92, asOf) },
    history: {
      race: 'white',
      smoker: false,
      diabetes: false,
      bp_treated: false,
      statin: false,
      family_diabetes: 'none',
      high_glucose_ever: false,
      veg_fruit_daily: true,
    },
    labs: {
      total_chol_mgdl: dated(200, asOf),
      hdl_mgdl: dated(50, asOf),
      ldl_mgdl: dated(125, asOf),
      creatinine_mgdl: dated(0.95, asOf),
      hba1c_percent: dated(5.4, asOf),
    },
    blood_pressure: { sbp_mmhg: 124, dbp_mmhg: 78, readings: 6, latest_at: asOf },
    occupation: h.occupation,
    environment: { temp_c: dated(22, asOf), rh_percent: dated(50, asOf), pm25_24h_ugm3: dated(8, asOf) },
    questionnaires: { phq9: { total: 3, item9: 0, at: '2026-06-25T12:00:00Z' }, gad7: { total: 2, at: '2026-06-25T12:00:00Z' } },
    days,
    nights: h.nights,
  });
}

const control = scoreTwins(person());
const scoreOf = (scores: ReturnType<typeof scoreTwins>, twin: TwinName): number => {
  const score = scores[twin].score;
  if (score === null) throw new Error(`${twin} has no score: ${scores[twin].notes.join('; ')}`);
  return score;
};

describe('synthetic people against a control', () => {
  it('the control is scored on every twin', () => {
    for (const twin of Object.keys(control) as TwinName[]) expect(control[twin].score, twin).not.toBeNull();
  });

  it('a night-shift worker sleeping 5 h by day: sleep, fatigue, driving and occupational go down', () => {
    const worker = scoreTwins(
      person({
        nights: nightSeries(asOf, DAYS, () => ({ bedtimeHour: 31, asleepHours: 5, efficiency: 0.9 })), // 07:00-12:33 UTC
        occupation: { physical_demand: 'light', safety_critical: true, shift_start_local: '22:00', shift_end_local: '06:00' },
      }),
    );
    for (const twin of ['sleep', 'fatigue', 'driving', 'occupational'] as const)
      expect(scoreOf(worker, twin), twin).toBeLessThan(scoreOf(control, twin));
    // what drives it: 5 h against a need of 8 h, every day
    expect(worker.sleep.components.find((c) => c.id === 'sleep_debt')!.value).toBe(42);
    expect(worker.driving.components.find((c) => c.id === 'sleep_last_24h')!.sub_score).toBe(0); // Tefft: 5 h → odds 2.4
    // untouched twins stay where they were
    expect(worker.cardiac.score).toBe(control.cardiac.score);
    expect(worker.environmental.score).toBe(control.environmental.score);
  });

  it('a sedentary person whose resting heart rate has risen over the last month: cardiac and metabolic go down', () => {
    const sedentary = scoreTwins(person({ steps: 2500, exerciseMinutes: 0, restingHr: (i) => (i < 55 ? 64 : 64 + (i - 55) * 0.35) }));
    for (const twin of ['cardiac', 'metabolic'] as const) expect(scoreOf(sedentary, twin), twin).toBeLessThan(scoreOf(control, twin));
    const cardiac = Object.fromEntries(sedentary.cardiac.components.map((c) => [c.id, c]));
    expect(cardiac.resting_hr_vs_baseline!.value).toBeGreaterThan(4); // past NightSignal's red threshold
    expect(cardiac.daily_steps!.sub_score).toBe(0); // below Paluch's lowest-quartile median
    expect(sedentary.metabolic.components.find((c) => c.id === 'diabetes_risk')!.value).toBeGreaterThan(
      control.metabolic.components.find((c) => c.id === 'diabetes_risk')!.value,
    );
    expect(sedentary.sleep.score).toBe(control.sleep.score);
  });

  it('a well-rested runner: cardiac, sleep and fatigue go up', () => {
    const runner = scoreTwins(
      person({
        restingHr: () => 50,
        hrv: 70,
        steps: 12500,
        exerciseMinutes: 60,
        nights: nightSeries(asOf, DAYS, () => ({ bedtimeHour: 22, asleepHours: 8.5, efficiency: 0.94 })),
      }),
    );
    for (const twin of ['cardiac', 'sleep', 'fatigue'] as const)
      expect(scoreOf(runner, twin), twin).toBeGreaterThan(scoreOf(control, twin));
    expect(runner.environmental.score).toBe(control.environmental.score);
  });
});
