import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FITNESS_RULES } from '../../src/domain/twin/fitness/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { recentWeeks, storeFor } from '../helpers/twin-person.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const NOW = new Date('2026-03-20T18:00:00Z');
const DAY = '2026-03-19T08:00:00Z';

let t: TestApp;
let ada: TestUser;

const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, token = ada.accessToken) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await send(method, url, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Record<string, unknown>>();
};

/** Ada: 55, white, non-smoker, TC 213, HDL 50, SBP 120 untreated (Goff 2013's worked example), weeks of sleep and steps. */
async function adaWithLabs(asleepHours = 7.5): Promise<void> {
  await send('PATCH', '/v1/users/me', { date_of_birth: '1971-03-01', gender: 'female', height_cm: 165, weight_kg: 70 });
  const profile = await send('PUT', '/v1/users/me/health-profile', {
    history: { race: 'white', smoker: false, diabetes: false, bp_treated: false, statin: false },
    occupation: { physical_demand: 'light', safety_critical: false, shift_start_local: '09:00', shift_end_local: '17:00' },
  });
  expect(profile.statusCode, profile.body).toBe(200);
  for (const [metric_type, values] of [
    ['total_cholesterol', { value: 213, unit: 'mg/dL' }],
    ['hdl_cholesterol', { value: 50, unit: 'mg/dL' }],
    ['blood_pressure', { systolic: 120, diastolic: 78 }],
  ] as const) {
    const res = await send('POST', '/v1/health/manual', { metric_type, timestamp: DAY, values });
    expect(res.statusCode, res.body).toBe(201);
  }
  await storeFor(t.app, ada.id, recentWeeks({ now: NOW, days: 28, asleepHours, restingHr: () => 62, steps: 6000 }));
  await t.app.services.jobs.idle();
}

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  ada = await createUser(t.app);
});
afterEach(async () => t.close());

type Category = { risk_score: number; risk_level: string; drivers: { contribution: number }[]; probability_6_months?: number | null };

describe('GET /v1/risk/assessment', () => {
  it('gives each scored twin a risk with drivers summing to 100, and the cardiac 6-month probability from the 10-year model', async () => {
    await adaWithLabs();
    const body = await ok('GET', '/v1/risk/assessment');
    const categories = body.risk_categories as Record<string, Category & { horizon?: { method: string; ten_year_probability: number } }>;
    expect(Object.keys(categories)).toEqual(expect.arrayContaining(['cardiac', 'sleep', 'fatigue']));
    for (const [name, c] of Object.entries(categories)) {
      expect(['green', 'yellow', 'orange', 'red', 'critical'], name).toContain(c.risk_level);
      if (c.drivers.length > 0)
        expect(
          c.drivers.reduce((s, d) => s + d.contribution, 0),
          name,
        ).toBe(100);
    }
    const cardiac = categories.cardiac!;
    const p10 = cardiac.horizon!.ten_year_probability;
    expect(p10).toBeGreaterThan(0.015);
    expect(p10).toBeLessThan(0.03); // Goff 2013: ~2.1 % for this white woman
    expect(cardiac.probability_6_months).toBeCloseTo(1 - (1 - p10) ** 0.05, 10);
    expect(cardiac.horizon!.method).toMatch(/constant/i);
    expect(body.user_id).toBe(ada.id);
  });

  it('abstains without data: no categories, every twin listed as not scored', async () => {
    const body = await ok('GET', '/v1/risk/assessment');
    expect(body.risk_categories).toEqual({});
    expect((body.not_scored as string[]).length).toBe(8);
    expect(body.overall_risk_score).toBeNull();
  });

  it('refuses a missing token and another person', async () => {
    const bo = await createUser(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/v1/risk/assessment' })).statusCode).toBe(401);
    expect((await send('GET', `/v1/risk/assessment?user_id=${bo.id}`)).statusCode).toBe(403);
    expect((await send('GET', '/v1/risk/assessment?user_id=')).statusCode).toBe(400);
  });
});

describe('GET /v1/risk/predictions', () => {
  it('predicts a cardiac event from a named model, and says what was not assessed and why', async () => {
    await adaWithLabs();
    const body = await ok('GET', '/v1/risk/predictions?timeframe=12_months');
    expect(body.timeframe).toBe('12_months');
    const predictions = body.predictions as { condition: string; probability: number; model: string; method: string }[];
    const cardiac = predictions.find((p) => p.condition === 'cardiac_event');
    expect(cardiac?.model).toMatch(/^(prevent-2023|pce-2013)@\d/);
    expect(cardiac!.probability).toBeGreaterThan(0);
    expect(cardiac!.probability).toBeLessThan(0.01);
    for (const missing of body.not_assessed as { reason: string }[]) expect(missing.reason.length).toBeGreaterThan(0);
  });

  it('refuses an unknown timeframe, a missing token and another person', async () => {
    const bo = await createUser(t.app);
    expect((await send('GET', '/v1/risk/predictions?timeframe=forever')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/v1/risk/predictions' })).statusCode).toBe(401);
    expect((await send('GET', `/v1/risk/predictions?user_id=${bo.id}`)).statusCode).toBe(403);
  });
});

describe('GET /v1/risk/fitness-to-work', () => {
  it('assesses fitness now with the spec clearances and a validity ending after the assessment', async () => {
    await adaWithLabs();
    const body = await ok('GET', '/v1/risk/fitness-to-work');
    expect(['fit', 'fit_with_caution', 'not_fit']).toContain(body.fitness_status);
    expect(Object.keys(body.clearances as object).sort()).toEqual(
      ['confined_space', 'driving', 'heavy_physical', 'height_work', 'light_physical', 'moderate_physical', 'office_work'].sort(),
    );
    expect(Date.parse(body.valid_until as string)).toBeGreaterThan(Date.parse(body.assessment_time as string));
  });

  it('never clears work that needs sleep data when there is none', async () => {
    const body = await ok('GET', '/v1/risk/fitness-to-work');
    expect((body.data_sufficiency as { sufficient: boolean }).sufficient).toBe(false);
    expect((body.clearances as Record<string, string>).driving).toBe('not_cleared');
    expect((body.clearance_basis as Record<string, string>).driving).toBe('insufficient_data');
  });

  it("applies the operator's rules file (FITNESS_RULES_FILE) instead of the defaults", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(path, JSON.stringify({ ...DEFAULT_FITNESS_RULES, name: 'acme-night-shift-2', max_validity_hours: 6 }));
    const own = await createTestApp({ env: { FITNESS_RULES_FILE: path } });
    try {
      own.clock.set(NOW);
      const user = await createUser(own.app);
      const res = await own.app.inject({ method: 'GET', url: '/v1/risk/fitness-to-work', headers: bearer(user.accessToken) });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ rules: string; valid_until: string; assessment_time: string }>();
      expect(body.rules).toContain('acme-night-shift-2');
      expect(Date.parse(body.valid_until) - Date.parse(body.assessment_time)).toBeLessThanOrEqual(6 * 3_600_000);
    } finally {
      await own.close();
    }
  });

  it('refuses a missing token and another person', async () => {
    const bo = await createUser(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/v1/risk/fitness-to-work' })).statusCode).toBe(401);
    expect((await send('GET', `/v1/risk/fitness-to-work?user_id=${bo.id}`)).statusCode).toBe(403);
  });
});

describe('POST /v1/twin/simulate', () => {
  it('recomputes the twins with the change applied, beside today', async () => {
    await adaWithLabs(5);
    const body = await ok('POST', '/v1/twin/simulate', { changes: [{ type: 'sleep_hours', delta_hours: 2.5 }] });
    type Side = { twins: Record<string, { score: number | null }> };
    const [before, after] = [body.baseline as Side, body.simulated as Side];
    expect(after.twins.sleep!.score!).toBeGreaterThan(before.twins.sleep!.score!);
    expect(after.twins.cardiac!.score).toBe(before.twins.cardiac!.score);
    // every kind of change gets through validation whole (not only the union's first branch)
    const steps = await ok('POST', '/v1/twin/simulate', { changes: [{ type: 'steps', delta_per_day: 6000 }] });
    expect((steps.simulated as Side).twins.cardiac!.score!).toBeGreaterThan((steps.baseline as Side).twins.cardiac!.score!);
    const misspelt = await send('POST', '/v1/twin/simulate', { changes: [{ type: 'steps', delta_per_dya: 6000 }] });
    expect(misspelt.statusCode).toBe(422);
  });

  it('refuses changes out of bounds or missing, in the Twin error format', async () => {
    for (const payload of [
      { changes: [{ type: 'sleep_hours', delta_hours: 99 }] },
      { changes: [] },
      {},
      { changes: [{ type: 'teleport' }] },
    ]) {
      const res = await send('POST', '/v1/twin/simulate', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    }
  });

  it('refuses a missing token and another person', async () => {
    const bo = await createUser(t.app);
    const changes = { changes: [{ type: 'steps', delta_per_day: 1000 }] };
    expect((await t.app.inject({ method: 'POST', url: '/v1/twin/simulate', payload: changes })).statusCode).toBe(401);
    const other = await send('POST', `/v1/twin/simulate?user_id=${bo.id}`, changes);
    expect(other.statusCode, other.body).toBe(403);
  });
});
