import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreTwins } from '../../src/domain/twin/scoring/index.js';
import { daySeries, emptyFeatures, withFacts } from '../../src/domain/twin/testing/feature-factory.js';
import { sample } from '../helpers/samples.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { storeFor } from '../helpers/twin-person.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const NOW = new Date('2026-03-20T18:00:00Z');

interface AlertBody {
  alert_id: string;
  type: string;
  severity: string;
  status: string;
  occurrences: number;
  action_required: boolean;
  recommended_actions: string[];
  trigger: { type: string; values: Record<string, unknown>; thresholds: Record<string, number> };
  acknowledged_at: string | null;
  user_response: string | null;
}
interface ListBody {
  alerts: AlertBody[];
  pagination: { next_cursor: string | null; has_more: boolean; total_count: number };
}

let t: TestApp;
let ada: TestUser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  ada = await createUser(t.app);
});
afterEach(async () => t.close());

const get = (url: string, token = ada.accessToken) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const list = async (query = '', token = ada.accessToken) => {
  const res = await get(`/v1/alerts${query}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ListBody>();
};
const acknowledge = (id: string, payload: object = {}, token = ada.accessToken) =>
  t.app.inject({ method: 'POST', url: `/v1/alerts/${id}/acknowledge`, headers: bearer(token), payload });
const settled = async () => {
  await t.app.services.jobs.idle();
  await t.app.services.alerts.idle();
};
/** Minimum SpO2 of `value` % on each of the last three days. */
const lowSpo2 = (value: number, hour = 4) =>
  [18, 19, 20].map((d) => sample({ type: 'spo2', value, start: `2026-03-${d}T${String(hour).padStart(2, '0')}:00:00Z` }));

describe('alerts from stored data', () => {
  it('raises one active alert for sustained low SpO2, with what fired it, and tells the person', async () => {
    const events: { type: string; data: unknown }[] = [];
    const unsubscribe = await t.app.services.personEvents.subscribe(ada.id, (event) => void events.push(event));
    await storeFor(t.app, ada.id, lowSpo2(86));
    await settled();
    unsubscribe();
    const body = await list();
    expect(body.alerts).toHaveLength(1);
    const [alert] = body.alerts;
    expect(alert).toMatchObject({
      type: 'low_spo2',
      severity: 'high',
      status: 'active',
      occurrences: 1,
      trigger: { type: 'spo2', values: { days_below_90: 3, lowest_percent: 86 }, thresholds: { low_percent: 90 } },
    });
    expect(alert!.recommended_actions.length).toBeGreaterThan(0);
    expect(body.pagination).toEqual({ next_cursor: null, has_more: false, total_count: 1 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'alert.created', data: { alert_id: alert!.alert_id, kind: 'low_spo2', severity: 'high' } }),
    );
  });

  it('merges repeats of the same condition into the active alert', async () => {
    await storeFor(t.app, ada.id, lowSpo2(86));
    await settled();
    t.clock.advance(600_000);
    await storeFor(t.app, ada.id, lowSpo2(87, 5), 'second-batch');
    await settled();
    const body = await list();
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]).toMatchObject({ type: 'low_spo2', occurrences: 2, status: 'active' });
  });

  it('raises a critical alert for a blood pressure in the crisis range', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/health/manual',
      headers: bearer(ada.accessToken),
      payload: { metric_type: 'blood_pressure', timestamp: '2026-03-20T08:00:00Z', values: { systolic: 185, diastolic: 125 } },
    });
    expect(res.statusCode, res.body).toBe(201);
    await settled();
    const { alerts } = await list();
    expect(alerts).toEqual([
      expect.objectContaining({
        type: 'hypertensive_crisis',
        severity: 'critical',
        action_required: true,
        trigger: expect.objectContaining({ values: { sbp_mmhg: 185, dbp_mmhg: 125, readings: 1 } }),
      }),
    ]);
  });
});

describe('POST /v1/alerts/{alert_id}/acknowledge', () => {
  it('acknowledges the alert: it leaves the active list and shows under acknowledged', async () => {
    await storeFor(t.app, ada.id, lowSpo2(86));
    await settled();
    const [alert] = (await list()).alerts;
    const res = await acknowledge(alert!.alert_id, { acknowledged_at: '2026-03-20T18:00:00Z', user_response: 'Will see my GP' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      alert_id: alert!.alert_id,
      status: 'acknowledged',
      user_response: 'Will see my GP',
      acknowledged_at: NOW.toISOString(),
    });
    expect((await list()).alerts).toEqual([]);
    expect((await list('?status=acknowledged')).alerts.map((a) => a.alert_id)).toEqual([alert!.alert_id]);
  });

  it("answers 404 for another person's alert and for an unknown id", async () => {
    await storeFor(t.app, ada.id, lowSpo2(86));
    await settled();
    const [alert] = (await list()).alerts;
    const bo = await createUser(t.app);
    expect((await acknowledge(alert!.alert_id, {}, bo.accessToken)).statusCode).toBe(404);
    expect((await acknowledge('alert_nope')).statusCode).toBe(404);
    expect((await list('', bo.accessToken)).alerts).toEqual([]);
    expect((await list()).alerts[0]!.status).toBe('active');
  });
});

describe('GET /v1/alerts', () => {
  it('rejects an unknown status with 400', async () => {
    expect((await get('/v1/alerts?status=open')).statusCode).toBe(400);
  });

  it('needs a valid token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/alerts' })).statusCode).toBe(401);
    t.clock.advance(2 * 3600 * 1000);
    expect((await get('/v1/alerts')).statusCode).toBe(401);
  });

  it('resolves an alert whose condition stopped firing, and pages with a cursor', async () => {
    const { alerts } = t.app.services;
    const asOf = NOW.toISOString();
    const low = withFacts(emptyFeatures(asOf), { days: daySeries(asOf, 3, () => ({ spo2_min_percent: 86 })) });
    const crisis = withFacts(low, { blood_pressure: { sbp_mmhg: 190, dbp_mmhg: 100, readings: 1, latest_at: asOf } });
    expect((await alerts.evaluate(ada.id, crisis, scoreTwins(crisis))).map((a) => a.kind).sort()).toEqual([
      'hypertensive_crisis',
      'low_spo2',
    ]);
    const page1 = await list('?limit=1');
    expect(page1.pagination).toMatchObject({ has_more: true, total_count: 2 });
    const page2 = await list(`?limit=1&cursor=${encodeURIComponent(page1.pagination.next_cursor!)}`);
    expect(page2.pagination).toMatchObject({ has_more: false, next_cursor: null });
    expect(new Set([...page1.alerts, ...page2.alerts].map((a) => a.type))).toEqual(new Set(['hypertensive_crisis', 'low_spo2']));

    expect(await alerts.evaluate(ada.id, low, scoreTwins(low))).toEqual([]);
    expect((await list()).alerts.map((a) => a.type)).toEqual(['low_spo2']);
    expect((await list('?status=resolved')).alerts.map((a) => a.type)).toEqual(['hypertensive_crisis']);
  });
});
