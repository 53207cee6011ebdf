import { describe, expect, it } from 'vitest';
import { daySeries, emptyFeatures } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { AS_OF } from '../risk/worked-examples.test-helpers.js';
import { adaRiskTest, FINDRISC_TEN_YEAR_RISK, findriscRisk } from './diabetes-risk.js';

/*
 * Points by hand from the FINDRISC form (Lindström & Tuomilehto 2003): age 58 → 3; BMI 31.2 (90 kg, 1.70 m) → 3;
 * waist 100 cm in a man (94-102) → 3; median exercise 10 min/day over the last 7 complete days (< 30) → 2; no daily
 * veg/fruit → 1; on BP treatment → 2; family: first degree → 5. Total 19 → band "high" (15-20) → 1 in 3 over 10 years.
 * ADA/CDC risk test (Bang et al. 2009) for the same man: age 50-59 → 2, male → 1, first-degree family → 1, treated
 * hypertension → 1, inactive (70 min/week < 150) → 1, BMI 30-39.9 → 2: 8 points.
 */
const at = (value: number) => ({ value, at: AS_OF });
function man(): TwinFeatures {
  const empty = emptyFeatures(AS_OF);
  return {
    ...empty,
    profile: { ...empty.profile, age_years: 58, sex: 'male', height_cm: 170, weight_kg: at(90), waist_cm: at(100) },
    history: { ...empty.history, veg_fruit_daily: false, bp_treated: true, high_glucose_ever: false, family_diabetes: 'first_degree' },
    days: daySeries(AS_OF, 14, () => ({ exercise_minutes: 10 })),
  };
}

describe('findriscRisk (FINDRISC from features, strict)', () => {
  it('scores the form by hand: 19 points, high, 1 in 3', () => {
    const run = findriscRisk(man());
    expect(run).toMatchObject({ ok: true, value: { model: 'findrisc@1.0.0', points: 19, band: 'high', risk10y: 1 / 3 } });
  });

  it('maps the published bands to 1/100, 1/25, 1/6, 1/3, 1/2', () => {
    expect(FINDRISC_TEN_YEAR_RISK).toEqual({ low: 0.01, slightly_elevated: 0.04, moderate: 1 / 6, high: 1 / 3, very_high: 0.5 });
  });

  it('counts prediabetic labs as "high glucose ever" (+5 → very high), even when the person has not stated it', () => {
    const f = man();
    const prediabetic = findriscRisk({ ...f, labs: { ...f.labs, hba1c_percent: at(6.0) } });
    expect(prediabetic).toMatchObject({ ok: true, value: { points: 24, band: 'very_high' } });
    const unstated = findriscRisk({
      ...f,
      history: { ...f.history, high_glucose_ever: null },
      labs: { ...f.labs, hba1c_percent: at(6.0) },
    });
    expect(unstated).toMatchObject({ ok: true, value: { points: 24 } });
  });

  it('never scores an unknown item 0: abstains and names each item to state or measure', () => {
    const f = man();
    const run = findriscRisk({
      ...f,
      days: daySeries(AS_OF, 3, () => ({ exercise_minutes: 10 })),
      history: { ...f.history, family_diabetes: null },
    });
    expect(run.ok).toBe(false);
    expect(run.ok ? [] : run.missing.map((m) => m.input)).toEqual(['days.exercise_minutes', 'history.family_diabetes']);
    expect(run.ok ? '' : run.reason).toMatch(/FINDRISC cannot run without/);
    expect(run.ok ? [] : run.missing[1]!.need).toMatch(/PUT \/v1\/users\/me\/health-profile/);
  });

  it('the ADA risk test by hand: 8 points; an unstated item abstains too', () => {
    expect(adaRiskTest(man())).toMatchObject({ ok: true, value: { model: 'ada-risk-test@1.0.0', points: 8 } });
    const f = man();
    const run = adaRiskTest({ ...f, history: { ...f.history, bp_treated: null } });
    expect(run.ok ? [] : run.missing.map((m) => m.input)).toEqual(['history.bp_treated']);
  });

  it('abstains for a diagnosis, labs in the diabetes range, or missing age/sex/BMI', () => {
    const f = man();
    expect(findriscRisk({ ...f, history: { ...f.history, diabetes: true } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/already diagnosed/),
    });
    expect(findriscRisk({ ...f, labs: { ...f.labs, fasting_glucose_mgdl: at(130) } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/diabetes range/),
    });
    expect(findriscRisk({ ...f, profile: { ...f.profile, height_cm: null } })).toMatchObject({
      ok: false,
      missing: [{ input: 'profile.height_cm/weight_kg', need: 'height and a weight (BMI)' }],
    });
  });
});
