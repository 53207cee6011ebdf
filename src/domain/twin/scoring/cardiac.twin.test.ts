/**
 * Cardiac twin. Expected numbers are derived by hand from the anchors in cardiac.twin.ts (risk equation: ../model-inputs)
 * (docs/models.md § cardiac); risk-equation values come from the library models, which are verified against their
 * published worked examples in their own tests.
 */
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, withFacts } from '../testing/feature-factory.js';
import { scoreCardiac } from './cardiac.twin.js';
import { scoringContext } from './context.js';
import { ckdEpi2021Model, pce2013Model, prevent2023Model } from '../../models/index.js';

const asOf = '2026-06-30T12:00:00Z';
const component = (score: ReturnType<typeof scoreCardiac>, id: string) => score.components.find((c) => c.id === id);

/** 36 days ending today: i 0-27 are the baseline's 28 days, i 28-34 the recent week, i 35 today (not used). */
const wearables = (recent: { rhr: number; hrv: number; steps: number }, baseline: { rhr: number; hrv: number }) =>
  daySeries(asOf, 36, (i) =>
    i < 28
      ? { resting_hr_bpm: baseline.rhr, hrv_sdnn_ms: baseline.hrv, steps: 9000 }
      : { resting_hr_bpm: recent.rhr, hrv_sdnn_ms: recent.hrv, steps: recent.steps },
  );

const labsPerson = {
  profile: { age_years: 55, sex: 'male' as const, height_cm: 178, weight_kg: dated(80, asOf) },
  history: { race: 'white' as const, smoker: false, diabetes: false, bp_treated: false, statin: false },
  labs: { total_chol_mgdl: dated(213, asOf), hdl_mgdl: dated(50, asOf), creatinine_mgdl: dated(1, asOf) },
  blood_pressure: { sbp_mmhg: 120, dbp_mmhg: 78, readings: 4, latest_at: asOf },
};

describe('cardiac twin', () => {
  it('scores the wearable components by hand-derivable anchors', () => {
    const f = withFacts(emptyFeatures(asOf), { days: wearables({ rhr: 64, hrv: 45, steps: 7842 }, { rhr: 60, hrv: 50 }) });
    const score = scoreCardiac(scoringContext(f));
    // resting HR 64: RR between (55, 1.09) and (65, 1.09²=1.1881) → 1.09 + 0.9·0.0981 = 1.17829 → 100 − 17.829 = 82.2
    expect(component(score, 'resting_hr')).toMatchObject({ value: 64, sub_score: 82.2, model: null });
    // +4 bpm over the baseline median 60 → the NightSignal red threshold anchor → 50
    expect(component(score, 'resting_hr_vs_baseline')).toMatchObject({ value: 4, sub_score: 50 });
    // SDNN 45 / 50 = 0.9 → 50 + 50·(0.05/0.15) = 66.7
    expect(component(score, 'hrv_vs_baseline')).toMatchObject({ value: 0.9, sub_score: 66.7 });
    // 7,842 steps = Paluch's 3rd-quartile median: RR 0.55/0.47 = 1.1702 → 83.0
    expect(component(score, 'daily_steps')).toMatchObject({ value: 7842, sub_score: 83 });
    // (20·82.2 + 10·50 + 10·66.7 + 25·83.0) / 65 = 4886 / 65 = 75.17 → 75
    expect(score.score).toBe(75);
    expect(score.status).toBe('good');
    expect(score.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(component(score, 'resting_hr')!.weight).toBeCloseTo(20 / 65, 12);
    expect(score.data_sufficiency).toMatchObject({ sufficient: true, window_days: 35, coverage: 1 });
    // no labs: the risk equation is left out and said to be missing, never assumed
    expect(component(score, 'ten_year_cvd_risk')).toBeUndefined();
    expect(score.data_sufficiency.missing.map((m) => m.input)).toContain('labs.total_chol_mgdl');
  });

  it('prefers PREVENT (10-year ASCVD) and maps it on the ACC/AHA bands', () => {
    const f = withFacts(emptyFeatures(asOf), labsPerson);
    const score = scoreCardiac(scoringContext(f));
    const egfr = ckdEpi2021Model.compute({ age: 55, sex: 'male', creatinine_mgdl: 1 }).outputs.egfr;
    const risk =
      100 *
      prevent2023Model.compute({
        age: 55,
        sex: 'male',
        total_chol_mgdl: 213,
        hdl_mgdl: 50,
        sbp_mmhg: 120,
        bp_treated: false,
        statin: false,
        diabetes: false,
        smoker: false,
        egfr,
        bmi: 80 / 1.78 ** 2,
      }).outputs.risk10y_ascvd;
    expect(risk).toBeLessThan(5); // low band: 0 % → 100, 5 % → 85
    const c = component(score, 'ten_year_cvd_risk')!;
    expect(c.model).toBe('prevent-2023@1.0.0');
    expect(c.value).toBeCloseTo(risk, 2);
    expect(c.sub_score).toBeCloseTo(100 - 3 * risk, 1);
    expect(c.label).toContain('low');
    expect(score.models).toEqual(
      expect.arrayContaining(['prevent-2023@1.0.0', 'ckd-epi-2021@1.0.0', 'bmi@1.0.0', 'ascvd-risk-category@1.0.0']),
    );
    // the risk equation alone carries 35 % ≥ the 30 % minimum
    expect(score.score).toBe(Math.round(c.sub_score));
  });

  it('falls back to the Pooled Cohort Equations without creatinine (PCE worked example: white man, 55 y → ≈ 5.4 %)', () => {
    const f = withFacts(emptyFeatures(asOf), { ...labsPerson, labs: { ...labsPerson.labs, creatinine_mgdl: null } });
    const score = scoreCardiac(scoringContext(f));
    const pce = pce2013Model.compute({
      age: 55,
      sex: 'male',
      race: 'white',
      total_chol_mgdl: 213,
      hdl_mgdl: 50,
      sbp_mmhg: 120,
      bp_treated: false,
      smoker: false,
      diabetes: false,
    });
    const c = component(score, 'ten_year_cvd_risk')!;
    expect(c.model).toBe('pce-2013@1.0.0');
    expect(pce.outputs.risk10y_percent).toBeCloseTo(5.4, 1);
    // borderline band: 5 % → 85, 7.5 % → 70
    expect(c.sub_score).toBeCloseTo(85 - (15 * (pce.outputs.risk10y_percent - 5)) / 2.5, 1);
    expect(c.label).toContain('borderline');
  });

  it('leaves the risk equation out when a risk factor is not stated (never counted as absent)', () => {
    const f = withFacts(emptyFeatures(asOf), { ...labsPerson, history: { ...labsPerson.history, smoker: null } });
    const score = scoreCardiac(scoringContext(f));
    expect(score.score).toBeNull();
    expect(score.status).toBe('insufficient_data');
    expect(score.data_sufficiency.missing).toContainEqual({
      input: 'history.smoker',
      need: 'smoking status (state it: PUT /v1/users/me/health-profile)',
    });
  });

  it('abstains with too little data, saying what is missing', () => {
    const onlySteps = withFacts(emptyFeatures(asOf), { days: daySeries(asOf, 10, () => ({ steps: 8000 })) });
    const score = scoreCardiac(scoringContext(onlySteps));
    expect(score).toMatchObject({ score: null, status: 'insufficient_data', components: [], models: [] });
    expect(score.data_sufficiency.sufficient).toBe(false);
    expect(score.data_sufficiency.present).toEqual(['days.steps']);
    expect(score.data_sufficiency.missing.map((m) => m.input)).toEqual(expect.arrayContaining(['days.resting_hr_bpm', 'days.hrv_sdnn_ms']));
    expect(score.notes.join(' ')).toContain('25 % of the weight');

    const nothing = scoreCardiac(scoringContext(emptyFeatures(asOf)));
    expect(nothing.score).toBeNull();
    expect(nothing.data_sufficiency.coverage).toBe(0);
  });

  it('does not invent a baseline from too few days: the change components are left out', () => {
    const f = withFacts(emptyFeatures(asOf), { days: daySeries(asOf, 8, () => ({ resting_hr_bpm: 70, hrv_sdnn_ms: 40, steps: 10901 })) });
    const score = scoreCardiac(scoringContext(f));
    expect(score.components.map((c) => c.id)).toEqual(['resting_hr', 'daily_steps']);
    // 70 bpm: RR 1.1881 + 0.5·(1.295029 − 1.1881) = 1.24156 → 75.8; 10,901 steps → 100; (20·75.8 + 25·100)/45 = 89.24 → 89
    expect(score.components[0]!.sub_score).toBe(75.8);
    expect(score.score).toBe(89);
  });
});
