import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SampleInput } from '../../src/domain/observations/index.js';
import { PHONE, sample, WATCH } from '../helpers/samples.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/**
 * Twin `GET /v1/health/sleep` and `GET /v1/health/activity` over HTTP. Expected numbers are worked out by hand in
 * the comments from the samples written, using the formulas documented in src/domain/observations/summaries.
 */

interface TwinError {
  error: { code: string; details: Record<string, unknown> & { parameter?: string } };
}
interface Abstention {
  reason: string;
  message: string;
}
interface SleepSession {
  date: string;
  nap: boolean;
  sleep_start: string;
  sleep_end: string;
  total_duration_minutes: number;
  sleep_period_minutes: number;
  time_in_bed_minutes: number | null;
  stages: Record<string, number>;
  efficiency: number | null;
  awakenings: number;
  awake_after_sleep_onset_minutes: number;
  quality_score: number | null;
  hrv_avg: number | null;
  respiratory_rate_avg: number | null;
  restlessness: string | null;
  source: string;
  sources: string[];
  data_sufficiency: Record<string, Abstention>;
}
interface Sleep {
  user_id: string;
  sleep_sessions: SleepSession[];
  summary: {
    avg_duration_minutes: number | null;
    avg_quality_score: number | null;
    sleep_debt_hours: number | null;
    sleep_debt: { need_minutes: number; need_basis: string; nights_with_data: number } | null;
    main_sleeps: number;
    naps: number;
    data_sufficiency: Record<string, Abstention>;
  };
}
interface Activity {
  user_id: string;
  date: string;
  steps: number | null;
  distance_km: number | null;
  calories_burned: number | null;
  active_calories: number | null;
  basal_calories: number | null;
  active_minutes: number | null;
  vigorous_minutes: number | null;
  sedentary_minutes: number | null;
  light_minutes: number | null;
  exercise_sessions: Record<string, unknown>[];
  activity_score: number | null;
  day_start: string;
  day_end: string;
  data_sufficiency: Record<string, Abstention>;
}

let t: TestApp;
let ada: TestUser;

const write = (user: TestUser, samples: SampleInput[]) =>
  t.app.services.observations.writer.write({ personId: user.id, batchId: `b_${Math.random().toString(36).slice(2)}`, samples });
const get = (path: string, user: TestUser = ada) =>
  t.app.inject({ method: 'GET', url: `/v1/health/${path}`, headers: bearer(user.accessToken) });
async function ok<T>(path: string, user: TestUser = ada): Promise<T> {
  const res = await get(path, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}
function twinError(res: { statusCode: number; json: <T>() => T }, status: number, code: string): TwinError['error'] {
  expect(res.statusCode).toBe(status);
  const body = res.json<TwinError>();
  expect(body.error.code).toBe(code);
  return body.error;
}

const stage = (category: string, start: string, end: string, extra: Partial<Omit<SampleInput, 'start' | 'end'>> = {}) =>
  sample({ type: 'sleep_stage', category, value: null, start, end, ...extra });

/**
 * The night of 1→2 December 2025 (UTC, offset 0), Apple Watch stages inside an iPhone in-bed interval:
 * in bed 22:50–07:05; core 23:00–01:00 (120), deep 01:00–02:00 (60), awake 02:00–02:30 (30),
 * rem 02:30–03:10 (40), core 03:10–06:00 (170), rem 06:00–07:00 (60).
 */
const night = (): SampleInput[] => [
  stage('in_bed', '2025-12-01T22:50:00Z', '2025-12-02T07:05:00Z', { source: PHONE }),
  stage('asleep_core', '2025-12-01T23:00:00Z', '2025-12-02T01:00:00Z'),
  stage('asleep_deep', '2025-12-02T01:00:00Z', '2025-12-02T02:00:00Z'),
  stage('awake', '2025-12-02T02:00:00Z', '2025-12-02T02:30:00Z'),
  stage('asleep_rem', '2025-12-02T02:30:00Z', '2025-12-02T03:10:00Z'),
  stage('asleep_core', '2025-12-02T03:10:00Z', '2025-12-02T06:00:00Z'),
  stage('asleep_rem', '2025-12-02T06:00:00Z', '2025-12-02T07:00:00Z'),
];

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-01-05T12:00:00Z'));
  ada = await createUser(t.app);
  // 35 years old in December 2025: NSF adults 26–64 (recommended 7–9 h, need 8 h).
  const patched = await t.app.inject({
    method: 'PATCH',
    url: '/v1/users/me',
    headers: bearer(ada.accessToken),
    payload: { date_of_birth: '1990-06-15' },
  });
  expect(patched.statusCode, patched.body).toBe(200);
});
afterEach(async () => {
  await t.close();
});

describe('GET /v1/health/sleep', () => {
  it('builds the night from stage samples, dated by the wake-up date, with its scores', async () => {
    await write(ada, [
      ...night(),
      sample({ type: 'hrv_sdnn', start: '2025-12-02T03:00:00Z', value: 40 }),
      sample({ type: 'hrv_sdnn', start: '2025-12-02T05:00:00Z', value: 50 }),
      sample({ type: 'hrv_sdnn', start: '2025-12-02T12:00:00Z', value: 90 }), // after waking: not the night's
      sample({ type: 'respiratory_rate', start: '2025-12-02T01:30:00Z', value: 14 }),
      sample({ type: 'respiratory_rate', start: '2025-12-02T04:30:00Z', value: 15 }),
    ]);
    // The night ended on the 2nd: a window of the 1st alone has no session.
    expect((await ok<Sleep>('sleep?start_date=2025-12-01&end_date=2025-12-01')).sleep_sessions).toEqual([]);
    const body = await ok<Sleep>('sleep?start_date=2025-12-02&end_date=2025-12-02');
    expect(body.user_id).toBe(ada.id);
    expect(body.sleep_sessions).toHaveLength(1);
    const s = body.sleep_sessions[0]!;
    expect(s).toMatchObject({
      date: '2025-12-02',
      nap: false,
      sleep_start: '2025-12-01T23:00:00Z',
      sleep_end: '2025-12-02T07:00:00Z',
      total_duration_minutes: 450, // 120 + 60 + 40 + 170 + 60
      sleep_period_minutes: 480,
      time_in_bed_minutes: 495, // 22:50 → 07:05
      stages: { deep_minutes: 60, light_minutes: 290, rem_minutes: 100, awake_minutes: 30, unspecified_minutes: 0 },
      efficiency: 0.9091, // 450 / 495
      awakenings: 1,
      awake_after_sleep_onset_minutes: 30,
      hrv_avg: 45, // (40 + 50) / 2
      respiratory_rate_avg: 14.5,
      // WASO 30 min: above 20 (good), below 41 (poor) → medium
      restlessness: 'medium',
      source: WATCH.name, // the watch ranks above the phone
      sources: [WATCH.name, PHONE.name],
    });
    // duration 7.5 h in 7–9 → 100 (weight 40); efficiency 0.909 ≥ 0.85 → 100 (20); WASO 30 between 20 → 100 and
    // 41 → 0: 100 × 11/21 = 52.38 (20); awakenings > 5 min unknown → omitted. (4000 + 2000 + 1047.6) / 80 = 88.1 → 88
    expect(s.quality_score).toBe(88);
    expect(s.data_sufficiency).toEqual({});
    expect(body.summary).toMatchObject({
      avg_duration_minutes: 450,
      avg_quality_score: 88,
      sleep_debt_hours: null,
      main_sleeps: 1,
      naps: 0,
    });
    expect(body.summary.data_sufficiency['sleep_debt_hours']).toMatchObject({ reason: 'too_few_nights' });
  });

  it('reports sleep debt over the 14 nights ending at end_date, and says why a field is null', async () => {
    // Seven nights of 7 h (23:00 → 06:00 core) waking 2025-12-04 … 2025-12-10; no in-bed, HRV or respiration samples.
    const samples = [3, 4, 5, 6, 7, 8, 9].map((d) => {
      const evening = new Date(Date.UTC(2025, 11, d, 23)).toISOString();
      const morning = new Date(Date.UTC(2025, 11, d + 1, 6)).toISOString();
      return stage('asleep_core', evening, morning);
    });
    await write(ada, samples);
    const body = await ok<Sleep>('sleep?start_date=2025-12-04&end_date=2025-12-10');
    expect(body.sleep_sessions.map((s) => s.date)).toEqual([
      '2025-12-04',
      '2025-12-05',
      '2025-12-06',
      '2025-12-07',
      '2025-12-08',
      '2025-12-09',
      '2025-12-10',
    ]);
    const first = body.sleep_sessions[0]!;
    // 7 h → 100 (weight 40); no in-bed → efficiency omitted; WASO 0 → 100 (20): 100
    expect(first).toMatchObject({
      total_duration_minutes: 420,
      efficiency: null,
      time_in_bed_minutes: null,
      quality_score: 100,
      hrv_avg: null,
      respiratory_rate_avg: null,
    });
    expect(first.data_sufficiency['hrv_avg']).toMatchObject({ reason: 'no_samples' });
    expect(first.data_sufficiency['respiratory_rate_avg']).toMatchObject({ reason: 'no_samples' });
    // need 8 h (NSF 26–64 midpoint) − 7 h slept = 60 min × 7 nights = 7 h
    expect(body.summary).toMatchObject({ avg_duration_minutes: 420, avg_quality_score: 100, sleep_debt_hours: 7, main_sleeps: 7 });
    expect(body.summary.sleep_debt).toMatchObject({ need_minutes: 480, need_basis: 'age', nights_with_data: 7 });
  });

  it('dates a night by the local wake-up date (New York, UTC−5)', async () => {
    // 2025-12-01 19:00 → 23:30 local = 2025-12-02 00:00Z → 04:30Z: woke on the 1st locally, the 2nd in UTC.
    await write(ada, [stage('asleep_core', '2025-12-02T00:00:00Z', '2025-12-02T04:30:00Z', { utcOffsetMinutes: -300 })]);
    const body = await ok<Sleep>('sleep?start_date=2025-12-01&end_date=2025-12-01');
    expect(body.sleep_sessions.map((s) => [s.date, s.total_duration_minutes])).toEqual([['2025-12-01', 270]]);
  });

  it('refuses bad dates naming the parameter, and windows over 92 days', async () => {
    expect(twinError(await get('sleep?end_date=2025-12-01'), 400, 'INVALID_REQUEST').details.parameter).toBe('start_date');
    expect(twinError(await get('sleep?start_date=2025-12-05&end_date=2025-12-01'), 400, 'INVALID_REQUEST').details.parameter).toBe(
      'end_date',
    );
    expect(twinError(await get('sleep?start_date=2025-01-01&end_date=2025-12-01'), 400, 'INVALID_REQUEST').details.parameter).toBe(
      'end_date',
    );
  });

  it('needs a valid token, refuses other people, never mixes people', async () => {
    twinError(
      await t.app.inject({ method: 'GET', url: '/v1/health/sleep?start_date=2025-12-02&end_date=2025-12-02' }),
      401,
      'UNAUTHORIZED',
    );
    const bob = await createUser(t.app);
    await write(ada, night());
    twinError(await get(`sleep?start_date=2025-12-02&end_date=2025-12-02&user_id=${ada.id}`, bob), 403, 'FORBIDDEN');
    expect((await ok<Sleep>('sleep?start_date=2025-12-02&end_date=2025-12-02', bob)).sleep_sessions).toEqual([]);
    t.clock.advance(3601_000);
    twinError(await get('sleep?start_date=2025-12-02&end_date=2025-12-02'), 401, 'UNAUTHORIZED');
  });
});

/**
 * 2025-12-03 (UTC, offset 0): a 30-minute run 09:10–09:40 counted by the iPhone (3,000 steps) and the Watch (3,200),
 * 2.5 km, 300 kcal active + 1,600 basal; watch heart rate at 5 past every 10 minutes from 07:05 to 18:55 (72
 * samples, 70 bpm, except 140/150/166 during the run).
 */
function activeDay(): SampleInput[] {
  const run = { start: '2025-12-03T09:10:00Z', end: '2025-12-03T09:40:00Z' };
  const heart = Array.from({ length: 72 }, (_, i) => {
    const at = Date.UTC(2025, 11, 3, 7, 5) + i * 600_000;
    const during = { [Date.UTC(2025, 11, 3, 9, 15)]: 140, [Date.UTC(2025, 11, 3, 9, 25)]: 150, [Date.UTC(2025, 11, 3, 9, 35)]: 166 };
    return sample({ start: new Date(at).toISOString(), value: during[at] ?? 70 });
  });
  return [
    sample({ type: 'steps', ...run, value: 3000, source: PHONE }),
    sample({ type: 'steps', ...run, value: 3200, source: WATCH }),
    sample({ type: 'distance', ...run, value: 2500 }),
    sample({ type: 'active_energy', start: '2025-12-03T00:00:00Z', end: '2025-12-03T23:00:00Z', value: 300 }),
    sample({ type: 'basal_energy', start: '2025-12-03T00:00:00Z', end: '2025-12-03T23:00:00Z', value: 1600 }),
    sample({
      type: 'workout',
      ...run,
      category: 'HKWorkoutActivityTypeRunning',
      value: 30,
      components: { energy_kcal: 250, distance_m: 2500 },
    }),
    ...heart,
  ];
}

describe('GET /v1/health/activity', () => {
  it("answers the day's totals, active and sedentary minutes, workouts and score", async () => {
    await write(ada, activeDay());
    const body = await ok<Activity>('activity?date=2025-12-03');
    expect(body).toMatchObject({
      user_id: ada.id,
      date: '2025-12-03',
      steps: 3200, // iPhone + Watch over the same run: the Watch's count, never 6,200
      distance_km: 2.5,
      calories_burned: 1900, // 300 active + 1,600 basal
      active_calories: 300,
      basal_calories: 1600,
      active_minutes: 30, // 3,200 steps / 30 min = 106.7 steps/min ≥ 100, every minute of the run
      vigorous_minutes: 0, // < 130 steps/min
      // worn: 72 ten-minute slots with a watch heart rate = 720 min awake and worn; minus the 30 active → 690
      sedentary_minutes: 690,
      light_minutes: 0,
      day_start: '2025-12-03T00:00:00Z',
      day_end: '2025-12-04T00:00:00Z',
    });
    expect(body.exercise_sessions).toEqual([
      {
        type: 'running',
        start_time: '2025-12-03T09:10:00Z',
        end_time: '2025-12-03T09:40:00Z',
        duration_minutes: 30,
        avg_heart_rate: 152, // (140 + 150 + 166) / 3
        max_heart_rate: 166,
        calories: 250,
        distance_km: 2.5,
        source: WATCH.name,
      },
    ]);
    // steps 3,200 / 10,000 → 32; 30 active min × 700/300 → 70; equal weights → 51
    expect(body.activity_score).toBe(51);
    expect(body.data_sufficiency).toEqual({});
  });

  it('says what is missing instead of guessing', async () => {
    // Phone steps only: no wear signal, no energy.
    await write(ada, [sample({ type: 'steps', start: '2025-12-03T12:00:00Z', end: '2025-12-03T12:10:00Z', value: 500, source: PHONE })]);
    const body = await ok<Activity>('activity?date=2025-12-03');
    expect(body).toMatchObject({
      steps: 500,
      distance_km: null,
      calories_burned: null,
      active_minutes: 0,
      sedentary_minutes: null,
      exercise_sessions: [],
    });
    expect(body.data_sufficiency['distance_km']).toMatchObject({ reason: 'no_samples' });
    expect(body.data_sufficiency['calories_burned']).toMatchObject({ reason: 'missing_energy' });
    expect(body.data_sufficiency['sedentary_minutes']).toMatchObject({ reason: 'wear_unknown' });
    // 500 / 10,000 → 5; 0 active minutes → 0; → round(2.5) = 3 (wear unknown is a warning, not a refusal)
    expect(body.activity_score).toBe(3);
    const empty = await ok<Activity>('activity?date=2025-12-04');
    expect(empty).toMatchObject({ steps: null, active_minutes: null, activity_score: null });
    expect(empty.data_sufficiency['activity_score']).toMatchObject({ reason: 'no_activity_data' });
  });

  it('counts a sample on the local date it happened (Dubai, UTC+4)', async () => {
    // 22:30Z on the 3rd is 02:30 on the 4th in Dubai
    await write(ada, [
      sample({ type: 'steps', start: '2025-12-03T22:30:00Z', end: '2025-12-03T22:40:00Z', value: 800, utcOffsetMinutes: 240 }),
    ]);
    expect((await ok<Activity>('activity?date=2025-12-03')).steps).toBeNull();
    const body = await ok<Activity>('activity?date=2025-12-04');
    expect(body).toMatchObject({ steps: 800, day_start: '2025-12-03T20:00:00Z', day_end: '2025-12-04T20:00:00Z' });
  });

  it('refuses a bad date naming it', async () => {
    expect(twinError(await get('activity'), 400, 'INVALID_REQUEST').details.parameter).toBe('date');
    expect(twinError(await get('activity?date=2025-13-01'), 400, 'INVALID_REQUEST').details.parameter).toBe('date');
  });

  it('needs a valid token, refuses other people, never mixes people', async () => {
    twinError(await t.app.inject({ method: 'GET', url: '/v1/health/activity?date=2025-12-03' }), 401, 'UNAUTHORIZED');
    const bob = await createUser(t.app);
    await write(ada, activeDay());
    twinError(await get(`activity?date=2025-12-03&user_id=${ada.id}`, bob), 403, 'FORBIDDEN');
    const theirs = await ok<Activity>('activity?date=2025-12-03', bob);
    expect(theirs).toMatchObject({ user_id: bob.id, steps: null, calories_burned: null, exercise_sessions: [] });
    t.clock.advance(3601_000);
    twinError(await get('activity?date=2025-12-03'), 401, 'UNAUTHORIZED');
  });

  it('audits reads of sleep and activity', async () => {
    await ok('activity?date=2025-12-03');
    await ok('sleep?start_date=2025-12-01&end_date=2025-12-02');
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_user_id'])
      .where('action', 'like', 'health.%')
      .execute();
    expect(actions).toEqual([
      { action: 'health.activity.read', subject_user_id: ada.id },
      { action: 'health.sleep.read', subject_user_id: ada.id },
    ]);
  });
});
