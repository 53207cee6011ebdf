import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/** Twin `POST /v1/health/manual` over HTTP: checked, converted, stored as its own batch, readable through /vitals. */

interface TwinError {
  error: {
    code: string;
    message: string;
    details: { location?: string; fields?: { field: string; message: string; code: string }[] };
    request_id: string;
  };
}
interface Recorded {
  record_id: string;
  metric_type: string;
  timestamp: string;
  status: string;
}

let t: TestApp;
let ada: TestUser;

const post = (payload: object, user: TestUser = ada) =>
  t.app.inject({ method: 'POST', url: '/v1/health/manual', headers: bearer(user.accessToken), payload });
async function record(payload: object, user: TestUser = ada): Promise<Recorded> {
  const res = await post(payload, user);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Recorded>();
}
function fieldsOf(res: { statusCode: number; json: <T>() => T }, status = 422, code = 'VALIDATION_ERROR'): string[] {
  expect(res.statusCode).toBe(status);
  const body = res.json<TwinError>();
  expect(body.error).toMatchObject({ code, message: expect.any(String), request_id: expect.any(String) });
  return (body.error.details.fields ?? []).map((f) => f.field).sort();
}
const rowsOf = (user: TestUser, type: string) =>
  t.app.services.observations.reader.raw({ personId: user.id, types: [type], fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: 100 });
const batches = () => t.database.db.selectFrom('ingest_batches').selectAll().execute();

const BP = {
  metric_type: 'blood_pressure',
  timestamp: '2025-12-03T08:00:00Z',
  values: { systolic: 125, diastolic: 82, pulse: 68 },
  notes: 'Measured after morning coffee',
};

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2025-12-03T09:00:00Z'));
  ada = await createUser(t.app);
});
afterEach(async () => {
  await t.close();
});

describe('POST /v1/health/manual', () => {
  it("records the spec's blood-pressure example as its own batch, readable through /vitals", async () => {
    const body = await record(BP);
    expect(body).toEqual({
      record_id: expect.stringMatching(/^rec_/),
      metric_type: 'blood_pressure',
      timestamp: '2025-12-03T08:00:00Z',
      status: 'recorded',
    });
    const [batch] = await batches();
    expect(batch).toMatchObject({
      id: body.record_id,
      person_id: ada.id,
      kind: 'manual_entry',
      state: 'completed',
      stored: 2,
      duplicates: 0,
    });

    const [bp] = await rowsOf(ada, 'blood_pressure');
    expect(bp).toMatchObject({
      components: { systolic: 125, diastolic: 82 },
      provenance: 'user_entered',
      source_name: 'Manual entry',
      batch_id: body.record_id,
      utc_offset_min: 0,
      metadata: { notes: 'Measured after morning coffee' },
    });
    // The cuff's pulse joins the heart-rate series
    expect((await rowsOf(ada, 'heart_rate')).map((r) => r.value)).toEqual([68]);

    const vitals = await t.app.inject({
      method: 'GET',
      url: '/v1/health/vitals?start_date=2025-12-03&end_date=2025-12-03&granularity=raw',
      headers: bearer(ada.accessToken),
    });
    const points = vitals.json<{ data: { metric: string; value: unknown; source: string; quality: string }[] }>().data;
    expect(points).toEqual([
      // typed in by a person: at most medium
      expect.objectContaining({
        metric: 'blood_pressure',
        value: { systolic: 125, diastolic: 82 },
        source: 'Manual entry',
        quality: 'medium',
      }),
      expect.objectContaining({ metric: 'heart_rate', value: 68, source: 'Manual entry', quality: 'medium' }),
    ]);
  });

  it('answers a repeated entry with 201 "duplicate" and the first record_id, storing nothing new', async () => {
    const first = await record(BP);
    const again = await record({ ...BP, notes: 'sent twice' });
    expect(again).toEqual({ ...first, status: 'duplicate' });
    expect(await batches()).toHaveLength(1);
    expect(await rowsOf(ada, 'blood_pressure')).toHaveLength(1);
    // Another reading at the same time is a new record
    expect((await record({ ...BP, values: { systolic: 126, diastolic: 82 } })).status).toBe('recorded');
  });

  it('converts units to the canonical ones (lb → kg, mmol/L → mg/dL, °F → °C) and keeps the offset', async () => {
    await record({ metric_type: 'weight', timestamp: '2025-12-03T07:00:00Z', values: { value: 180, unit: 'lb' } });
    await record({ metric_type: 'glucose', timestamp: '2025-12-03T07:05:00Z', values: { value: 5.5, unit: 'mmol/L' } });
    const temp = await record({
      metric_type: 'temperature',
      timestamp: '2025-12-03T11:10:00+04:00',
      values: { value: 98.6, unit: 'fahrenheit' },
    });
    expect(temp.timestamp).toBe('2025-12-03T07:10:00Z');
    expect((await rowsOf(ada, 'body_mass'))[0]!.value).toBeCloseTo(81.6466266, 6); // 180 × 0.45359237
    expect((await rowsOf(ada, 'blood_glucose'))[0]!.value).toBeCloseTo(99.0858, 4); // 5.5 × 180.156 / 10
    const [celsius] = await rowsOf(ada, 'body_temperature');
    expect(celsius!.value).toBeCloseTo(37, 9); // (98.6 − 32) × 5/9
    expect(celsius!.utc_offset_min).toBe(240);
    for (const [metric_type, values] of [
      ['heart_rate', { value: 72 }],
      ['spo2', { value: 97 }],
      ['hrv', { value: 48 }],
      ['respiratory_rate', { value: 15 }],
    ] as const) {
      expect((await record({ metric_type, timestamp: '2025-12-03T06:00:00Z', values })).status).toBe('recorded');
    }
  });

  it('records lab values, converting mmol/L, µmol/L and mmol/mol by each substance (cholesterol × 38.67, triglycerides × 88.57)', async () => {
    const at = '2025-12-02T08:00:00Z';
    const lab = (metric_type: string, value: number, unit: string) => record({ metric_type, timestamp: at, values: { value, unit } });
    await lab('total_cholesterol', 5.2, 'mmol/L');
    await lab('hdl_cholesterol', 52, 'mg/dL');
    await lab('ldl_cholesterol', 3, 'mmol/L');
    await lab('triglycerides', 1.7, 'mmol/L');
    await lab('hba1c', 48, 'mmol/mol');
    await lab('fasting_glucose', 5.5, 'mmol/L');
    await lab('creatinine', 75, 'µmol/L');
    const value = async (type: string) => (await rowsOf(ada, type))[0]!.value!;
    expect(await value('total_cholesterol')).toBeCloseTo(201.084, 9); // 5.2 × 38.67
    expect(await value('hdl_cholesterol')).toBe(52);
    expect(await value('ldl_cholesterol')).toBeCloseTo(116.01, 9); // 3 × 38.67
    expect(await value('triglycerides')).toBeCloseTo(150.569, 9); // 1.7 × 88.57
    expect(await value('hba1c')).toBeCloseTo(6.54304, 9); // 0.09148 × 48 + 2.152
    expect(await value('fasting_glucose')).toBeCloseTo(99.0858, 4); // 5.5 × 18.0156
    expect(await value('creatinine')).toBeCloseTo(0.848224, 6); // 75 / 88.42
    expect(await rowsOf(ada, 'blood_glucose')).toEqual([]); // fasting glucose is its own type
  });

  it('records ambient conditions, with their units', async () => {
    const at = '2025-12-03T08:30:00Z';
    await record({ metric_type: 'ambient_temperature', timestamp: at, values: { value: 68, unit: 'fahrenheit' } });
    await record({ metric_type: 'relative_humidity', timestamp: at, values: { value: 45 } });
    await record({ metric_type: 'pm25', timestamp: at, values: { value: 12.5, unit: 'µg/m3' } });
    expect((await rowsOf(ada, 'ambient_temperature'))[0]!.value).toBeCloseTo(20, 9);
    expect((await rowsOf(ada, 'relative_humidity'))[0]!.value).toBe(45);
    expect((await rowsOf(ada, 'pm25'))[0]!.value).toBe(12.5);
  });

  it('scores PHQ-9 and GAD-7 items with the library models: total as the value, items as components', async () => {
    const at = '2025-12-03T08:40:00Z';
    await record({ metric_type: 'phq9', timestamp: at, values: { items: [1, 2, 1, 0, 3, 1, 0, 2, 1] } });
    await record({ metric_type: 'gad7', timestamp: at, values: { items: [2, 2, 1, 1, 0, 0, 1] } });
    const [phq9] = await rowsOf(ada, 'phq9');
    expect(phq9).toMatchObject({
      value: 11,
      components: { item_1: 1, item_2: 2, item_3: 1, item_4: 0, item_5: 3, item_6: 1, item_7: 0, item_8: 2, item_9: 1 },
      provenance: 'user_entered',
      metadata: { scored_by: 'phq9@1.0.0' },
    });
    const [gad7] = await rowsOf(ada, 'gad7');
    expect(gad7).toMatchObject({ value: 7, components: { item_1: 2, item_7: 1 }, metadata: { scored_by: 'gad7@1.0.0' } });
  });

  it('refuses questionnaires with the wrong number of items or items outside 0-3, naming the item', async () => {
    const at = '2025-12-03T08:40:00Z';
    expect(fieldsOf(await post({ metric_type: 'phq9', timestamp: at, values: { items: [1, 2, 3] } }))).toEqual(['values.items']);
    expect(fieldsOf(await post({ metric_type: 'gad7', timestamp: at, values: { items: [0, 0, 4, 0, 0, -1, 0] } }))).toEqual([
      'values.items[2]',
      'values.items[5]',
    ]);
    expect(fieldsOf(await post({ metric_type: 'gad7', timestamp: at, values: { items: [0, 0, 1.5, 0, 0, 0, '1'] } }))).toEqual([
      'values.items[2]',
      'values.items[6]',
    ]);
    expect(fieldsOf(await post({ metric_type: 'phq9', timestamp: at, values: { total: 12 } }))).toEqual(['values.items', 'values.total']);
    expect(await batches()).toEqual([]);
  });

  it('refuses impossible lab and ambient values, and lab values without a unit, naming the field', async () => {
    const at = '2025-12-03T08:00:00Z';
    // 5.2 "mg/dL" is a mmol/L value sent with the wrong unit
    expect(fieldsOf(await post({ metric_type: 'total_cholesterol', timestamp: at, values: { value: 5.2, unit: 'mg/dL' } }))).toEqual([
      'values.value',
    ]);
    expect(fieldsOf(await post({ metric_type: 'hba1c', timestamp: at, values: { value: 48, unit: '%' } }))).toEqual(['values.value']);
    expect(fieldsOf(await post({ metric_type: 'creatinine', timestamp: at, values: { value: 75, unit: 'mg/dL' } }))).toEqual(['values.value']);
    expect(fieldsOf(await post({ metric_type: 'ldl_cholesterol', timestamp: at, values: { value: 130 } }))).toEqual(['values.unit']);
    expect(fieldsOf(await post({ metric_type: 'triglycerides', timestamp: at, values: { value: 1.7, unit: 'umol/L' } }))).toEqual([
      'values.unit',
    ]);
    expect(fieldsOf(await post({ metric_type: 'relative_humidity', timestamp: at, values: { value: 140 } }))).toEqual(['values.value']);
    expect(fieldsOf(await post({ metric_type: 'pm25', timestamp: at, values: { value: -3 } }))).toEqual(['values.value']);
    expect(await batches()).toEqual([]);
  });

  it('refuses physiologically impossible values, naming each field, and stores nothing', async () => {
    const at = '2025-12-03T08:00:00Z';
    expect(
      fieldsOf(await post({ metric_type: 'blood_pressure', timestamp: at, values: { systolic: 400, diastolic: 82, pulse: 400 } })),
    ).toEqual(['values.pulse', 'values.systolic']);
    expect(fieldsOf(await post({ metric_type: 'blood_pressure', timestamp: at, values: { systolic: 80, diastolic: 90 } }))).toEqual([
      'values.diastolic',
    ]);
    expect(fieldsOf(await post({ metric_type: 'spo2', timestamp: at, values: { value: 0.97 } }))).toEqual(['values.value']);
    // 200 °F is 93.3 °C: judged in the canonical unit
    expect(fieldsOf(await post({ metric_type: 'temperature', timestamp: at, values: { value: 200, unit: 'fahrenheit' } }))).toEqual([
      'values.value',
    ]);
    expect(fieldsOf(await post({ metric_type: 'weight', timestamp: at, values: { value: -3, unit: 'kg' } }))).toEqual(['values.value']);
    expect(await batches()).toEqual([]);
  });

  it('refuses malformed entries naming the field', async () => {
    const at = '2025-12-03T08:00:00Z';
    expect(fieldsOf(await post({ metric_type: 'cholesterol', timestamp: at, values: { value: 5 } }))).toEqual(['metric_type']);
    expect(fieldsOf(await post({ metric_type: 'glucose', timestamp: at, values: { value: 5.5 } }))).toEqual(['values.unit']);
    expect(fieldsOf(await post({ metric_type: 'weight', timestamp: at, values: { value: 70, unit: 'stone' } }))).toEqual(['values.unit']);
    expect(fieldsOf(await post({ metric_type: 'heart_rate', timestamp: at, values: { value: '72' } }))).toEqual(['values.value']);
    expect(fieldsOf(await post({ metric_type: 'heart_rate', timestamp: at, values: { value: 72, bmp: 72 } }))).toEqual(['values.bmp']);
    expect(fieldsOf(await post({ metric_type: 'blood_pressure', timestamp: at, values: { systolic: 120 } }))).toEqual(['values.diastolic']);
    expect(fieldsOf(await post({ metric_type: 'heart_rate', values: { value: 72 } }))).toEqual(['timestamp']);
    expect(fieldsOf(await post({ metric_type: 'heart_rate', timestamp: at }))).toEqual(['values']);
    expect(fieldsOf(await post({ metric_type: 'heart_rate', timestamp: at, values: { value: 72 }, notes: 'x'.repeat(1001) }))).toEqual([
      'notes',
    ]);
    expect(await batches()).toEqual([]);
  });

  it('refuses timestamps without an offset, in the future, or impossible', async () => {
    const hr = (timestamp: string) => post({ metric_type: 'heart_rate', timestamp, values: { value: 72 } });
    expect(fieldsOf(await hr('2025-12-03T08:00:00'))).toEqual(['timestamp']); // no offset: which 08:00?
    expect(fieldsOf(await hr('2025-12-03T10:00:00Z'))).toEqual(['timestamp']); // an hour ahead of the clock
    expect(fieldsOf(await hr('2025-02-30T08:00:00Z'))).toEqual(['timestamp']);
    expect(fieldsOf(await hr('yesterday'))).toEqual(['timestamp']);
    const future = await hr('2025-12-03T10:00:00Z');
    expect(future.json<TwinError>().error.details.fields![0]).toMatchObject({ code: 'in_future' });
    // a few seconds of clock skew are tolerated
    expect((await hr('2025-12-03T09:01:00Z')).statusCode).toBe(201);
  });

  it('never writes the notes to the logs or the audit trail', async () => {
    await t.close();
    t = await createTestApp({ logLevel: 'trace' });
    t.clock.set(new Date('2025-12-03T09:00:00Z'));
    ada = await createUser(t.app);
    const secret = 'note-7f3a-do-not-log';
    await record({ ...BP, notes: secret });
    expect(fieldsOf(await post({ ...BP, values: { systolic: 999, diastolic: 82 }, notes: secret }))).toEqual(['values.systolic']);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.join('\n')).not.toContain(secret);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'health.manual.create').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: ada.id, subject_user_id: ada.id, resource_type: 'manual_entry' });
    expect(JSON.stringify(audit)).not.toContain(secret);
    // The reading itself (systolic 125) must not be in the entry's details; ids and hashes are random hex and may hold '125'.
    expect(audit[0]!.details).not.toContain('125');
  });

  it('needs a valid token (missing, expired)', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/v1/health/manual', payload: BP });
    expect(missing.statusCode).toBe(401);
    expect(missing.json<TwinError>().error.code).toBe('UNAUTHORIZED');
    t.clock.advance(3601_000);
    const expired = await post(BP);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', details: { reason: 'Token has expired' } } });
    expect(await batches()).toEqual([]);
  });

  it("records for the caller only: a user_id in the body is ignored, and entries never reach another person's data", async () => {
    const bob = await createUser(t.app);
    await record({ ...BP, user_id: bob.id });
    expect(await rowsOf(ada, 'blood_pressure')).toHaveLength(1);
    expect(await rowsOf(bob, 'blood_pressure')).toEqual([]);
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/v1/health/vitals?start_date=2025-12-03&end_date=2025-12-03&granularity=raw',
      headers: bearer(bob.accessToken),
    });
    expect(theirs.json<{ pagination: { total_count: number } }>().pagination.total_count).toBe(0);
  });
});
