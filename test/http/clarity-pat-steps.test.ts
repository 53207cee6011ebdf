import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { minuteStamp } from './clarity-pat.helpers.js';

const watch = { name: "Ada's Apple Watch", bundle_id: 'com.apple.health.watch', version: '10.1' };
const device = { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware_version: 'Watch6,2' };

/** Daytime walking: 08:00–22:00 local, an hourly HealthKit sample of steps per hour, three days. */
function hourlyStepSamples(days: number) {
  const samples = [];
  for (let d = 0; d < days; d++) {
    for (let h = 8; h < 22; h++) {
      const from = d * 1440 + h * 60;
      samples.push({
        uuid: randomUUID(),
        type: 'HKQuantityTypeIdentifierStepCount',
        value: 300 + 40 * h,
        unit: 'count',
        start_date: minuteStamp(from),
        end_date: minuteStamp(from + 60),
        source: watch,
        device,
      });
    }
  }
  return samples;
}

describe.each(dialects())('Clarity /api/v1/pat/analyze-step-data on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    t.clock.set(new Date('2024-03-12T00:00:00Z'));
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const analyzeSteps = (body: unknown, token = user.accessToken) =>
    t.app.inject({ method: 'POST', url: '/api/v1/pat/analyze-step-data', headers: bearer(token), payload: body as object });
  const result = async (id: string, token = user.accessToken) => {
    await t.app.services.jobs.idle();
    return t.app.inject({ method: 'GET', url: `/api/v1/pat/analysis/${id}`, headers: bearer(token) });
  };

  it('analyses the original Clarity minute lists and says sleep scored from steps is unvalidated', async () => {
    const minutes = 2 * 1440;
    const step_counts = Array.from({ length: minutes }, (_, m) => ((m % 1440) / 60 >= 8 && (m % 1440) / 60 < 22 && m % 7 < 3 ? 90 : 0));
    const timestamps = Array.from({ length: minutes }, (_, m) => minuteStamp(m));
    const res = await analyzeSteps({ step_counts, timestamps, user_metadata: { app: 'test' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().input).toMatchObject({ form: 'minute_counts', signal: 'step_counts', minutes });
    const body = (await result(res.json().processing_id)).json();
    expect(body.status).toBe('completed');
    expect(body.confidence_scores).toMatchObject({
      step_derived: true,
      sleep_scoring_validated: false,
      recorded_sleep_stages_available: false,
    });
    expect(body.confidence_scores.preferred_sleep_source).toBe('cole_kripke_on_steps_unvalidated');
    expect(body.confidence_scores.notes.join(' ')).toMatch(/not validated|unvalidated/);
    expect(body.activity_patterns).toMatchObject({
      unit: 'steps/min',
      cut_points: { sedentary_below: 20, moderate_to_vigorous_from: 100 },
    });
    expect(body.activity_patterns.daily[0].total).toBeGreaterThan(0);
  });

  it('merges HealthKit step samples into minutes (a day without samples is a gap)', async () => {
    const samples = hourlyStepSamples(3).filter((s) => !s.start_date.startsWith('2024-03-05'));
    const res = await analyzeSteps({ samples });
    expect(res.statusCode, res.body).toBe(202);
    const body = (await result(res.json().processing_id)).json();
    expect(body.status).toBe('completed');
    expect(body.input.form).toBe('healthkit_samples');
    expect(body.confidence_scores.gaps.total_minutes).toBe(1440);
    const first = body.activity_patterns.daily.find((d: { date: string }) => d.date === '2024-03-04');
    expect(first.total).toBeCloseTo(
      hourlyStepSamples(1).reduce((a, s) => a + s.value, 0),
      6,
    );
  });

  it('analyses stored steps over a window and prefers the sleep stages the person recorded', async () => {
    const sleep = [0, 1, 2].map((d) => ({
      uuid: randomUUID(),
      type: 'HKCategoryTypeIdentifierSleepAnalysis',
      value: 'HKCategoryValueSleepAnalysisAsleepCore',
      start_date: minuteStamp(Math.max(0, d * 1440 - 60)), // 23:00 the evening before (the first night starts with the window)
      end_date: minuteStamp(d * 1440 + 7 * 60),
      source: watch,
      device,
    }));
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/healthkit/upload',
      headers: bearer(user.accessToken),
      payload: { samples: { quantity: hourlyStepSamples(3), category: sleep } },
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await t.app.services.jobs.idle();

    const res = await analyzeSteps({ window: { start: minuteStamp(0), end: minuteStamp(3 * 1440) } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().input).toMatchObject({ form: 'stored_window', minutes: 3 * 1440 });
    const body = (await result(res.json().processing_id)).json();
    expect(body.status).toBe('completed');
    expect(body.confidence_scores.recorded_sleep_stages_available).toBe(true);
    expect(body.sleep_metrics.preferred_source).toBe('recorded_sleep_stages');
    expect(body.sleep_metrics.recorded_sleep.length).toBeGreaterThanOrEqual(2);
    expect(body.sleep_metrics.recorded_sleep[1].total_sleep_minutes).toBe(480);
  });

  it.each([
    ['no step data', {}, 'body', 'NO_STEP_DATA'],
    ['two forms at once', { samples: [], window: { start: minuteStamp(0), end: minuteStamp(2880) } }, 'body', 'AMBIGUOUS_STEP_DATA'],
    ['an empty list', { step_counts: [], timestamps: [] }, 'step_counts', 'EMPTY_SERIES'],
    ['lists of different lengths', { step_counts: [1, 2], timestamps: [minuteStamp(0)] }, 'timestamps', 'LENGTH_MISMATCH'],
    ['a negative count', { step_counts: [1, -2], timestamps: [minuteStamp(0), minuteStamp(1)] }, 'step_counts[1]', 'NEGATIVE_COUNT'],
    ['repeated minutes', { step_counts: [1, 2], timestamps: [minuteStamp(0), minuteStamp(0)] }, 'timestamps[1]', 'DUPLICATE_TIMESTAMP'],
    ['less than a day', { step_counts: [1, 2], timestamps: [minuteStamp(0), minuteStamp(1)] }, 'timestamps', 'INSUFFICIENT_DURATION'],
    [
      'another type of sample',
      { samples: [{ ...hourlyStepSamples(1)[0], type: 'HKQuantityTypeIdentifierHeartRate' }] },
      'samples[0].type',
      'NOT_STEP_COUNT',
    ],
    ['a window without stored steps', { window: { start: minuteStamp(0), end: minuteStamp(2880) } }, 'window', 'EMPTY_SERIES'],
    ['a window of an hour', { window: { start: minuteStamp(0), end: minuteStamp(60) } }, 'window', 'INSUFFICIENT_DURATION'],
  ])('refuses %s with a 422 problem naming it, storing nothing', async (_label, body, field, code) => {
    const res = await analyzeSteps(body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field, code });
    expect(await t.database.db.selectFrom('actigraphy_analyses').select('id').execute()).toEqual([]);
  });

  it('keeps step analyses private to their person', async () => {
    const res = await analyzeSteps({ samples: hourlyStepSamples(2) });
    const other = await createUser(t.app);
    expect((await result(res.json().processing_id, other.accessToken)).statusCode).toBe(404);
    expect((await analyzeSteps({ user_id: user.id, samples: hourlyStepSamples(2) }, other.accessToken)).statusCode).toBe(403);
  });
});
