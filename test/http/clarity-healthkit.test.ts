import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const source = { name: "Ada's Apple Watch", bundle_id: 'com.apple.health.watch', version: '10.1' };
const device = { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware_version: 'Watch6,2', software_version: '10.1' };

const heartRate = (uuid: string, minute: number, value: number) => ({
  uuid,
  type: 'HKQuantityTypeIdentifierHeartRate',
  value,
  unit: 'count/min',
  start_date: `2024-05-01T10:${String(minute).padStart(2, '0')}:00+01:00`,
  end_date: `2024-05-01T10:${String(minute).padStart(2, '0')}:00+01:00`,
  source,
  device,
});

describe.each(dialects())('Clarity /api/v1/healthkit on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ env: { UPLOAD_LIMIT_BYTES: '65536' }, database: await dialect.open() });
    t.clock.set(new Date('2024-05-02T00:00:00Z'));
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const upload = (body: unknown, token = user.accessToken) =>
    t.app.inject({ method: 'POST', url: '/api/v1/healthkit/upload', headers: bearer(token), payload: body as object });
  const status = (id: string, token = user.accessToken) =>
    t.app.inject({ method: 'GET', url: `/api/v1/healthkit/upload-status/${id}`, headers: bearer(token) });

  it('stores quantity samples, a blood-pressure correlation and kJ energy, then applies tombstones', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const res = await upload({
      samples: {
        quantity: [
          heartRate(a, 0, 61),
          heartRate(b, 1, 65),
          { ...heartRate(randomUUID(), 2, 418.4), type: 'HKQuantityTypeIdentifierActiveEnergyBurned', unit: 'kJ' },
        ],
        correlations: [
          {
            uuid: randomUUID(),
            type: 'HKCorrelationTypeIdentifierBloodPressure',
            start_date: '2024-05-01T08:00:00Z',
            end_date: '2024-05-01T08:00:00Z',
            source,
            objects: [
              {
                uuid: randomUUID(),
                type: 'HKQuantityTypeIdentifierBloodPressureSystolic',
                value: 121,
                unit: 'mmHg',
                start_date: '2024-05-01T08:00:00Z',
                end_date: '2024-05-01T08:00:00Z',
              },
              {
                uuid: randomUUID(),
                type: 'HKQuantityTypeIdentifierBloodPressureDiastolic',
                value: 79,
                unit: 'mmHg',
                start_date: '2024-05-01T08:00:00Z',
                end_date: '2024-05-01T08:00:00Z',
              },
            ],
          },
        ],
      },
      sync_anchor: 'anchor-1',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', samples_received: { quantity_samples: 3, correlation_samples: 1 } });
    await t.app.services.jobs.idle();
    const done = (await status(res.json().upload_id)).json();
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1,
      total_items: 4,
      stored: 4,
      duplicates_skipped: 0,
      errors: [],
      sync_anchor: 'anchor-1',
    });
    const reader = t.app.services.observations.reader;
    expect((await reader.rollups(user.id, 'active_energy', 'hour', 0, Number.MAX_SAFE_INTEGER))[0]!.sum).toBeCloseTo(100, 10);
    expect((await reader.rollups(user.id, 'blood_pressure:systolic', 'hour', 0, Number.MAX_SAFE_INTEGER))[0]).toMatchObject({ sum: 121 });

    const removal = await upload({ samples: {}, deleted: [{ uuid: a, type: 'HKQuantityTypeIdentifierHeartRate' }] });
    await t.app.services.jobs.idle();
    expect((await status(removal.json().upload_id)).json()).toMatchObject({ status: 'completed', deleted: 1 });
    expect(await reader.rollups(user.id, 'heart_rate', 'hour', 0, Number.MAX_SAFE_INTEGER)).toEqual([
      { bucket: Date.parse('2024-05-01T09:00:00Z'), count: 1, sum: 65, min: 65, max: 65 },
    ]);
  });

  it('reports per-item errors and unsupported identifiers, and stores the rest', async () => {
    const res = await upload({
      samples: {
        quantity: [
          heartRate(randomUUID(), 0, 61),
          { ...heartRate(randomUUID(), 1, 61), unit: 'furlongs' },
          { ...heartRate(randomUUID(), 2, 12), type: 'HKQuantityTypeIdentifierDietaryCaffeine', unit: 'mg' },
        ],
      },
    });
    await t.app.services.jobs.idle();
    const done = (await status(res.json().upload_id)).json();
    expect(done).toMatchObject({ status: 'completed', stored: 1 });
    expect(done.errors).toHaveLength(1);
    expect(done.errors[0].path).toContain('quantity[1]');
    expect(done.unsupported).toEqual({ HKQuantityTypeIdentifierDietaryCaffeine: 1 });
  });

  it('refuses malformed and oversized bodies in RFC 7807 form', async () => {
    const bad = await upload({ samples: { quantity: [{ uuid: 'x', type: 'HKQuantityTypeIdentifierHeartRate' }] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const big = await upload({ samples: { quantity: Array.from({ length: 400 }, (_, i) => heartRate(randomUUID(), i % 60, 60)) } });
    expect(big.statusCode).toBe(413);
    expect(await t.database.db.selectFrom('ingest_batches').selectAll().execute()).toEqual([]);
  });

  it('requires a valid token and refuses another person’s upload', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/healthkit/upload', payload: { samples: {} } })).statusCode).toBe(401);
    const res = await upload({ samples: { quantity: [heartRate(randomUUID(), 0, 61)] } });
    const other = await createUser(t.app);
    expect((await status(res.json().upload_id, other.accessToken)).statusCode).toBe(404);
    expect((await upload({ user_id: user.id, samples: {} }, other.accessToken)).statusCode).toBe(403);
    t.clock.advance(2 * 3_600_000);
    expect((await status(res.json().upload_id)).statusCode).toBe(401);
  });
});
