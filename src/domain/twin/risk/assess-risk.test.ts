import { describe, expect, it } from 'vitest';
import { cardiacTenYearRisk } from '../model-inputs/index.js';
import { applyChanges } from '../simulation/index.js';
import { component, fakeScorer, scoresOf } from '../simulation/fake-scorer.test-helpers.js';
import { daySeries, nightSeries } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { assessRisk } from './assess-risk.js';
import { AS_OF, goffWhiteFemale } from './worked-examples.test-helpers.js';

/*
 * The Goff 2013 worked-example woman (PCE 10-year risk 2.1 %), 1.65 m and 80 kg (BMI 29.38), waist 79 cm, 5,000 steps
 * and 40 exercise minutes a day, 5 h of sleep for a week, and every FINDRISC item stated (none of them adds a point). With the fake scorer (fake-scorer.test-helpers.ts):
 *   sleep 62.5 → 63 (risk 37, yellow); fatigue 100 − 4 × 21 = 16 (risk 84, critical);
 *   metabolic (2 × 63.1 + 50) / 3 = 58.7 → 59 (risk 41, orange); cardiac (80 + 100) / 2 = 90 (risk 10, green).
 * Overall: mean(37, 84, 41, 10) = 43 → orange.
 */
function person(): TwinFeatures {
  const f = goffWhiteFemale();
  return {
    ...f,
    profile: { ...f.profile, height_cm: 165, weight_kg: { value: 80, at: AS_OF }, waist_cm: { value: 79, at: AS_OF } },
    history: { ...f.history, veg_fruit_daily: true, high_glucose_ever: false, family_diabetes: 'none' },
    days: daySeries(AS_OF, 14, () => ({ steps: 5000, exercise_minutes: 40 })),
    nights: nightSeries(AS_OF, 7, () => ({ bedtimeHour: 23, asleepHours: 5 })),
  };
}

describe('assessRisk', () => {
  const f = person();
  const twins = fakeScorer(f);
  const assessment = assessRisk(f, twins, fakeScorer, { trends: { fatigue: 'worsening' } });

  it('has a category for each scored twin only: risk = 100 − score, levels in fifths', () => {
    const summary = Object.fromEntries(Object.entries(assessment.risk_categories).map(([t, c]) => [t, [c.risk_score, c.risk_level]]));
    expect(summary).toEqual({ cardiac: [10, 'green'], metabolic: [41, 'orange'], sleep: [37, 'yellow'], fatigue: [84, 'critical'] });
    expect(assessment.not_scored).toEqual(['mental_health', 'environmental', 'occupational', 'driving']);
    expect(assessment).toMatchObject({ assessment_date: AS_OF, overall_risk_score: 43, overall_risk_level: 'orange' });
  });

  it('passes the caller’s trends through; null where none was given', () => {
    expect(assessment.risk_categories.fatigue?.trend).toBe('worsening');
    expect(assessment.risk_categories.sleep?.trend).toBeNull();
  });

  it('cardiac probability_6_months is the PCE 10-year risk under a constant hazard: 1 − (1 − p)^(0.05)', () => {
    const run = cardiacTenYearRisk(f);
    if (!run.ok) throw new Error(run.reason);
    const horizon = assessment.risk_categories.cardiac?.horizon_probability;
    expect(horizon).toMatchObject({ spec_field: 'probability_6_months', model: 'pce-2013@1.0.0', ten_year_probability: run.value.risk10y });
    expect(horizon?.probability).toBe(1 - (1 - run.value.risk10y) ** 0.05);
    // p10 = 0.0205 (2.1 % as Goff prints it) → 1 − 0.9795^0.05 = 0.00104
    expect(horizon?.probability).toBeCloseTo(0.00104, 5);
    expect(horizon?.method).toMatch(/constant-hazard/);
  });

  it('metabolic probability_12_months comes from the FINDRISC band’s 10-year risk', () => {
    // age 55 → 3, BMI 29.4 → 1, waist 79 (< 80) 0, active (median 40 min) 0, veg daily 0, no BP meds 0, no high
    // glucose 0, no family history 0: 4 points, low → 1 % over 10 years.
    const horizon = assessment.risk_categories.metabolic?.horizon_probability;
    expect(horizon).toMatchObject({ spec_field: 'probability_12_months', model: 'findrisc@1.0.0', ten_year_probability: 0.01 });
    expect(horizon?.probability).toBe(1 - 0.99 ** 0.1);
  });

  it('fatigue: no collapse probability (none is validated), the predicted KSS instead', () => {
    const fatigue = assessment.risk_categories.fatigue?.fatigue;
    expect(fatigue).toMatchObject({ collapse_probability: null, model: 'three-process-model@1.0.0', reason: null });
    expect(fatigue?.predicted_kss).toEqual(expect.any(Number));
    expect(assessment.risk_categories.fatigue?.horizon_probability).toBeNull();
  });

  it('drivers come from the twin’s components and sum to 100', () => {
    // metabolic deficits: bmi 2 × 36.9 = 73.8, steps 1 × 50 = 50 → 59.6 %, 40.4 % → 60, 40
    expect(assessment.risk_categories.metabolic?.drivers.map((d) => [d.component, d.contribution])).toEqual([
      ['bmi', 60],
      ['steps', 40],
    ]);
    for (const category of Object.values(assessment.risk_categories)) {
      expect(category.drivers.reduce((a, d) => a + d.contribution, 0)).toBe(100);
    }
  });

  it('each recommendation’s impact is the scorer’s real change for that recommendation’s simulation change', () => {
    expect(assessment.recommendations.map((r) => [r.category, r.twin, r.priority])).toEqual([
      ['sleep', 'sleep', 'high'],
      ['activity', 'metabolic', 'high'],
      ['weight', 'metabolic', 'medium'],
    ]);
    for (const r of assessment.recommendations) {
      const after = 100 - fakeScorer(applyChanges(f, [r.change]))[r.twin].score!;
      const before = 100 - twins[r.twin].score!;
      expect([r.risk_before, r.risk_after]).toEqual([before, after]);
      expect(r.expected_risk_change_percent).toBe(Math.round(((after - before) / before) * 1000) / 10);
      expect(r.expected_impact).toBe(`Reduce ${r.twin} risk by ${Math.round(((before - after) / before) * 100)}%`);
    }
    // sleep at ≥ 7 h: sleep 87.5 → 88, risk 37 → 12, −67.6 %
    expect(assessment.recommendations[0]).toMatchObject({
      expected_impact: 'Reduce sleep risk by 68%',
      expected_risk_change_percent: -67.6,
      addresses: ['sleep_duration'],
    });
  });

  it('recommends nothing that does not improve a driver (the fake scorer ignores vegetables and fruit)', () => {
    const withDiet = { ...f, history: { ...f.history, veg_fruit_daily: false } };
    expect(assessRisk(withDiet, fakeScorer(withDiet), fakeScorer).recommendations.map((r) => r.category)).not.toContain('nutrition');
  });

  it('abstains with the reason when a horizon model cannot run (no labs, no recent sleep)', () => {
    const bare = { ...f, labs: { ...f.labs, total_chol_mgdl: null, hdl_mgdl: null }, nights: [] };
    const twins = scoresOf({ cardiac: [component('blood_pressure', 80)], fatigue: [component('sleep_debt', 50)] });
    const result = assessRisk(bare, twins, () => twins);
    expect(result.risk_categories.cardiac?.horizon_probability).toMatchObject({
      probability: null,
      model: null,
      missing: ['labs.total_chol_mgdl', 'labs.hdl_mgdl', 'labs.creatinine_mgdl'],
      reason: expect.stringMatching(/cannot run without: labs\.total_chol_mgdl/),
    });
    expect(result.risk_categories.fatigue?.fatigue).toMatchObject({ predicted_kss: null, reason: expect.stringMatching(/no main sleep/) });
  });

  it('metabolic probability abstains, naming the item, when a FINDRISC item is not stated (never scored 0)', () => {
    const unstated = { ...f, history: { ...f.history, family_diabetes: null } };
    const horizon = assessRisk(unstated, twins, fakeScorer).risk_categories.metabolic?.horizon_probability;
    expect(horizon).toMatchObject({ probability: null, missing: ['history.family_diabetes'], reason: expect.stringMatching(/FINDRISC/) });
  });

  it('with no scored twin: no categories, overall null, no recommendations', () => {
    const none = scoresOf({});
    const result = assessRisk(f, none, () => none);
    expect(result).toMatchObject({ overall_risk_score: null, overall_risk_level: null, risk_categories: {}, recommendations: [] });
  });
});
