import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, type TestUser } from '../helpers/users.js';
import { mhrasClient, SPEC_EXAMPLE, uniqueSubject, type MhrasError } from './mhras-helpers.js';

/** The human review queue, escalation, de-identified aggregates, the spec's metrics and the /screen deadline. */
let t: TestApp;
let clinician: TestUser;
let auditor: TestUser;
let researcher: TestUser;
let api: ReturnType<typeof mhrasClient>;
beforeAll(async () => {
  t = await createTestApp({ env: { MHRAS_REVIEW_ESCALATION_MINUTES: '30' } });
  clinician = await createUser(t.app, { role: 'clinician' });
  auditor = await createUser(t.app, { role: 'auditor' });
  researcher = await createUser(t.app, { role: 'data_scientist' });
  api = mhrasClient(t);
});
afterAll(async () => t.close());

interface Review {
  review_id: string;
  status: string;
  escalated: boolean;
  assigned_to: string | null;
  resolution: string | null;
  comments?: { comment: string; author_id: string }[];
}

const screenForReview = async () => {
  const res = await api.screen(clinician, { ...SPEC_EXAMPLE, anonymized_id: uniqueSubject() });
  return res.json<{ review_id: string; prediction_id: string }>();
};

describe('review queue', () => {
  it('lists open cases, assigns, comments and resolves; a resolved case takes no more changes', async () => {
    const { review_id } = await screenForReview();
    const list = await api.send('GET', '/reviews', auditor);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ reviews: Review[] }>().reviews.map((r) => r.review_id)).toContain(review_id);
    const assigned = await api.send('POST', `/reviews/${review_id}/assign`, clinician, {});
    expect(assigned.json<Review>()).toMatchObject({ status: 'assigned', assigned_to: clinician.id });
    const comment = await api.send('POST', `/reviews/${review_id}/comments`, clinician, { comment: 'Called, safety plan agreed.' });
    expect(comment.statusCode).toBe(201);
    const resolved = await api.send('POST', `/reviews/${review_id}/resolve`, clinician, { resolution: 'Referred to CBT' });
    expect(resolved.json<Review>()).toMatchObject({
      status: 'resolved',
      resolution: 'Referred to CBT',
      comments: [{ comment: 'Called, safety plan agreed.', author_id: clinician.id }],
    });
    const again = await api.send('POST', `/reviews/${review_id}/resolve`, clinician, { resolution: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json<MhrasError>().error).toBe('ConflictError');
    const open = (await api.send('GET', '/reviews', clinician)).json<{ reviews: Review[] }>().reviews;
    expect(open.map((r) => r.review_id)).not.toContain(review_id);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('resource_id', '=', review_id).execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['screening.review.assign', 'screening.review.comment', 'screening.review.resolve']),
    );
  });

  it('escalates a case still open past the configured time and records an alert for it', async () => {
    const { review_id } = await screenForReview();
    t.clock.advance(31 * 60_000);
    try {
      const escalated = (await api.send('GET', '/reviews?escalated=true', clinician)).json<{ reviews: Review[] }>().reviews;
      expect(escalated.find((r) => r.review_id === review_id)).toMatchObject({ escalated: true });
      const alert = await t.database.db
        .selectFrom('screening_alerts')
        .selectAll()
        .where('review_id', '=', review_id)
        .where('kind', '=', 'review_overdue')
        .execute();
      expect(alert).toHaveLength(1);
    } finally {
      t.clock.advance(-31 * 60_000);
    }
  });

  it('validates bodies, 404s unknown cases, and lets only clinicians and admins act', async () => {
    const { review_id } = await screenForReview();
    expect((await api.send('POST', `/reviews/${review_id}/comments`, clinician, { comment: '' })).statusCode).toBe(400);
    expect((await api.send('POST', '/reviews/rev_unknown/assign', clinician, {})).statusCode).toBe(404);
    expect((await api.send('POST', `/reviews/${review_id}/assign`, auditor, {})).statusCode).toBe(403);
    expect((await api.send('GET', '/reviews', researcher)).statusCode).toBe(403);
    expect((await api.send('GET', '/reviews', null)).statusCode).toBe(401);
    expect((await api.send('GET', '/reviews?status=bogus', clinician)).statusCode).toBe(400);
  });
});

describe('GET /aggregates', () => {
  it('gives researchers de-identified counts only, small cells withheld', async () => {
    const res = await api.send('GET', '/aggregates', researcher);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total_screenings: number | null; by_risk_level: Record<string, number | null>; suppressed_below: number }>();
    expect(body.suppressed_below).toBe(5);
    expect(Object.keys(body.by_risk_level)).toEqual(['low', 'moderate', 'high', 'critical']);
    expect(res.body).not.toMatch(/anonymized_id|pred_/);
    for (const value of Object.values(body.by_risk_level)) expect(value === null || value === 0 || value >= 5).toBe(true);
    expect((await api.send('GET', '/aggregates', null)).statusCode).toBe(401);
    expect((await api.send('GET', '/aggregates', await createUser(t.app, { role: 'patient' }))).statusCode).toBe(403);
  });

  it('GET /models lists the registry with the active model and its cited weights', async () => {
    const res = await api.send('GET', '/models', auditor);
    expect(res.json()).toMatchObject({
      models: [
        {
          model: 'mhras_evidence@1.0.0',
          active: true,
          features: expect.arrayContaining([expect.objectContaining({ name: 'phq9_score' })]),
        },
      ],
    });
  });
});

describe('operations', () => {
  it('exports the spec’s Prometheus metrics', async () => {
    await screenForReview();
    const text = (await t.app.inject({ url: '/metrics' })).body;
    for (const name of [
      'mhras_requests_total',
      'mhras_request_duration_seconds',
      'mhras_screening_risk_scores',
      'mhras_model_inference_duration_seconds',
      'mhras_alerts_triggered_total',
      'mhras_human_reviews_queued_total',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/mhras_requests_total\{endpoint="\/screen",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/mhras_human_reviews_queued_total\{reason="safety_rail"\} \d+/);
  });

  it('answers 504 TimeoutError when /screen exceeds its deadline', async () => {
    const slow = await createTestApp({ env: { MHRAS_SCREEN_TIMEOUT_MS: '1' } });
    try {
      const user = await createUser(slow.app, { role: 'clinician' });
      const res = await mhrasClient(slow).screen(user, { ...SPEC_EXAMPLE, anonymized_id: uniqueSubject() });
      expect(res.statusCode).toBe(504);
      expect(res.json<MhrasError>()).toMatchObject({ error: 'TimeoutError', details: { timeout_limit: 0.001 } });
    } finally {
      await slow.close();
    }
  });

  it('keeps health data out of the logs', async () => {
    const logged = await createTestApp({ logLevel: 'trace' });
    try {
      const user = await createUser(logged.app, { role: 'clinician' });
      await mhrasClient(logged).screen(user, {
        ...SPEC_EXAMPLE,
        anonymized_id: 'log-probe-subject',
        emr_data: { diagnosis_codes: ['F33.2'], medications: ['lithium-probe'] },
      });
      const text = logged.logs.join('\n');
      expect(text).not.toMatch(/lithium-probe|F33\.2|phq9|log-probe-subject/);
    } finally {
      await logged.close();
    }
  });
});
