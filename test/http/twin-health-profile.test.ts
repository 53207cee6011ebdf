import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/** Twin `/v1/users/me/health-profile`: facts the person states (clinical history, occupation), their own only, audited. */

interface TwinError {
  error: { code: string; message: string; details: { fields?: { field: string; code: string }[]; reason?: string }; request_id: string };
}

const NOTHING_STATED = {
  history: {
    race: null,
    smoker: null,
    diabetes: null,
    bp_treated: null,
    statin: null,
    family_diabetes: null,
    gestational_diabetes: null,
    high_glucose_ever: null,
    veg_fruit_daily: null,
  },
  occupation: { physical_demand: null, safety_critical: null, shift_start_local: null, shift_end_local: null },
  updated_at: null,
};

let t: TestApp;
let ada: TestUser;

const get = (user: TestUser = ada, url = '/v1/users/me/health-profile') =>
  t.app.inject({ method: 'GET', url, headers: bearer(user.accessToken) });
const put = (payload: unknown, user: TestUser = ada) =>
  t.app.inject({ method: 'PUT', url: '/v1/users/me/health-profile', headers: bearer(user.accessToken), payload: payload as object });
function fieldsOf(res: { statusCode: number; json: <T>() => T }): string[] {
  expect(res.statusCode).toBe(422);
  const body = res.json<TwinError>();
  expect(body.error).toMatchObject({ code: 'VALIDATION_ERROR', request_id: expect.any(String) });
  return (body.error.details.fields ?? []).map((f) => f.field).sort();
}
const stored = async (id: string) =>
  (await t.database.db.selectFrom('users').select('health_profile').where('id', '=', id).executeTakeFirst())?.health_profile;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2025-12-03T09:00:00Z'));
  ada = await createUser(t.app);
});
afterEach(async () => t.close());

describe('GET/PUT /v1/users/me/health-profile', () => {
  it('starts with nothing stated, keeps omitted fields on a partial update, and clears a field with null', async () => {
    const initial = await get();
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ user_id: ada.id, ...NOTHING_STATED });

    const first = await put({ history: { smoker: true, race: 'white', family_diabetes: 'first_degree' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      history: { smoker: true, race: 'white', family_diabetes: 'first_degree', diabetes: null },
      updated_at: '2025-12-03T09:00:00.000Z',
    });

    t.clock.advance(60_000);
    const second = await put({
      occupation: { physical_demand: 'heavy', safety_critical: true, shift_start_local: '22:00', shift_end_local: '06:30' },
    });
    expect(second.statusCode).toBe(200);
    const third = await put({ history: { smoker: null, statin: false } });
    expect(third.statusCode).toBe(200);

    const now = (await get()).json();
    expect(now).toEqual({
      user_id: ada.id,
      history: { ...NOTHING_STATED.history, race: 'white', family_diabetes: 'first_degree', statin: false },
      occupation: { physical_demand: 'heavy', safety_critical: true, shift_start_local: '22:00', shift_end_local: '06:30' },
      updated_at: '2025-12-03T09:01:00.000Z',
    });
  });

  it('audits every read and write with field names only, never the stated values', async () => {
    await put({ history: { diabetes: true, race: 'african_american' } });
    await get();
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['profile.health.update', 'profile.health.read'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['profile.health.update', 'profile.health.read']);
    expect(audit[0]).toMatchObject({ actor_id: ada.id, subject_user_id: ada.id, resource_type: 'health_profile' });
    expect(JSON.parse(audit[0]!.details)).toEqual({ fields: 'history.diabetes,history.race' });
    expect(audit.map((a) => a.details).join(' ')).not.toMatch(/african_american|true/);
  });

  it('refuses bad values and unknown or misspelt fields, naming each, and writes nothing', async () => {
    expect(fieldsOf(await put({ history: { race: 'martian', smoker: 'yes' } }))).toEqual(['history.race', 'history.smoker']);
    expect(fieldsOf(await put({ occupation: { shift_start_local: '25:00', shift_end_local: '7:00' } }))).toEqual([
      'occupation.shift_end_local',
      'occupation.shift_start_local',
    ]);
    expect(fieldsOf(await put({ occupation: { physical_demand: 'extreme' } }))).toEqual(['occupation.physical_demand']);
    // a misspelt fact must not silently count as "not stated"
    expect(fieldsOf(await put({ history: { smokr: true } }))).toEqual(['history.smokr']);
    expect(fieldsOf(await put({ history: { smoker: true }, hobbies: ['chess'] }))).toEqual(['hobbies']);
    expect((await put({})).statusCode).toBe(422);
    expect(await stored(ada.id)).toBeNull();
  });

  it('needs a valid token (missing, expired)', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/v1/users/me/health-profile' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json<TwinError>().error.code).toBe('UNAUTHORIZED');
    const anonymousPut = await t.app.inject({ method: 'PUT', url: '/v1/users/me/health-profile', payload: { history: { smoker: true } } });
    expect(anonymousPut.statusCode).toBe(401);
    t.clock.advance(3601_000);
    const expired = await put({ history: { smoker: true } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', details: { reason: 'Token has expired' } } });
    expect((await get()).statusCode).toBe(401);
    expect(await stored(ada.id)).toBeNull();
  });

  it("never reads or writes another person's profile: a user_id anywhere is ignored", async () => {
    const bob = await createUser(t.app);
    await put({ history: { diabetes: true } });
    const bobs = await get(bob, `/v1/users/me/health-profile?user_id=${ada.id}`);
    expect(bobs.json()).toEqual({ user_id: bob.id, ...NOTHING_STATED });
    const bobWrites = await put({ history: { diabetes: false }, user_id: ada.id }, bob);
    expect(bobWrites.statusCode).toBe(422); // user_id is not a field of the body
    await put({ history: { diabetes: false } }, bob);
    expect((await get()).json()).toMatchObject({ user_id: ada.id, history: { diabetes: true } });
    expect((await get(bob)).json()).toMatchObject({ user_id: bob.id, history: { diabetes: false } });
  });

  it('is part of the JSON export, and erasing the account erases it', async () => {
    await put({ history: { smoker: true }, occupation: { shift_start_local: '07:00' } });
    const exported = await get(ada, '/v1/users/me/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.json().health_profile).toMatchObject({
      history: { smoker: true, diabetes: null },
      occupation: { shift_start_local: '07:00' },
      updated_at: '2025-12-03T09:00:00.000Z',
    });
    const erased = await t.app.inject({ method: 'DELETE', url: '/v1/users/me', headers: bearer(ada.accessToken) });
    expect(erased.statusCode).toBe(200);
    expect(await stored(ada.id)).toBeUndefined();
    const rows = await t.database.db.selectFrom('users').select('health_profile').where('health_profile', 'is not', null).execute();
    expect(rows).toEqual([]);
  });
});
