import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const HOUR = 3_600_000;

function metric(i: number, overrides: Record<string, unknown> = {}) {
  return {
    metric_id: randomUUID(),
    metric_type: 'heart_rate',
    biometric_data: { heart_rate: 60 + i },
    created_at: new Date(Date.parse('2024-05-01T10:00:00Z') + i * 60_000).toISOString(),
    ...overrides,
  };
}

const uploadBody = (user: TestUser, metrics: unknown[]) => ({
  user_id: user.id,
  metrics,
  upload_source: 'apple_health',
  client_timestamp: '2024-05-01T12:00:00Z',
});

describe.each(dialects())('Clarity /api/v1/health-data on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    t.clock.set(new Date('2024-05-02T00:00:00Z'));
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const upload = (body: unknown, token = user.accessToken) =>
    t.app.inject({ method: 'POST', url: '/api/v1/health-data/upload', headers: bearer(token), payload: body as object });
  const get = (url: string, token = user.accessToken) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

  async function uploadAndWait(metrics: unknown[]) {
    const res = await upload(uploadBody(user, metrics));
    expect(res.statusCode, res.body).toBe(201);
    await t.app.services.jobs.idle();
    const id = res.json<{ processing_id: string }>().processing_id;
    return { accepted: res.json(), status: (await get(`/api/v1/health-data/processing/${id}`)).json(), id };
  }

  it('processes an upload as a job and reports the real outcome; the same upload again is all duplicates', async () => {
    const metrics = [0, 1, 2].map((i) => metric(i));
    const first = await uploadAndWait(metrics);
    expect(first.accepted).toMatchObject({ status: 'queued', accepted_metrics: 3, rejected_metrics: 0, validation_errors: [] });
    expect(first.status).toMatchObject({
      status: 'completed',
      total_metrics: 3,
      processed: 3,
      stored: 3,
      duplicates_skipped: 0,
      errors: [],
      progress: 1,
    });
    const second = await uploadAndWait(metrics.map((m) => ({ ...m, metric_id: randomUUID() })));
    expect(second.status).toMatchObject({ status: 'completed', stored: 0, duplicates_skipped: 3 });
    const hour = await t.app.services.observations.reader.rollups(user.id, 'heart_rate', 'hour', 0, Number.MAX_SAFE_INTEGER);
    expect(hour).toEqual([{ bucket: Date.parse('2024-05-01T10:00:00Z'), count: 3, sum: 183, min: 60, max: 62 }]);
  });

  it('stores the good metrics and lists each refused one with its field', async () => {
    const { accepted, status } = await uploadAndWait([metric(0), metric(1, { biometric_data: { heart_rate: 900 } })]);
    expect(accepted).toMatchObject({ accepted_metrics: 1, rejected_metrics: 1 });
    expect(accepted.validation_errors[0]).toMatchObject({ field: 'metrics[1].biometric_data.heart_rate' });
    expect(status).toMatchObject({ stored: 1, rejected_metrics: 1 });
    expect(status.errors[0]).toMatchObject({ index: 1, field: 'metrics[1].biometric_data.heart_rate' });
  });

  it('refuses bad bodies in RFC 7807 form: more than 100 metrics, a bad user_id, a missing block', async () => {
    const tooMany = await upload(
      uploadBody(
        user,
        Array.from({ length: 101 }, (_, i) => metric(i % 50)),
      ),
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.headers['content-type']).toContain('application/problem+json');
    expect(tooMany.json().errors.some((e: { field: string }) => e.field.startsWith('metrics'))).toBe(true);
    expect((await upload({ ...uploadBody(user, [metric(0)]), user_id: 'nope' })).statusCode).toBe(422);
    expect((await upload(uploadBody(user, []))).statusCode).toBe(422);
    expect(await t.database.db.selectFrom('ingest_batches').selectAll().execute()).toEqual([]);
  });

  it('requires a valid token', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/health-data/upload', payload: uploadBody(user, [metric(0)]) })).statusCode,
    ).toBe(401);
    expect((await get('/api/v1/health-data/', '')).statusCode).toBe(401);
    t.clock.advance(2 * HOUR);
    const expired = await get('/api/v1/health-data/');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ status: 401 });
  });

  it('refuses another person’s data: uploading for them, reading or deleting their upload, seeing their rows', async () => {
    const other = await createUser(t.app);
    expect((await upload(uploadBody(other, [metric(0)]))).statusCode).toBe(403);
    const mine = await uploadAndWait([metric(0)]);
    expect((await get(`/api/v1/health-data/processing/${mine.id}`, other.accessToken)).statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/health-data/${mine.id}`, headers: bearer(other.accessToken) });
    expect(del.statusCode).toBe(404);
    expect((await get('/api/v1/health-data/', other.accessToken)).json().data).toEqual([]);
  });

  it('lists stored data with HAL links and cursor pages, filtered by type and time', async () => {
    await uploadAndWait([0, 1, 2, 3, 4].map((i) => metric(i)));
    await uploadAndWait([metric(0, { metric_type: 'blood_oxygen', biometric_data: { oxygen_saturation: 97 } })]);
    const page1 = (await get('/api/v1/health-data/?limit=2&metric_type=HEART_RATE')).json();
    expect(page1.pagination).toMatchObject({ page_size: 2, has_next: true, has_previous: false, total_count: 5 });
    expect(page1.data.map((d: { biometric_data: { heart_rate: number } }) => d.biometric_data.heart_rate)).toEqual([60, 61]);
    expect(page1.links.next).toContain('cursor=');
    const page2 = (
      await get(`/api/v1/health-data/?limit=2&metric_type=HEART_RATE&cursor=${encodeURIComponent(page1.pagination.next_cursor)}`)
    ).json();
    expect(page2.pagination).toMatchObject({ has_previous: true, total_count: 5 });
    expect(page2.data.map((d: { value: number }) => d.value)).toEqual([62, 63]);
    const spo2 = (await get('/api/v1/health-data?metric_type=blood_oxygen')).json();
    expect(spo2.data).toHaveLength(1);
    expect(spo2.data[0]).toMatchObject({ metric_type: 'blood_oxygen', biometric_data: { oxygen_saturation: 97 }, source: 'apple_health' });
    const windowed = (
      await get('/api/v1/health-data/?metric_type=heart_rate&start_date=2024-05-01T10:02:00Z&end_date=2024-05-01T10:04:00Z')
    ).json();
    expect(windowed.data.map((d: { value: number }) => d.value)).toEqual([62, 63]);
    expect((await get('/api/v1/health-data/?metric_type=NOT_A_TYPE')).statusCode).toBe(422);
  });

  it('deletes what one upload stored and recomputes the rollups', async () => {
    const first = await uploadAndWait([metric(0)]);
    const second = await uploadAndWait([metric(0), metric(30)]);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/health-data/${second.id}`, headers: bearer(user.accessToken) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ processing_id: second.id, deleted_records: 1 });
    const hours = await t.app.services.observations.reader.rollups(user.id, 'heart_rate', 'hour', 0, Number.MAX_SAFE_INTEGER);
    expect(hours).toEqual([{ bucket: Date.parse('2024-05-01T10:00:00Z'), count: 1, sum: 60, min: 60, max: 60 }]);
    expect((await get(`/api/v1/health-data/processing/${second.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/health-data/processing/${first.id}`)).statusCode).toBe(200);
  });

  it('reports the service status without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health-data/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'healthy', database: { reachable: true }, jobs: { queued: 0, running: 0 } });
  });
});
