import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisCompletedEvent, AnalysisProgressEvent } from '../../src/domain/actigraphy/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { dataPoints, sleeperCounts } from './clarity-pat.helpers.js';

describe.each(dialects())('Clarity /api/v1/pat on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    t.clock.set(new Date('2024-03-12T00:00:00Z'));
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const analyze = (body: unknown, token = user.accessToken) =>
    t.app.inject({ method: 'POST', url: '/api/v1/pat/analyze', headers: bearer(token), payload: body as object });
  const result = (id: string, token = user.accessToken) =>
    t.app.inject({ method: 'GET', url: `/api/v1/pat/analysis/${id}`, headers: bearer(token) });
  const stored = async () => {
    const rows = await t.database.db.selectFrom('actigraphy_analyses').select('id').execute();
    const queued = await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'actigraphy.analyse').execute();
    return rows.length + queued.length;
  };

  it('analyses three days of actigraphy as a job: nights, circadian rhythm, activity, confidence; no PAT without weights', async () => {
    const progress: AnalysisProgressEvent[] = [];
    const completed: AnalysisCompletedEvent[] = [];
    t.app.services.actigraphy.events.on('analysis.progress', (e) => progress.push(e));
    t.app.services.actigraphy.events.on('analysis.completed', (e) => completed.push(e));

    const res = await analyze({ user_id: user.id, data_points: dataPoints(sleeperCounts(3)), sampling_rate: 1, duration_hours: 72 });
    expect(res.statusCode, res.body).toBe(202);
    const accepted = res.json();
    expect(accepted).toMatchObject({ status: 'queued', input: { signal: 'actigraphy_counts', minutes: 4320, gap_minutes: 0 } });
    expect(accepted.processing_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted.links.self).toBe(`/api/v1/pat/analysis/${accepted.processing_id}`);

    await t.app.services.jobs.idle();
    const body = (await result(accepted.processing_id)).json();
    expect(body).toMatchObject({ status: 'completed', progress: 1, user_id: user.id });

    const ck = body.sleep_metrics.cole_kripke;
    expect(ck.model).toBe('cole-kripke@1.0.0');
    expect(ck.nights.length).toBeGreaterThanOrEqual(2);
    // The series starts at midnight, inside the first night: that night is cut and flagged, and left out of the summary.
    expect(ck.nights[0].truncated).toBe(true);
    expect(ck.summary.nights).toBe(ck.nights.length - 1);
    const night = ck.nights[1];
    expect(night.truncated).toBe(false);
    expect(night.time_in_bed_minutes).toBeGreaterThan(420);
    expect(night.time_in_bed_minutes).toBeLessThan(500);
    expect(night.sleep_efficiency_percent).toBeGreaterThan(90);
    expect(night.sleep_onset_latency_minutes).toBeNull();
    expect(night.sleep_onset).toMatch(/^2024-03-0\dT2[23]:\d\d:00\+01:00$/);
    expect(body.sleep_metrics.sadeh.nights.length).toBeGreaterThanOrEqual(2);
    expect(body.sleep_metrics.preferred_source).toBe('cole_kripke_on_actigraphy');

    const np = body.circadian_rhythm.nonparametric;
    expect(np.status).toBe('computed');
    expect(np.IS).toBeGreaterThan(0.8);
    expect(np.RA).toBeGreaterThan(0.9);
    expect(np.L5_start_hour >= 23 || np.L5_start_hour < 3).toBe(true);
    expect(body.circadian_rhythm.cosinor).toMatchObject({ status: 'computed', period_hours: 24 });
    expect(body.circadian_rhythm.sleep_regularity_index.status).toBe('computed');
    expect(body.circadian_rhythm.sleep_regularity_index.SRI).toBeGreaterThan(80);

    expect(body.activity_patterns.daily).toHaveLength(3);
    expect(body.activity_patterns.daily[0]).toMatchObject({ complete: true, minutes_with_data: 1440 });
    expect(body.activity_patterns.sedentary_bouts.count).toBeGreaterThan(0);
    expect(body.activity_patterns.fragmentation.active_to_sedentary_transition_probability).toBeGreaterThan(0);

    expect(body.confidence_scores).toMatchObject({
      coverage: 1,
      complete_days: 3,
      step_derived: false,
      sleep_scoring_validated: true,
      gaps: { count: 0 },
      analyses: { feature_embeddings: { status: 'not_available' } },
    });
    expect(body.feature_embeddings).toBeUndefined();
    expect(body.pat.status).toBe('not_available');
    expect(body.pat.reason).toContain('PAT_WEIGHTS_DIR');

    expect(progress.map((e) => e.processingId)).toContain(accepted.processing_id);
    expect(progress.every((e) => e.personId === user.id)).toBe(true);
    expect(completed).toEqual([{ personId: user.id, processingId: accepted.processing_id, status: 'completed' }]);
  });

  it('counts gaps, keeps circadian measures to the longest covered stretch, and rescoring is opt-in', async () => {
    const points = dataPoints(sleeperCounts(3)).filter((_, m) => m < 1500 || m >= 1560);
    const res = await analyze({ data_points: points, duration_hours: 72, options: { webster_rescoring: true } });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.services.jobs.idle();
    const body = (await result(res.json().processing_id)).json();
    expect(body.confidence_scores.gaps).toEqual({ count: 1, total_minutes: 60, longest_minutes: 60 });
    expect(body.circadian_rhythm.window.minutes).toBe(4320 - 1560);
    expect(body.sleep_metrics.cole_kripke.webster_rescoring).toBe(true);
    expect(body.sleep_metrics.webster_rescoring).toContain('Webster');
  });

  it.each([
    ['an empty series', { data_points: [], duration_hours: 24 }, 'data_points', 'EMPTY_SERIES'],
    [
      'a duplicate timestamp',
      { data_points: [...dataPoints([1, 2]), dataPoints([1, 2])[1]], duration_hours: 24 },
      'data_points[2].timestamp',
      'DUPLICATE_TIMESTAMP',
    ],
    [
      'timestamps going backwards',
      { data_points: [dataPoints([1, 2, 3])[2], ...dataPoints([1, 2])], duration_hours: 24 },
      'data_points[1].timestamp',
      'NON_MONOTONIC_TIMESTAMPS',
    ],
    ['a negative count', { data_points: dataPoints([1, -5, 3]), duration_hours: 24 }, 'data_points[1].value', 'NEGATIVE_COUNT'],
    [
      'a rate below one per minute',
      { data_points: dataPoints([1]), sampling_rate: 0.2, duration_hours: 24 },
      'sampling_rate',
      'SAMPLING_RATE_TOO_LOW',
    ],
    [
      'an absurd rate',
      { data_points: dataPoints([1]), sampling_rate: 1e6, duration_hours: 24 },
      'sampling_rate',
      'UNSUPPORTED_SAMPLING_RATE',
    ],
    ['too few hours declared', { data_points: dataPoints([1, 2]), duration_hours: 6 }, 'duration_hours', 'INSUFFICIENT_DURATION'],
    [
      'too few hours of data',
      { data_points: dataPoints(sleeperCounts(1).slice(0, 600)), duration_hours: 24 },
      'data_points',
      'INSUFFICIENT_DURATION',
    ],
    [
      'data beyond duration_hours',
      { data_points: dataPoints(sleeperCounts(2)), duration_hours: 24 },
      'duration_hours',
      'DATA_OUTSIDE_DURATION',
    ],
    [
      'samples closer than the rate allows',
      {
        data_points: [
          { timestamp: '2024-03-04T00:00:00Z', value: 1 },
          { timestamp: '2024-03-04T00:00:20Z', value: 1 },
        ],
        duration_hours: 24,
      },
      'data_points[1].timestamp',
      'FASTER_THAN_SAMPLING_RATE',
    ],
  ])('refuses %s with a 422 problem naming it, storing nothing', async (_label, body, field, code) => {
    const res = await analyze(body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'validation_error', status: 422 });
    expect(problem.errors[0]).toMatchObject({ field, code });
    expect(problem.detail.length).toBeGreaterThan(10);
    expect(await stored()).toBe(0);
  });

  it('refuses a malformed body (schema) in Clarity form', async () => {
    const res = await analyze({ data_points: [{ timestamp: 'x', value: 'high' }], duration_hours: 24, surprise: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('validation_error');
    expect(await stored()).toBe(0);
  });

  it('answers every endpoint 401 without a token or with an expired one', async () => {
    const urls: [string, string][] = [
      ['POST', '/api/v1/pat/analyze'],
      ['POST', '/api/v1/pat/analyze-step-data'],
      ['GET', '/api/v1/pat/analysis/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/v1/pat/health'],
      ['GET', '/api/v1/pat/models/info'],
    ];
    for (const [method, url] of urls) {
      const anonymous = await t.app.inject({ method: method as 'GET', url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
    }
    t.clock.advance(2 * 3600 * 1000);
    for (const [method, url] of urls) {
      const expired = await t.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(user.accessToken),
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expect(expired.statusCode, url).toBe(401);
    }
  });

  it("refuses another person's analysis as not found, and analysing for another person", async () => {
    const res = await analyze({ data_points: dataPoints(sleeperCounts(1)), duration_hours: 24 });
    const id = res.json().processing_id as string;
    const other = await createUser(t.app);
    const peek = await result(id, other.accessToken);
    expect(peek.statusCode).toBe(404);
    expect(peek.json().type).toBe('not_found');
    expect((await result('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const forOther = await analyze({ user_id: user.id, data_points: dataPoints(sleeperCounts(1)), duration_hours: 24 }, other.accessToken);
    expect(forOther.statusCode).toBe(403);
    const admin = await createUser(t.app, { role: 'admin' });
    expect((await result(id, admin.accessToken)).statusCode).toBe(200);
  });

  it('reports health and which PAT models are not loaded, and why', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/pat/health', headers: bearer(user.accessToken) });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'healthy',
      service: 'pat',
      validated_analyses: 'available',
      models: { 'PAT-S': 'not_loaded', 'PAT-M': 'not_loaded', 'PAT-L': 'not_loaded' },
    });
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/pat/models/info', headers: bearer(user.accessToken) });
    expect(info.statusCode).toBe(200);
    const body = info.json();
    expect(body.models.map((m: { model_id: string }) => m.model_id)).toEqual(['PAT-S', 'PAT-M', 'PAT-L']);
    expect(body.models[0]).toMatchObject({
      loaded: false,
      state: 'not_loaded',
      patch_size: 18,
      num_patches: 560,
      num_heads: 6,
      num_layers: 1,
    });
    expect(body.models[2]).toMatchObject({ patch_size: 9, num_patches: 1120, num_heads: 12, num_layers: 4 });
    expect(body.models[0].reason).toContain('PAT_WEIGHTS_DIR');
    expect(body.prediction_heads).toEqual([]);
    expect(body.limitations.join(' ')).toMatch(/no depression, mania or sleep predictions/);
    expect(body.license).toContain('CC BY 4.0');
  });
});
