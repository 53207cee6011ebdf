import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardiacTenYearRisk } from '../model-inputs/index.js';
import { TIMEFRAMES } from '../risk/index.js';
import { goffWhiteFemale, preventWoman } from '../risk/worked-examples.test-helpers.js';
import { scoresOf } from '../simulation/fake-scorer.test-helpers.js';
import { daySeries, emptyFeatures } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { jnc6Category } from './hypertension-progression.js';
import { predictConditions } from './predict-conditions.js';

/*
 * Sources: Goff 2013 worked example (PCE 2.1 % over 10 years); Vasan et al. 2001 (4-year progression to hypertension,
 * ages 35-64: optimal 5.3 %, normal 17.6 %, high-normal 37.3 %); FINDRISC form bands. Probabilities over the
 * timeframe are the constant-hazard conversion 1 − (1 − p)^(months / (12 × model years)). Confidence is the model's
 * published discrimination: PCE white women C 0.806 (Goff 2013), PREVENT women 0.794 (Khan 2024, external
 * validation), FINDRISC ROC AUC 0.87 (Lindström 2003, validation cohort), none for Vasan 2001.
 */
const NO_TWINS = scoresOf({});
const byCondition = (f: TwinFeatures, timeframe: (typeof TIMEFRAMES)[number] = '6_months') =>
  Object.fromEntries(predictConditions(f, NO_TWINS, timeframe).predictions.map((p) => [p.condition, p]));

describe('predictConditions', () => {
  it('cardiac_event for the Goff worked example: 6 months = 1 − (1 − p10)^0.05, confidence = PCE white women C', () => {
    const f = goffWhiteFemale();
    const run = cardiacTenYearRisk(f);
    if (!run.ok) throw new Error(run.reason);
    const cardiac = byCondition(f).cardiac_event;
    expect(cardiac).toMatchObject({
      model: 'pce-2013@1.0.0',
      probability: 1 - (1 - run.value.risk10y) ** 0.05,
      confidence: 0.806,
      timeline: '0-6 months',
      severity: 'low',
      preventable: true,
      model_probability: { years: 10, probability: run.value.risk10y },
    });
    expect(cardiac?.method).toMatch(/constant-hazard/);
    expect(cardiac?.prevention_actions).toContain('Do at least 150 minutes a week of moderate-intensity physical activity');
  });

  it('confidence is the published discrimination of the model that ran, cited in confidence_basis', () => {
    const goff = byCondition(goffWhiteFemale()).cardiac_event;
    expect(goff?.confidence_basis).toMatch(/C-statistic 0\.806 .*white women.*Goff/);
    const black = goffWhiteFemale();
    expect(byCondition({ ...black, history: { ...black.history, race: 'african_american' } }).cardiac_event?.confidence).toBe(0.818);
    const other = byCondition({ ...black, history: { ...black.history, race: 'other' } }).cardiac_event;
    expect(other).toMatchObject({ confidence: 0.806, confidence_basis: expect.stringMatching(/not validated in other groups/) });
    const prevent = byCondition(preventWoman());
    expect(prevent.cardiac_event).toMatchObject({ confidence: 0.794, confidence_basis: expect.stringMatching(/Khan SS/) });
    expect(prevent.heart_failure?.confidence).toBe(0.794);
    expect(byCondition(goffWhiteFemale()).hypertension).toMatchObject({
      confidence: null,
      confidence_basis: expect.stringMatching(/no discrimination statistic/),
    });
  });

  it('never defaults a risk factor: an unstated smoker leaves cardiac_event not assessed, asking for it', () => {
    const f = goffWhiteFemale();
    const result = predictConditions({ ...f, history: { ...f.history, smoker: null } }, NO_TWINS, '6_months');
    expect(result.predictions.map((p) => p.condition)).not.toContain('cardiac_event');
    expect(result.not_assessed).toContainEqual({
      condition: 'cardiac_event',
      missing: expect.arrayContaining(['history.smoker']),
      reason: expect.stringMatching(/smoking status \(state it: PUT \/v1\/users\/me\/health-profile\)/),
    });
  });

  it('heart_failure only with PREVENT; with PCE it is not assessed and says why', () => {
    const withPrevent = byCondition(preventWoman());
    expect(withPrevent.heart_failure).toMatchObject({ model: 'prevent-2023@1.0.0', severity: null });
    const notAssessed = predictConditions(goffWhiteFemale(), NO_TWINS, '6_months').not_assessed;
    expect(notAssessed).toContainEqual({
      condition: 'heart_failure',
      missing: expect.arrayContaining(['labs.creatinine_mgdl']),
      reason: expect.stringMatching(/PREVENT only/),
    });
  });

  it('type_2_diabetes from the FINDRISC band (Goff woman, BMI 29.4, every item stated: 4 points, low, 1 % over 10 years)', () => {
    const f = goffWhiteFemale();
    const stated: TwinFeatures = {
      ...f,
      profile: { ...f.profile, height_cm: 165, weight_kg: { value: 80, at: f.as_of }, waist_cm: { value: 79, at: f.as_of } },
      history: { ...f.history, veg_fruit_daily: true, high_glucose_ever: false, family_diabetes: 'none' },
      days: daySeries(f.as_of, 8, () => ({ exercise_minutes: 45 })),
    };
    // age 55 → 3, BMI 29.4 → 1, every other item 0 → 4 points, low
    const t2d = byCondition(stated, '12_months').type_2_diabetes;
    expect(t2d).toMatchObject({ model: 'findrisc@1.0.0', probability: 1 - 0.99 ** 0.1, severity: 'low', confidence: 0.87 });
    expect(t2d?.confidence_basis).toMatch(/ROC AUC 0\.87.*Lindström/);
    // the same woman without a waist measurement: not assessed, the waist named
    const noWaist = predictConditions({ ...stated, profile: { ...stated.profile, waist_cm: null } }, NO_TWINS, '12_months');
    expect(noWaist.not_assessed).toContainEqual({
      condition: 'type_2_diabetes',
      missing: ['profile.waist_cm'],
      reason: expect.any(String),
    });
    expect(t2d?.prevention_actions).toContain('Lose 5-7 % of body weight');
  });

  it('hypertension progression from Vasan 2001: the Goff woman (120/75, age 55) is "normal" → 17.6 % over 4 years', () => {
    const hypertension = byCondition(goffWhiteFemale(), '12_months').hypertension;
    expect(hypertension).toMatchObject({ model: 'vasan-2001-hypertension-progression@1.0.0', probability: 1 - (1 - 0.176) ** (12 / 48) });
    expect(jnc6Category(119, 79)).toBe('optimal');
    expect(jnc6Category(125, 70)).toBe('normal');
    expect(jnc6Category(118, 86)).toBe('high_normal');
    expect(jnc6Category(140, 70)).toBe('hypertension');
  });

  it('lists every condition it could not assess with what is missing', () => {
    const result = predictConditions(emptyFeatures(), NO_TWINS, '3_months');
    expect(result.predictions).toEqual([]);
    expect(result.not_assessed.map((n) => n.condition)).toEqual(['cardiac_event', 'heart_failure', 'type_2_diabetes', 'hypertension']);
    expect(result.not_assessed[0]?.missing).toEqual([
      'profile.age_years',
      'profile.sex',
      'labs.total_chol_mgdl',
      'labs.hdl_mgdl',
      'blood_pressure',
      'history.bp_treated',
      'history.smoker',
      'history.diabetes',
      'history.statin',
      'labs.creatinine_mgdl',
      'profile.height_cm',
      'profile.weight_kg',
      'history.race',
    ]);
    expect(result.not_assessed[3]?.missing).toEqual(['profile.age_years', 'blood_pressure', 'history.bp_treated']);
  });

  it('property: probabilities lie in [0, 1] and grow with the timeframe', () => {
    const person = fc.record({
      age: fc.integer({ min: 40, max: 79 }),
      sex: fc.constantFrom('female' as const, 'male' as const),
      tc: fc.integer({ min: 130, max: 320 }),
      hdl: fc.integer({ min: 20, max: 100 }),
      sbp: fc.integer({ min: 90, max: 200 }),
      smoker: fc.boolean(),
      creatinine: fc.option(fc.double({ min: 0.5, max: 2, noNaN: true }), { nil: null }),
      weight: fc.integer({ min: 55, max: 110 }),
    });
    fc.assert(
      fc.property(person, (p) => {
        const base = goffWhiteFemale();
        const f: TwinFeatures = {
          ...base,
          profile: { ...base.profile, age_years: p.age, sex: p.sex, height_cm: 175, weight_kg: { value: p.weight, at: base.as_of } },
          history: { ...base.history, smoker: p.smoker },
          labs: {
            ...base.labs,
            total_chol_mgdl: { value: p.tc, at: base.as_of },
            hdl_mgdl: { value: p.hdl, at: base.as_of },
            creatinine_mgdl: p.creatinine === null ? null : { value: p.creatinine, at: base.as_of },
          },
          blood_pressure: { sbp_mmhg: p.sbp, dbp_mmhg: 70, readings: 3, latest_at: base.as_of },
        };
        const [three, six, twelve] = TIMEFRAMES.map((t) => byCondition(f, t));
        for (const condition of Object.keys(twelve!)) {
          const ps = [three, six, twelve].map((r) => r![condition]!.probability);
          ps.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
          expect(ps[0]!).toBeLessThanOrEqual(ps[1]!);
          expect(ps[1]!).toBeLessThanOrEqual(ps[2]!);
          const confidence = twelve![condition]!.confidence;
          if (confidence !== null) expect(confidence > 0.5 && confidence <= 1).toBe(true);
        }
      }),
    );
  });
});
