import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../../src/domain/models/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

describe('Twin /v1/calculators', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.app);
  });
  afterAll(async () => t.close());

  const get = (url: string, token = user.accessToken) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const post = (url: string, payload: unknown, token = user.accessToken) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object });

  it('lists every registered model with version, citation and JSON schemas', async () => {
    const res = await get('/v1/calculators');
    expect(res.statusCode).toBe(200);
    const { calculators } = res.json<{ calculators: Array<{ id: string; version: string; citation: string; input_schema: { properties: object } }> }>();
    expect(calculators.map((c) => c.id)).toEqual(MODELS.map((m) => m.id));
    const bmi = calculators.find((c) => c.id === 'bmi');
    expect(bmi?.citation).toMatch(/WHO|World Health Organization/);
    expect(Object.keys(bmi?.input_schema.properties ?? {})).toEqual(['height_m', 'weight_kg']);
  });

  it('describes one model, and answers 404 in Twin format for an unknown id', async () => {
    expect((await get('/v1/calculators/bmi')).json()).toMatchObject({ id: 'bmi', version: expect.any(String) });
    const missing = await get('/v1/calculators/astrology');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('runs a model: {id, version, outputs, warnings}, numbers unrounded', async () => {
    const res = await post('/v1/calculators/bmi', { height_m: 1.75, weight_kg: 70 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'bmi', version: '1.0.0', outputs: { bmi: 70 / 1.75 ** 2, category: 'normal' }, warnings: [] });
  });

  it('answers 422 naming each bad, missing or unknown field (a misspelt input must not count as absent)', async () => {
    const res = await post('/v1/calculators/bmi', { height_m: 'tall', weight: 70 });
    expect(res.statusCode).toBe(422);
    const fields = res.json<{ error: { code: string; details: { fields: Array<{ field: string }> } } }>().error;
    expect(fields.code).toBe('VALIDATION_ERROR');
    expect(fields.details.fields.map((f) => f.field).sort()).toEqual(['height_m', 'weight', 'weight_kg']);
    expect((await post('/v1/calculators/bmi', { height_m: 9, weight_kg: 70 })).statusCode).toBe(422);
  });

  it('requires a valid token (missing, tampered, expired)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/calculators' })).statusCode).toBe(401);
    expect((await get('/v1/calculators', `${user.accessToken.slice(0, -2)}xx`)).statusCode).toBe(401);
    t.clock.advance(3601_000);
    const expired = await post('/v1/calculators/bmi', { height_m: 1.75, weight_kg: 70 });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', details: { reason: 'Token has expired' } } });
    t.clock.advance(-3601_000);
  });

  it('keeps no personal data: calculators read nothing of the caller and store nothing', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('seq').execute();
    await post('/v1/calculators/bmi', { height_m: 1.6, weight_kg: 50 });
    const after = await t.database.db.selectFrom('audit_log').selectAll().execute();
    expect(after.length).toBe(before.length);
  });
});
