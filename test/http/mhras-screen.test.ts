import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, type TestUser } from '../helpers/users.js';
import { mhrasClient, SPEC_EXAMPLE, uniqueSubject, type MhrasError } from './mhras-helpers.js';

/**
 * POST /screen over HTTP. Expected numbers are worked from docs/screening-model.md: the score is 100 x (sum of
 * log odds) / 10.98404 (the model's maximum), log odds = weight x severity per feature.
 */

let t: TestApp;
let clinician: TestUser;
let api: ReturnType<typeof mhrasClient>;
beforeAll(async () => {
  t = await createTestApp();
  clinician = await createUser(t.app, { role: 'clinician' });
  api = mhrasClient(t);
});
afterAll(async () => t.close());

interface ScreenBody {
  risk_score: {
    anonymized_id: string;
    score: number;
    risk_level: string;
    confidence: number;
    contributing_factors: string[];
    timestamp: string;
  };
  recommendations: { resource_type: string; name: string; urgency: string }[];
  explanations: {
    top_features: [string, number][];
    counterfactual: string;
    rule_approximation: string;
    clinical_interpretation: string;
    reference_score: number;
    rule_fidelity: number;
  };
  requires_human_review: boolean;
  alert_triggered: boolean;
  prediction_id: string;
  model_version: string;
  review_id: string | null;
}

describe('POST /screen', () => {
  it('screens the spec example: score, level, confidence, headers, stored prediction', async () => {
    const res = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: uniqueSubject() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-model-version']).toBe('mhras_evidence_v1.0.0');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    expect(Number(res.headers['x-response-time'])).toBeGreaterThanOrEqual(0);
    const body = res.json<ScreenBody>();
    // PHQ-9 15 → 1.5 x 1.99243; GAD-7 12 → 1.2 x 1.59828; sleep: max(efficiency (0.85-0.82)/0.15 = 0.2,
    // interruptions (3-1)/3 = 0.667) x 0.95551; short sleep (7-6.5)/1 = 0.5 x 0.27003; activity min(steps 0.96,
    // minutes 0) = 0; HRV (42-35.2)/15 = 0.4533 x 0.83622. Sum 6.05769 → 100 x 6.05769 / 10.98404 = 55.15.
    expect(body.risk_score.score).toBeCloseTo(55.1499, 3);
    expect(body.risk_score.risk_level).toBe('critical'); // 6.06 >= 3.98486 (PHQ-9 20-equivalent)
    expect(body.risk_score.confidence).toBeCloseTo(1, 10); // every weighted input provided
    // The spec example answers PHQ-9 item 9 with 2: the safety rail fires and is listed first.
    expect(body.risk_score.contributing_factors.slice(0, 2)).toEqual([
      'Safety rail: PHQ-9 item 9 (thoughts of death or self-harm) answered 2 of 3',
      'Depressive symptoms: PHQ-9 15',
    ]);
    expect(body.recommendations[0]).toMatchObject({ resource_type: 'crisis_line', urgency: 'immediate' });
    expect(body.prediction_id).toMatch(/^pred_\d{8}_\d{6}_[0-9a-z]{6}$/);
    expect(body.requires_human_review).toBe(true);
    expect(body.alert_triggered).toBe(true);
    expect(body.review_id).toMatch(/^rev_/);
    await t.app.services.screeningAlerts.idle();
    const alert = await t.database.db
      .selectFrom('screening_alerts')
      .selectAll()
      .where('prediction_id', '=', body.prediction_id)
      .executeTakeFirst();
    expect(alert).toMatchObject({ kind: 'critical_risk', risk_level: 'critical', model: 'mhras_evidence@1.0.0', delivered_at: expect.any(String) });
    const stored = await t.database.db
      .selectFrom('screening_predictions')
      .selectAll()
      .where('id', '=', body.prediction_id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ model_id: 'mhras_evidence', model_version: '1.0.0', risk_level: 'critical' });
  });

  it('top_features are exact additive contributions: they sum to score minus reference score', async () => {
    const res = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: uniqueSubject() });
    const { risk_score, explanations } = res.json<ScreenBody>();
    const total = explanations.top_features.reduce((sum, [, value]) => sum + value, 0);
    expect(explanations.reference_score).toBe(0);
    expect(total).toBeCloseTo(risk_score.score - explanations.reference_score, 9);
    expect(explanations.top_features[0]).toEqual(['phq9_score', expect.closeTo(27.209, 2)]);
  });

  it('states a counterfactual whose re-scored value the model confirms, and rules with their fidelity', async () => {
    const res = await api.screen(clinician, {
      anonymized_id: uniqueSubject(),
      survey_data: { phq9_score: 9 },
      wearable_data: { sleep_hours: 5, sleep_efficiency: 0.7, steps_per_day: 3000 },
      consent_verified: true,
    });
    const { explanations, risk_score } = res.json<ScreenBody>();
    // 0.9 x 1.99243 + 1 x 0.95551 + 1 x 0.27003 = 3.018727 → high (>= 2.988645); activity needs both of its
    // measures (a missing one might have been the favourable one), so steps alone add nothing.
    expect(risk_score.risk_level).toBe('high');
    expect(risk_score.score).toBeCloseTo((100 * 3.018727) / 10.98404, 3);
    const match = /re-scores this case at ([\d.]+) \((\w+)\)/.exec(explanations.counterfactual);
    expect(match, explanations.counterfactual).not.toBeNull();
    expect(['low', 'moderate']).toContain(match![2]);
    expect(explanations.rule_approximation).toMatch(/^IF .+ THEN risk = \w+/);
    expect(explanations.rule_approximation).toMatch(/Fidelity: these rules agree with the model on [\d.]+% of 2,000/);
    expect(explanations.rule_fidelity).toBeGreaterThan(0.5);
    expect(explanations.clinical_interpretation).toContain('PHQ-9 9 (mild range)');
    expect(explanations.clinical_interpretation).toContain('5 h sleep');
  });

  it('missing inputs lower confidence and never add risk', async () => {
    const full = (
      await api.screen(clinician, {
        anonymized_id: uniqueSubject(),
        survey_data: { phq9_score: 12 },
        wearable_data: { sleep_hours: 8 },
        consent_verified: true,
      })
    ).json<ScreenBody>();
    const survey = (
      await api.screen(clinician, { anonymized_id: uniqueSubject(), survey_data: { phq9_score: 12 }, consent_verified: true })
    ).json<ScreenBody>();
    expect(survey.risk_score.score).toBeCloseTo(full.risk_score.score, 10);
    expect(survey.risk_score.confidence).toBeLessThan(full.risk_score.confidence);
    // PHQ-9 only: its maximum 5.37956 of 10.98404
    expect(survey.risk_score.confidence).toBeCloseTo(5.37956 / 10.98404, 4);
    const none = (await api.screen(clinician, { anonymized_id: uniqueSubject(), consent_verified: true })).json<ScreenBody>();
    expect(none.risk_score).toMatchObject({ score: 0, risk_level: 'low', confidence: 0 });
  });

  it('safety rail: PHQ-9 item 9 > 0 forces review, crisis line first and at least high, whatever the score', async () => {
    const res = await api.screen(clinician, {
      anonymized_id: uniqueSubject(),
      survey_data: { phq9_items: [0, 0, 0, 0, 0, 0, 0, 0, 1] },
      consent_verified: true,
    });
    const body = res.json<ScreenBody>();
    expect(body.risk_score.score).toBeCloseTo((100 * 0.1 * 1.99243) / 10.98404, 6); // the model alone says low
    expect(body.risk_score.risk_level).toBe('high');
    expect(body.requires_human_review).toBe(true);
    expect(body.recommendations[0]).toMatchObject({
      resource_type: 'crisis_line',
      name: '988 Suicide & Crisis Lifeline',
      urgency: 'immediate',
    });
    expect(body.risk_score.contributing_factors[0]).toMatch(/^Safety rail: PHQ-9 item 9/);
    const review = await t.database.db
      .selectFrom('screening_reviews')
      .selectAll()
      .where('prediction_id', '=', body.prediction_id)
      .executeTakeFirstOrThrow();
    expect(review.reason).toBe('safety_rail');
    const flagged = (
      await api.screen(clinician, { anonymized_id: uniqueSubject(), survey_data: { self_harm_flag: true }, consent_verified: true })
    ).json<ScreenBody>();
    expect(flagged).toMatchObject({ requires_human_review: true, risk_score: { risk_level: 'high' } });
  });

  it('low results need no review and recommend routine follow-up only', async () => {
    const body = (
      await api.screen(clinician, { anonymized_id: uniqueSubject(), survey_data: { phq9_score: 2, gad7_score: 1 }, consent_verified: true })
    ).json<ScreenBody>();
    expect(body).toMatchObject({
      requires_human_review: false,
      alert_triggered: false,
      review_id: null,
      risk_score: { risk_level: 'low' },
    });
    expect(body.recommendations.map((r) => r.resource_type)).toEqual(['monitoring']);
  });

  it('answers 400 ValidationError listing each bad field in the spec format', async () => {
    const res = await api.screen(clinician, {
      anonymized_id: '',
      survey_data: { phq9_score: 35, gad7_items: [1, 2] },
      wearable_data: { sleep_efficiency: 1.4, avg_heart_rate: 900 },
      consent_verified: true,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<MhrasError>();
    expect(body.error).toBe('ValidationError');
    const fields = body.details.validation_errors!.map((e) => e.field).sort();
    expect(fields).toEqual([
      'anonymized_id',
      'survey_data.gad7_items',
      'survey_data.phq9_score',
      'wearable_data.avg_heart_rate',
      'wearable_data.sleep_efficiency',
    ]);
    expect(body.details.validation_errors).toContainEqual({
      field: 'anonymized_id',
      message: expect.any(String),
      type: 'string_too_short',
      input: '',
    });
    expect(body.details.validation_errors).toContainEqual({
      field: 'survey_data.phq9_score',
      message: expect.any(String),
      type: 'less_than_equal',
      input: 35,
    });
    expect(Date.parse(body.timestamp)).not.toBeNaN();
  });

  it('answers 400 when a total disagrees with its items, or more sessions were attended than scheduled', async () => {
    const res = await api.screen(clinician, {
      anonymized_id: uniqueSubject(),
      survey_data: { phq9_score: 14, phq9_items: [2, 2, 2, 1, 2, 1, 2, 1, 2], gad7_score: 3, gad7_items: [0, 0, 0, 0, 0, 0, 1] },
      emr_data: { therapy_sessions_attended: 7, therapy_sessions_scheduled: 6 },
      consent_verified: true,
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json<MhrasError>().details.validation_errors!;
    expect(errors.map((e) => e.field)).toEqual(['survey_data.phq9_score', 'survey_data.gad7_score', 'emr_data.therapy_sessions_attended']);
    expect(errors[0]).toMatchObject({ type: 'value_error', input: 14, message: 'Value must equal the sum of phq9_items (15)' });
    expect(await t.database.db.selectFrom('screening_predictions').select('id').where('anonymized_id', '=', 'nothing').execute()).toEqual(
      [],
    );
  });

  it('answers 403 ConsentError when consent_verified is false', async () => {
    const res = await api.screen(clinician, { ...SPEC_EXAMPLE, consent_verified: false });
    expect(res.statusCode).toBe(403);
    expect(res.json<MhrasError>()).toMatchObject({
      error: 'ConsentError',
      details: { consent_status: 'not_verified', anonymized_id: SPEC_EXAMPLE.anonymized_id },
    });
  });

  it('refuses without a token, with an expired or revoked token, and for roles other than clinician/admin', async () => {
    const subject = { ...SPEC_EXAMPLE, anonymized_id: uniqueSubject() };
    const none = await api.screen(null, subject);
    expect(none.statusCode).toBe(401);
    expect(none.json<MhrasError>().error).toBe('AuthenticationError');
    for (const role of ['auditor', 'data_scientist', 'patient']) {
      const user = await createUser(t.app, { role });
      const res = await api.screen(user, subject);
      expect(res.statusCode, role).toBe(403);
      expect(res.json<MhrasError>().error).toBe('AuthorizationError');
    }
    const admin = await createUser(t.app, { role: 'admin' });
    expect((await api.screen(admin, subject)).statusCode).toBe(200);
    const revoked = await createUser(t.app, { role: 'clinician' });
    await t.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { authorization: `Bearer ${revoked.accessToken}` },
      payload: {},
    });
    expect((await api.screen(revoked, subject)).statusCode).toBe(401);
    t.clock.advance(3601_000);
    try {
      const expired = await api.screen(clinician, subject);
      expect(expired.statusCode).toBe(401);
      expect(expired.json<MhrasError>().details.reason).toBe('Token has expired');
    } finally {
      t.clock.advance(-3601_000);
    }
  });
});
