import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SampleInput } from '../../src/domain/observations/index.js';
import { PHONE, sample, WATCH } from '../helpers/samples.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/**
 * Twin `GET /v1/health/vitals` over HTTP. Every expected number is worked out by hand in the comment beside it from
 * the samples the test writes.
 */

interface TwinError {
  error: {
    code: string;
    message: string;
    details: Record<string, unknown> & { parameter?: string; fields?: { field: string; code: string }[] };
    request_id: string;
  };
}
type Value = number | { systolic: number | null; diastolic: number | null };
interface Point {
  timestamp: string;
  date?: string;
  metric: string;
  value: Value;
  source: string;
  quality: string;
  sample_count: number;
}
interface Summary {
  min: Value | null;
  max: Value | null;
  avg: Value | null;
  baseline: Value | null;
  sample_count: number;
  baseline_status: { status: string; reason: string | null; days_with_data: number; window: { from: string; to: string } };
}
interface Vitals {
  user_id: string;
  metric: string;
  unit: string | null;
  units: Record<string, string>;
  granularity: string;
  data: Point[];
  summary: Summary | null;
  summaries: Record<string, Summary>;
  quality_basis: string;
  pagination: { next_cursor: string | null; has_more: boolean; total_count: number };
}

let t: TestApp;
let ada: TestUser;
const DAY = 86_400_000;

const write = (user: TestUser, samples: SampleInput[], batchId = `b_${Math.random().toString(36).slice(2)}`) =>
  t.app.services.observations.writer.write({ personId: user.id, batchId, samples });
const get = (query: string, user: TestUser = ada) =>
  t.app.inject({ method: 'GET', url: `/v1/health/vitals?${query}`, headers: bearer(user.accessToken) });
async function vitals(query: string, user: TestUser = ada): Promise<Vitals> {
  const res = await get(query, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Vitals>();
}
function twinError(res: { statusCode: number; json: <T>() => T }, status: number, code: string): TwinError['error'] {
  expect(res.statusCode).toBe(status);
  const body = res.json<TwinError>();
  expect(body.error).toMatchObject({ code, message: expect.any(String), request_id: expect.any(String) });
  return body.error;
}

/** Heart rate on 2025-12-01 (UTC): hour 10 full (6 samples), hour 11 two, hour 12 one. */
const heartRateDay = (): SampleInput[] => [
  ...[60, 62, 64, 66, 68, 70].map((value, i) => sample({ start: `2025-12-01T10:${i}0:00Z`, value })),
  sample({ start: '2025-12-01T11:05:00Z', value: 90 }),
  sample({ start: '2025-12-01T11:15:00Z', value: 100 }),
  sample({ start: '2025-12-01T12:30:00Z', value: 50 }),
];

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-01-05T12:00:00Z'));
  ada = await createUser(t.app);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

describe('GET /v1/health/vitals: hourly (the default)', () => {
  it('answers the spec shape with hourly means from the rollups, their quality, and the window summary', async () => {
    await write(ada, heartRateDay());
    const body = await vitals('start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate');
    expect(body).toMatchObject({ user_id: ada.id, metric: 'heart_rate', unit: 'bpm', granularity: 'hourly', quality_basis: 'rollup' });
    expect(body.data).toEqual([
      // (60+62+64+66+68+70)/6 = 65; six samples fill the six 10-minute slots → high
      { timestamp: '2025-12-01T10:00:00Z', metric: 'heart_rate', value: 65, source: 'aggregate', quality: 'high', sample_count: 6 },
      // (90+100)/2 = 95; at most 2 of 6 slots = 1/3 → medium
      { timestamp: '2025-12-01T11:00:00Z', metric: 'heart_rate', value: 95, source: 'aggregate', quality: 'medium', sample_count: 2 },
      // 1 of 6 slots < 1/3 → low
      { timestamp: '2025-12-01T12:00:00Z', metric: 'heart_rate', value: 50, source: 'aggregate', quality: 'low', sample_count: 1 },
    ]);
    // min 50, max 100, mean of the 9 samples = (390 + 190 + 50) / 9 = 70
    expect(body.summary).toMatchObject({ min: 50, max: 100, avg: 70, sample_count: 9, baseline: null });
    expect(body.summary!.baseline_status).toMatchObject({
      status: 'insufficient_data',
      reason: 'too_few_days',
      days_with_data: 0,
      window: { from: '2025-11-03', to: '2025-11-30' },
    });
    expect(body.pagination).toEqual({ next_cursor: null, has_more: false, total_count: 3 });
  });

  it('computes the baseline from the daily means of the 28 days before start_date', async () => {
    // 2025-11-24 … 2025-11-30: daily means 60 … 66 (two samples a day, 2 bpm apart) → median of 7 = 63
    const lookback = [0, 1, 2, 3, 4, 5, 6].flatMap((d) => {
      const date = new Date(Date.UTC(2025, 10, 24 + d)).toISOString().slice(0, 10);
      return [sample({ start: `${date}T08:00:00Z`, value: 59 + d }), sample({ start: `${date}T20:00:00Z`, value: 61 + d })];
    });
    await write(ada, [...lookback, ...heartRateDay()]);
    const body = await vitals('start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate');
    expect(body.summary).toMatchObject({ baseline: 63, avg: 70 });
    expect(body.summary!.baseline_status).toMatchObject({ status: 'computed', reason: null, days_with_data: 7 });
  });

  it('reports blood pressure as {systolic, diastolic} per point and in the summary', async () => {
    const bp = (start: string, systolic: number, diastolic: number) =>
      sample({ type: 'blood_pressure', start, value: null, components: { systolic, diastolic }, source: PHONE });
    await write(ada, [bp('2025-12-01T08:00:00Z', 120, 80), bp('2025-12-01T08:30:00Z', 130, 90), bp('2025-12-02T07:00:00Z', 110, 70)]);
    const body = await vitals('start_date=2025-12-01&end_date=2025-12-02&metric=blood_pressure');
    expect(body.unit).toBe('mmHg');
    expect(body.data.map((p) => [p.timestamp, p.value, p.quality])).toEqual([
      ['2025-12-01T08:00:00Z', { systolic: 125, diastolic: 85 }, 'high'], // (120+130)/2, (80+90)/2; a cuff reading is a spot measurement
      ['2025-12-02T07:00:00Z', { systolic: 110, diastolic: 70 }, 'high'],
    ]);
    // mean systolic (120+130+110)/3 = 120, diastolic (80+90+70)/3 = 80
    expect(body.summary).toMatchObject({
      min: { systolic: 110, diastolic: 70 },
      max: { systolic: 130, diastolic: 90 },
      avg: { systolic: 120, diastolic: 80 },
    });
  });

  it('with metric=all (the default) lists every metric, each point tagged, one summary per metric', async () => {
    await write(ada, [
      sample({ start: '2025-12-01T10:00:00Z', value: 60 }),
      sample({ type: 'hrv_sdnn', start: '2025-12-01T03:00:00Z', value: 42 }),
      sample({ type: 'spo2', start: '2025-12-01T04:00:00Z', value: 97 }),
      sample({ type: 'body_temperature', start: '2025-12-01T06:00:00Z', value: 36.8 }),
      sample({ type: 'blood_pressure', start: '2025-12-01T07:00:00Z', value: null, components: { systolic: 118, diastolic: 76 } }),
    ]);
    const body = await vitals('start_date=2025-12-01&end_date=2025-12-01');
    expect(body).toMatchObject({ metric: 'all', unit: null, summary: null });
    expect(body.units).toEqual({ blood_pressure: 'mmHg', temperature: 'celsius', heart_rate: 'bpm', hrv: 'ms', spo2: '%' });
    expect(body.data.map((p) => [p.metric, p.value])).toEqual([
      ['blood_pressure', { systolic: 118, diastolic: 76 }],
      ['temperature', 36.8],
      ['heart_rate', 60],
      ['hrv', 42],
      ['spo2', 97],
    ]);
    expect(Object.keys(body.summaries).sort()).toEqual(['blood_pressure', 'heart_rate', 'hrv', 'spo2', 'temperature']);
    expect(body.summaries['spo2']).toMatchObject({ min: 97, max: 97, avg: 97, sample_count: 1 });
  });

  it('reads only rollups for hourly points over 30 days (the performance contract)', async () => {
    // One sample per hour for 30 days, value 60 + (hour of day): every hourly mean is its hour's value.
    const start = Date.UTC(2025, 10, 1);
    const samples = Array.from({ length: 30 * 24 }, (_, h) =>
      sample({ start: new Date(start + h * 3_600_000).toISOString(), value: 60 + (h % 24) }),
    );
    await write(ada, samples);
    const raw = vi.spyOn(t.app.services.observations.reader, 'raw');
    const body = await vitals('start_date=2025-11-01&end_date=2025-11-30&metric=heart_rate&limit=1000');
    expect(raw).not.toHaveBeenCalled();
    expect(body.pagination.total_count).toBe(720);
    expect(body.data).toHaveLength(720);
    expect(body.data[25]).toMatchObject({ timestamp: '2025-11-02T01:00:00Z', value: 61 });
    // mean of 60…83 = 71.5, the same each day
    expect(body.summary).toMatchObject({ min: 60, max: 83, avg: 71.5, sample_count: 720 });
  });
});

describe('GET /v1/health/vitals: daily', () => {
  it('reads a year of daily points from the rollups, dated by the local date', async () => {
    // 365 samples at 22:00Z with offset +04:00 (02:00 local the NEXT day): the local dates are 2025-01-02 … 2026-01-01.
    const first = Date.UTC(2025, 0, 1, 22);
    const samples = Array.from({ length: 365 }, (_, i) =>
      sample({ start: new Date(first + i * DAY).toISOString(), value: 50 + (i % 10), utcOffsetMinutes: 240 }),
    );
    await write(ada, samples);
    const raw = vi.spyOn(t.app.services.observations.reader, 'raw');
    const body = await vitals('start_date=2025-01-02&end_date=2026-01-01&metric=heart_rate&granularity=daily&limit=1000');
    expect(raw).not.toHaveBeenCalled();
    expect(body.pagination.total_count).toBe(365);
    expect(body.data[0]).toEqual({
      timestamp: '2025-01-02T00:00:00Z',
      date: '2025-01-02',
      metric: 'heart_rate',
      value: 50,
      source: 'aggregate',
      quality: 'low',
      sample_count: 1,
    });
    expect(body.data[364]).toMatchObject({ date: '2026-01-01', value: 54 }); // i = 364 → 50 + 4
    // Σ(i mod 10) over i = 0…364: 36 cycles × 45 + (0+1+2+3+4) = 1630 → mean 50 + 1630/365 = 54.4657… → 54.47
    expect(body.summary).toMatchObject({ min: 50, max: 59, avg: 54.47, sample_count: 365 });
  });

  it('pages with a signed cursor bound to the query', async () => {
    const samples = Array.from({ length: 5 }, (_, i) =>
      sample({ start: new Date(Date.UTC(2025, 11, 1 + i, 12)).toISOString(), value: 60 + i }),
    );
    await write(ada, samples);
    const q = 'start_date=2025-12-01&end_date=2025-12-31&metric=heart_rate&granularity=daily&limit=2';
    const page1 = await vitals(q);
    expect(page1.data.map((p) => p.value)).toEqual([60, 61]);
    expect(page1.pagination).toMatchObject({ has_more: true, total_count: 5 });
    const page2 = await vitals(`${q}&cursor=${page1.pagination.next_cursor}`);
    expect(page2.data.map((p) => p.value)).toEqual([62, 63]);
    const page3 = await vitals(`${q}&cursor=${page2.pagination.next_cursor}`);
    expect(page3.data.map((p) => p.value)).toEqual([64]);
    expect(page3.pagination).toEqual({ next_cursor: null, has_more: false, total_count: 5 });
    // The summary covers the window, whatever the page: mean of 60…64 = 62
    expect(page3.summary).toMatchObject({ avg: 62 });
    // The cursor belongs to this query: another granularity refuses it, naming the parameter
    const replay = twinError(
      await get(`start_date=2025-12-01&end_date=2025-12-31&metric=heart_rate&granularity=hourly&cursor=${page1.pagination.next_cursor}`),
      400,
      'INVALID_REQUEST',
    );
    expect(replay.details.parameter).toBe('cursor');
  });
});

describe('GET /v1/health/vitals: raw', () => {
  it('lists stored samples with their source and per-sample quality, keyset-paginated', async () => {
    await write(ada, [...heartRateDay(), sample({ start: '2025-12-01T13:00:00Z', value: 75, source: PHONE })]);
    const page1 = await vitals('start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate&granularity=raw&limit=4');
    expect(page1).toMatchObject({ granularity: 'raw', quality_basis: 'sample' });
    expect(page1.data[0]).toEqual({
      timestamp: '2025-12-01T10:00:00Z',
      metric: 'heart_rate',
      value: 60,
      source: WATCH.name,
      quality: 'high',
      sample_count: 1,
    });
    expect(page1.pagination).toMatchObject({ has_more: true, total_count: 10 });
    const seen = [...page1.data];
    let cursor = page1.pagination.next_cursor;
    while (cursor) {
      const page = await vitals(`start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate&granularity=raw&limit=4&cursor=${cursor}`);
      seen.push(...page.data);
      cursor = page.pagination.next_cursor;
    }
    expect(seen.map((p) => p.value)).toEqual([60, 62, 64, 66, 68, 70, 90, 100, 50, 75]);
    // One sample is one whole measurement (completeness is a bucket's matter): high, whatever the source
    expect(seen.at(-1)).toMatchObject({ source: PHONE.name, quality: 'high' });
    // The summary is the whole window's: min 50, max 100, mean (630 + 75)/10 = 70.5
    expect(page1.summary).toMatchObject({ min: 50, max: 100, avg: 70.5, sample_count: 10 });
  });

  it('marks implausible values low', async () => {
    await write(ada, [sample({ type: 'spo2', start: '2025-12-01T04:00:00Z', value: 40 })]);
    const body = await vitals('start_date=2025-12-01&end_date=2025-12-01&metric=spo2&granularity=raw');
    expect(body.data[0]).toMatchObject({ value: 40, quality: 'low' });
  });
});

describe('GET /v1/health/vitals: bad input', () => {
  const cases: [string, string, string][] = [
    ['end_date=2025-12-01', 'start_date', 'missing start_date'],
    ['start_date=2025-12-01', 'end_date', 'missing end_date'],
    ['start_date=2025-02-30&end_date=2025-03-01', 'start_date', 'not a calendar date'],
    ['start_date=01/12/2025&end_date=2025-12-02', 'start_date', 'not ISO'],
    ['start_date=2025-12-05&end_date=2025-12-01', 'end_date', 'end before start'],
    ['start_date=2025-12-01&end_date=2026-01-01&granularity=raw', 'end_date', 'raw over 32 days'],
    ['start_date=2025-01-01&end_date=2025-06-01&granularity=hourly', 'end_date', 'hourly over 92 days'],
    ['start_date=2020-01-01&end_date=2025-01-01&granularity=daily', 'end_date', 'daily over 3 years'],
    ['start_date=2025-12-01&end_date=2025-12-01&metric=weight', 'metric', 'unknown metric'],
    ['start_date=2025-12-01&end_date=2025-12-01&granularity=minute', 'granularity', 'unknown granularity'],
    ['start_date=2025-12-01&end_date=2025-12-01&limit=5000', 'limit', 'limit too large'],
    ['start_date=2025-12-01&end_date=2025-12-01&cursor=forged.cursor', 'cursor', 'forged cursor'],
  ];
  it.each(cases)('%s → 400 INVALID_REQUEST naming %s (%s)', async (query, field) => {
    const error = twinError(await get(query), 400, 'INVALID_REQUEST');
    expect(error.details.parameter).toBe(field);
    expect(error.details.fields?.[0]?.field).toBe(field);
  });

  it('says how long a window may be', async () => {
    const error = twinError(await get('start_date=2025-12-01&end_date=2026-01-01&granularity=raw'), 400, 'INVALID_REQUEST');
    expect(error.details).toMatchObject({ max_days: 31, requested_days: 32 });
    expect(error.details.fields?.[0]).toMatchObject({ code: 'range_too_long' });
  });
});

describe('GET /v1/health/vitals: who may read', () => {
  it('needs a valid token: missing → 401, expired → 401', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/v1/health/vitals?start_date=2025-12-01&end_date=2025-12-01' });
    twinError(missing, 401, 'UNAUTHORIZED');
    t.clock.advance(3601_000);
    const expired = twinError(await get('start_date=2025-12-01&end_date=2025-12-01'), 401, 'UNAUTHORIZED');
    expect(expired.details).toMatchObject({ reason: 'Token has expired' });
  });

  it("refuses another person's data (403) and never mixes people", async () => {
    const bob = await createUser(t.app);
    await write(ada, heartRateDay());
    twinError(await get(`start_date=2025-12-01&end_date=2025-12-01&user_id=${ada.id}`, bob), 403, 'FORBIDDEN');
    for (const granularity of ['raw', 'hourly', 'daily']) {
      const body = await vitals(`start_date=2025-12-01&end_date=2025-12-01&granularity=${granularity}`, bob);
      expect(body.user_id).toBe(bob.id);
      expect(body.data).toEqual([]);
      expect(body.pagination.total_count).toBe(0);
      expect(body.summaries['heart_rate']).toMatchObject({ min: null, max: null, avg: null, sample_count: 0 });
    }
  });

  it("lets an admin read a person's vitals by user_id; an unknown person is 404", async () => {
    const admin = await createUser(t.app, { role: 'admin' });
    await write(ada, heartRateDay());
    const body = await vitals(`start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate&user_id=${ada.id}`, admin);
    expect(body.user_id).toBe(ada.id);
    expect(body.pagination.total_count).toBe(3);
    twinError(await get('start_date=2025-12-01&end_date=2025-12-01&user_id=nobody', admin), 404, 'NOT_FOUND');
  });

  it('audits each read with filters and counts, never values', async () => {
    await write(ada, heartRateDay());
    await vitals('start_date=2025-12-01&end_date=2025-12-01&metric=heart_rate');
    const entries = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'health.vitals.read').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: ada.id, subject_user_id: ada.id, outcome: 'success' });
    expect(JSON.parse(entries[0]!.details as string)).toEqual({
      metric: 'heart_rate',
      granularity: 'hourly',
      start_date: '2025-12-01',
      end_date: '2025-12-01',
      returned: 3,
      page: 'first',
    });
  });
});
