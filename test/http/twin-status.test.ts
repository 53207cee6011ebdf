import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TWIN_NAMES } from '../../src/domain/twin/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { recentWeeks, storeFor } from '../helpers/twin-person.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const NOW = new Date('2026-03-20T18:00:00Z');
type Twin = { score: number | null; status: string; trend: string | null; last_updated: string; data_sufficiency: { missing: unknown[] } };
type Status = { user_id: string; overall_health_score: number | null; last_updated: string; twins: Record<string, Twin> };

let t: TestApp;
let ada: TestUser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  ada = await createUser(t.app);
  await t.app.inject({
    method: 'PATCH',
    url: '/v1/users/me',
    headers: bearer(ada.accessToken),
    payload: { date_of_birth: '1980-04-02', gender: 'female' },
  });
});
afterEach(async () => t.close());

const get = (url: string, token = ada.accessToken) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const status = async (token = ada.accessToken) => {
  const res = await get('/v1/twin/status', token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Status>();
};
const weeks = (asleepHours: number, restingHr: (i: number) => number = () => 58) =>
  recentWeeks({ now: NOW, days: 28, asleepHours, restingHr, steps: 9000 });

describe('GET /v1/twin/status', () => {
  it('abstains for every twin when nothing is known: no score, no trend, what is missing', async () => {
    const body = await status();
    expect(body.user_id).toBe(ada.id);
    expect(body.overall_health_score).toBeNull();
    expect(Object.keys(body.twins).sort()).toEqual([...TWIN_NAMES].sort());
    for (const twin of Object.values(body.twins)) {
      expect(twin).toMatchObject({ score: null, status: 'insufficient_data', trend: null });
      expect(twin.data_sufficiency.missing.length).toBeGreaterThan(0);
    }
  });

  it('scores the twins the data supports, with a trend against the week before', async () => {
    await storeFor(t.app, ada.id, weeks(7.5));
    const body = await status();
    for (const name of ['sleep', 'cardiac', 'fatigue', 'driving'] as const) {
      const twin = body.twins[name]!;
      expect(twin.score, name).toEqual(expect.any(Number));
      expect(twin.status).not.toBe('insufficient_data');
      // the same steady routine a week earlier: the trend is known and flat
      expect(twin.trend, name).toBe('stable');
    }
    expect(body.twins.mental_health).toMatchObject({ score: null, status: 'insufficient_data' });
    const scored = Object.values(body.twins).flatMap((x) => (x.score === null ? [] : [x.score]));
    expect(body.overall_health_score).toBe(Math.round(scored.reduce((a, b) => a + b, 0) / scored.length));
    expect(body.last_updated).toBe(NOW.toISOString());
  });

  it('a person sleeping 5 h scores lower on sleep, fatigue and driving than one sleeping 7.5 h', async () => {
    const bo = await createUser(t.app);
    await storeFor(t.app, ada.id, weeks(7.5));
    await storeFor(t.app, bo.id, weeks(5));
    const [rested, short] = [await status(), await status(bo.accessToken)];
    for (const name of ['sleep', 'fatigue', 'driving']) expect(short.twins[name]!.score!, name).toBeLessThan(rested.twins[name]!.score!);
  });

  it('recomputes in the background when new data arrives', async () => {
    await status();
    const events: { type: string; data: unknown }[] = [];
    const unsubscribe = await t.app.services.personEvents.subscribe(ada.id, (event) => void events.push(event));
    t.clock.advance(600_000);
    await storeFor(t.app, ada.id, weeks(7.5));
    await t.app.services.jobs.idle();
    unsubscribe();
    expect(events).toContainEqual(expect.objectContaining({ type: 'twin.updated', data: expect.objectContaining({ day: '2026-03-20' }) }));
    const body = await status();
    expect(body.last_updated).toBe(new Date(NOW.getTime() + 600_000).toISOString());
    expect(body.twins.sleep!.score).toEqual(expect.any(Number));
  });

  it('refuses a missing or expired token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/twin/status' })).statusCode).toBe(401);
    t.clock.advance(3601_000);
    const expired = await get('/v1/twin/status');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it("refuses another person's twin, and never mixes their data in", async () => {
    const bo = await createUser(t.app);
    await storeFor(t.app, bo.id, weeks(7.5));
    const refused = await get(`/v1/twin/status?user_id=${bo.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await status()).twins.sleep!.score).toBeNull();
  });

  it('answers bad input in the Twin error format', async () => {
    const res = await get('/v1/twin/status?user_id=');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', request_id: expect.any(String) } });
  });
});

describe('GET /v1/twin/{twin}', () => {
  it('explains a twin: components with models, the inputs hash, and the stored daily history', async () => {
    await storeFor(t.app, ada.id, weeks(7.5));
    const res = await get('/v1/twin/sleep');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      score: number;
      components: { id: string; sub_score: number; weight: number }[];
      inputs_hash: string;
      history: { date: string; score: number | null }[];
      engine_version: string;
    }>();
    expect(body.components.length).toBeGreaterThan(0);
    const weight = body.components.reduce((sum, c) => sum + c.weight, 0);
    expect(weight).toBeCloseTo(1, 6);
    expect(body.score).toBe(Math.round(body.components.reduce((sum, c) => sum + c.sub_score * c.weight, 0)));
    expect(body.inputs_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.history.map((p) => p.date)).toEqual(['2026-03-13', '2026-03-20']);
    expect(body.engine_version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown twin in the Twin error format', async () => {
    const res = await get('/v1/twin/liver');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'INVALID_REQUEST', details: expect.anything() } });
  });

  it("refuses another person's twin detail and a missing token", async () => {
    const bo = await createUser(t.app);
    expect((await get(`/v1/twin/cardiac?user_id=${bo.id}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/twin/cardiac' })).statusCode).toBe(401);
  });
});
