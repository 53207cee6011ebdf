import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { sample } from '../helpers/samples.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

describe('Twin /v1/users/me export and erasure', () => {
  let t: TestApp;
  let user: TestUser;
  let other: TestUser;
  beforeEach(async () => {
    t = await createTestApp();
    user = await createUser(t.app);
    other = await createUser(t.app);
    const write = (personId: string, value: number) =>
      t.app.services.observations.writer.write({
        personId,
        batchId: `b-${personId}`,
        samples: [
          sample({ start: '2024-05-01T10:00:00Z', value }),
          sample({ type: 'blood_pressure', start: '2024-05-01T08:00:00Z', value: null, components: { systolic: 120, diastolic: 80 } }),
        ],
      });
    await write(user.id, 61);
    await write(other.id, 99);
  });
  afterEach(async () => t.close());

  const get = (url: string, token = user.accessToken) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('exports the whole record as JSON, only the caller’s', async () => {
    const res = await get('/v1/users/me/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const body = res.json();
    expect(body.profile).toMatchObject({ user_id: user.id, email: user.email });
    expect(body.observations).toHaveLength(2);
    expect(body.observations.find((o: { type: string }) => o.type === 'heart_rate')).toMatchObject({
      value: 61,
      start: '2024-05-01T10:00:00.000Z',
    });
    // Nothing of the other person: their rows came in batch b-<their id> and carry heart rate 99.
    expect(body.observations.map((o: { upload_id: string }) => o.upload_id)).toEqual([`b-${user.id}`, `b-${user.id}`]);
    expect(body.observations.some((o: { value: number | null }) => o.value === 99)).toBe(false);
  });

  it('exports what was derived or kept: alerts with their trigger, webhooks without their secret; nothing of anyone else', async () => {
    const candidate = (condition: string) => ({
      kind: 'low_spo2',
      condition_key: condition,
      severity: 'high' as const,
      title: 'Low blood oxygen',
      message: 'm',
      recommended_actions: ['Check the sensor'],
      action_required: false,
      trigger: { type: 'spo2', window: { from: null, to: '2024-05-01', days: 3 }, values: { lowest_percent: 86 }, thresholds: {}, model: null },
    });
    await t.app.services.alerts.raise(user.id, candidate('mine'));
    await t.app.services.alerts.raise(other.id, candidate('theirs'));
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('webhook_endpoints')
      .values({
        ...{ id: 'wh_1', person_id: user.id, url: 'https://hooks.example.org/x', events: '["risk_alert"]', secret: 'whsec_TOPSECRET' },
        ...{ previous_secret: null, previous_secret_expires_at: null, status: 'active', disabled_reason: null, disabled_at: null },
        ...{ last_success_at: null, last_failure_at: null, created_at: now, updated_at: now },
      })
      .execute();

    const res = await get('/v1/users/me/export');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.alerts).toEqual([
      expect.objectContaining({ condition_key: 'mine', action_required: false, trigger: expect.objectContaining({ values: { lowest_percent: 86 } }) }),
    ]);
    expect(body.webhooks).toEqual([expect.objectContaining({ id: 'wh_1', url: 'https://hooks.example.org/x', events: ['risk_alert'] })]);
    expect(res.body).not.toContain('TOPSECRET');
    expect(body).toMatchObject({ twin_scores: [], pat_analyses: [], notification_preferences: null, push_subscriptions: [] });
  });

  it('exports a FHIR R4 Bundle of Observations with LOINC codes and UCUM units', async () => {
    const res = await get('/v1/users/me/export?format=fhir');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const observations = bundle.entry
      .map((e: { resource: Record<string, unknown> }) => e.resource)
      .filter((r: { resourceType: string }) => r.resourceType === 'Observation');
    const hr = observations.find((o: { code: { coding: { code: string }[] } }) => o.code.coding.some((c) => c.code === '8867-4'));
    expect(hr.valueQuantity).toMatchObject({ value: 61, system: 'http://unitsofmeasure.org', code: '/min' });
    const bp = observations.find((o: { code: { coding: { code: string }[] } }) => o.code.coding.some((c) => c.code === '85354-9'));
    expect(bp.component.map((c: { valueQuantity: { value: number } }) => c.valueQuantity.value).sort()).toEqual([120, 80].sort());
  });

  it('refuses a bad format and a missing or expired token', async () => {
    expect((await get('/v1/users/me/export?format=csv')).json()).toMatchObject({ error: { details: { fields: [{ field: 'format' }] } } });
    expect((await t.app.inject({ method: 'GET', url: '/v1/users/me/export' })).statusCode).toBe(401);
    t.clock.advance(2 * 3_600_000);
    expect((await get('/v1/users/me/export')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: bearer(user.accessToken) })).statusCode).toBe(401);
  });

  it('erases everything of the caller, and nothing of anyone else, with a receipt', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: bearer(user.accessToken) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user_id: user.id, deleted: { observations: 2, users: 1, observation_sources: 1 } });
    expect(res.json().deleted.observation_rollups).toBeGreaterThan(0);
    expect((await get('/v1/users/me')).statusCode).toBe(401);
    const left = await t.database.db.selectFrom('observations').select('person_id').distinct().execute();
    expect(left).toEqual([{ person_id: other.id }]);
    expect((await get('/v1/users/me/export', other.accessToken)).json().observations).toHaveLength(2);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'account.erase').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain('61');
  });
});
