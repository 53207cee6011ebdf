import { describe, expect, it } from 'vitest';
import { ckdEpi2021Model, prevent2023Model } from '../../models/index.js';
import { goffWhiteFemale, preventWoman } from '../risk/worked-examples.test-helpers.js';
import { cardiacTenYearRisk } from './cardiac-ten-year-risk.js';

/*
 * Sources: Goff et al. 2013 Table A worked example (white female 55 y … → 2.1 %); PREVENT via the library model (itself tested against Khan et al. 2024 Table S25), fed the eGFR that CKD-EPI 2021 gives for the
 * creatinine here: the test checks the wiring from features, not the equations again.
 */
const value = <T>(run: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!run.ok) throw new Error(`expected the model to run: ${run.reason}`);
  return run.value;
};

describe('cardiacTenYearRisk', () => {
  it('uses the Pooled Cohort Equations without creatinine: Goff 2013 worked example, white female → 2.1 %', () => {
    const risk = value(cardiacTenYearRisk(goffWhiteFemale()));
    expect(risk.model).toBe('pce-2013@1.0.0');
    expect(Math.round(risk.risk10y * 1000) / 10).toBe(2.1);
    expect(risk.heartFailure10y).toBeNull();
    expect(risk.category).toBe('low');
    expect(risk.inputs).toContain('history.race');
    expect(risk.preventUnavailable?.missing.map((m) => m.input)).toEqual([
      'labs.creatinine_mgdl',
      'profile.height_cm',
      'profile.weight_kg',
    ]);
  });

  it('uses PREVENT (ASCVD and heart failure) when creatinine and BMI are known', () => {
    const risk = value(cardiacTenYearRisk(preventWoman(0.8)));
    const egfr = ckdEpi2021Model.compute({ age: 50, sex: 'female', creatinine_mgdl: 0.8 }).outputs.egfr;
    const input = {
      age: 50,
      sex: 'female',
      total_chol_mgdl: 200,
      hdl_mgdl: 45,
      sbp_mmhg: 160,
      bp_treated: true,
      statin: false,
      diabetes: true,
      smoker: false,
      egfr,
      bmi: 89.6 / 1.6 ** 2,
    } as const;
    expect(risk.model).toBe('prevent-2023@1.0.0');
    const { outputs } = prevent2023Model.compute(input);
    expect(risk.risk10y).toBe(outputs.risk10y_ascvd);
    expect(risk.heartFailure10y).toBe(outputs.risk10y_heart_failure);
    expect(risk.models).toEqual(['prevent-2023@1.0.0', 'ckd-epi-2021@1.0.0', 'bmi@1.0.0', 'ascvd-risk-category@1.0.0']);
  });

  it('falls back to PCE when an input is outside PREVENT’s range (eGFR < 15)', () => {
    const risk = value(cardiacTenYearRisk(preventWoman(6)));
    expect(risk.model).toBe('pce-2013@1.0.0');
    expect(risk.preventUnavailable?.reason).toMatch(/egfr/);
  });

  it('never defaults a risk factor: an unstated smoker abstains and says what to state, and where', () => {
    const f = goffWhiteFemale();
    const run = cardiacTenYearRisk({ ...f, history: { ...f.history, smoker: null } });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.missing).toContainEqual({
      input: 'history.smoker',
      need: expect.stringMatching(/smoking status.*PUT \/v1\/users\/me\/health-profile/),
    });
    expect(run.reason).toMatch(/history\.smoker/);
  });

  it('never defaults race: PCE without a stated race abstains, asking for race or for what PREVENT needs', () => {
    const f = goffWhiteFemale();
    const run = cardiacTenYearRisk({ ...f, history: { ...f.history, race: null } });
    expect(run).toMatchObject({ ok: false, reason: expect.stringMatching(/need race/) });
    expect(run.ok ? [] : run.missing.map((m) => m.input)).toEqual([
      'labs.creatinine_mgdl',
      'profile.height_cm',
      'profile.weight_kg',
      'history.race',
    ]);
    // PREVENT is race-free: the same person with creatinine, height and weight needs no race
    const withPrevent = preventWoman();
    expect(cardiacTenYearRisk({ ...withPrevent, history: { ...withPrevent.history, race: null } })).toMatchObject({
      ok: true,
      value: { model: 'prevent-2023@1.0.0' },
    });
  });

  it('PREVENT needs statin use stated; without it PCE runs (race stated)', () => {
    const f = preventWoman();
    const run = value(cardiacTenYearRisk({ ...f, history: { ...f.history, statin: null } }));
    expect(run.model).toBe('pce-2013@1.0.0');
    expect(run.preventUnavailable?.missing.map((m) => m.input)).toEqual(['history.statin']);
  });

  it('abstains, naming what is missing, without labs or blood pressure', () => {
    const f = goffWhiteFemale();
    const run = cardiacTenYearRisk({ ...f, labs: { ...f.labs, hdl_mgdl: null }, blood_pressure: null });
    expect(run.ok).toBe(false);
    expect(run.ok ? [] : run.missing.map((m) => m.input)).toEqual([
      'labs.hdl_mgdl',
      'blood_pressure',
      'labs.creatinine_mgdl',
      'profile.height_cm',
      'profile.weight_kg',
    ]);
  });

  it('abstains outside the range PCE was validated in (age 35) rather than extrapolate', () => {
    const f = goffWhiteFemale();
    const run = cardiacTenYearRisk({ ...f, profile: { ...f.profile, age_years: 35 } });
    expect(run.ok).toBe(false);
    expect(run.ok ? '' : run.reason).toMatch(/age = 35/);
  });
});
