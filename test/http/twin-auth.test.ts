import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, STRONG_PASSWORD, uniqueEmail, type TestUser } from '../helpers/users.js';

/** Twin `/v1/auth/*` and `/v1/users/me` over HTTP: bodies as the spec shows them, errors in its envelope. */

interface TwinError { error: { code: string; message: string; details: Record<string, unknown> & { fields?: { field: string; message: string; code: string }[] }; request_id: string } }

let t: TestApp;
const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/v1${url}`, payload, headers });
const getMe = (token: string) => t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(token) });
const patchMe = (token: string, payload: object) => t.app.inject({ method: 'PATCH', url: '/v1/users/me', headers: bearer(token), payload });

/** Asserts a Twin error envelope with the given status and code, and returns its `error`. */
function twinError(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number, code: string): TwinError['error'] {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json<TwinError>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code, message: expect.any(String), details: expect.any(Object), request_id: res.headers['x-request-id'] });
  return body.error;
}
const fieldsOf = (e: TwinError['error']) => (e.details.fields ?? []).map((f) => f.field).sort();
const profileRow = (id: string) => t.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const FULL_PROFILE = {
  height_cm: 175,
  weight_kg: 75,
  blood_type: 'O+',
  emergency_contact: { name: 'Jane Doe', relationship: 'spouse', phone: '+971509876543' },
};

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('Twin register', () => {
  it('answers 201 {user_id,email,message} and stores the spec profile fields', async () => {
    const email = uniqueEmail('twin');
    const res = await post('/auth/register', { email, password: 'SecurePass123!x', first_name: 'John', last_name: 'Doe', date_of_birth: '1990-05-15', gender: 'male', phone: '+971501234567' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ user_id: string; email: string; message: string }>();
    expect(body).toEqual({ user_id: expect.any(String), email, message: 'User registered successfully. Please verify your email.' });
    expect(await profileRow(body.user_id)).toMatchObject({ role: 'patient', first_name: 'John', last_name: 'Doe', date_of_birth: '1990-05-15', gender: 'male', phone: '+971501234567' });
  });

  it('names each bad field with 422 VALIDATION_ERROR and stores nothing', async () => {
    const res = await post('/auth/register', { email: 'nope', password: 'short', date_of_birth: '1990-13-45', gender: 'robot', phone: '12345' });
    const error = twinError(res, 422, 'VALIDATION_ERROR');
    expect(fieldsOf(error)).toEqual(['date_of_birth', 'email', 'gender', 'password', 'phone']);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('refuses a future birth date and a common password, naming the field', async () => {
    const future = new Date(t.clock.now().getTime() + 86_400_000 * 30).toISOString().slice(0, 10);
    expect(fieldsOf(twinError(await post('/auth/register', { email: uniqueEmail(), password: STRONG_PASSWORD, date_of_birth: future }), 422, 'VALIDATION_ERROR'))).toEqual(['date_of_birth']);
    const weak = twinError(await post('/auth/register', { email: uniqueEmail(), password: 'password123' }), 422, 'VALIDATION_ERROR');
    expect(weak.details.fields).toEqual([{ field: 'password', message: expect.stringMatching(/common/), code: 'weak_password' }]);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('answers 409 CONFLICT for a taken email', async () => {
    const user = await createUser(t.app);
    twinError(await post('/auth/register', { email: user.email, password: STRONG_PASSWORD }), 409, 'CONFLICT');
  });

  it('answers 409, never 500, when another sign-up for the address lands between the check and the insert', async () => {
    const user = await createUser(t.app);
    // The interleaving of a race, made deterministic: the pre-check sees no account, the unique index does.
    vi.spyOn(t.app.services.identity.users, 'findWithSecretsByEmail').mockResolvedValueOnce(undefined);
    twinError(await post('/auth/register', { email: user.email, password: STRONG_PASSWORD }), 409, 'CONFLICT');
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', user.email).execute()).toHaveLength(1);
  });

  it('drops fields outside the spec (no role or health data at sign-up)', async () => {
    const res = await post('/auth/register', { email: uniqueEmail(), password: STRONG_PASSWORD, role: 'admin', height_cm: 9999, blood_type: 'Z' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await profileRow(res.json<{ user_id: string }>().user_id)).toMatchObject({ role: 'patient', height_cm: null, blood_type: null });
  });
});

describe('Twin login', () => {
  it('answers the spec body: access_token, refresh_token, Bearer, 3600, user{id,email,role:"user"}', async () => {
    const user = await createUser(t.app);
    const res = await post('/auth/login', { email: user.email, password: STRONG_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refresh_token: expect.stringMatching(/^rt_/),
      token_type: 'Bearer',
      expires_in: 3600,
      user: { id: user.id, email: user.email, role: 'user' },
    });
  });

  it('shows the Twin alias of other roles (employer → corporate)', async () => {
    const corporate = await createUser(t.app, { role: 'corporate' });
    const res = await post('/auth/login', { email: corporate.email, password: STRONG_PASSWORD });
    expect(res.json()).toMatchObject({ user: { role: 'corporate' } });
    expect((await getMe(corporate.accessToken)).json()).toMatchObject({ role: 'corporate' });
  });

  it('answers 401 UNAUTHORIZED for a wrong password, and 422 naming missing fields', async () => {
    const user = await createUser(t.app);
    const wrong = twinError(await post('/auth/login', { email: user.email, password: 'not the password' }), 401, 'UNAUTHORIZED');
    expect(wrong.details).toEqual({ reason: 'invalid_credentials' });
    expect(fieldsOf(twinError(await post('/auth/login', {}), 422, 'VALIDATION_ERROR'))).toEqual(['email', 'password']);
  });
});

describe('Twin refresh and logout', () => {
  it('refresh answers a new pair in the login shape', async () => {
    const user = await createUser(t.app);
    const res = await post('/auth/refresh', { refresh_token: user.refreshToken });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ access_token: string; refresh_token: string }>();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, user: { id: user.id, email: user.email, role: 'user' } });
    expect(body.refresh_token).not.toBe(user.refreshToken);
    expect((await getMe(body.access_token)).statusCode).toBe(200);
  });

  it('logout answers 204 and revokes the access token and the refresh family', async () => {
    const user = await createUser(t.app);
    const res = await post('/auth/logout', { refresh_token: user.refreshToken }, bearer(user.accessToken));
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect(twinError(await getMe(user.accessToken), 401, 'UNAUTHORIZED').details).toEqual({ reason: 'Token has been revoked' });
    expect(twinError(await post('/auth/refresh', { refresh_token: user.refreshToken }), 401, 'UNAUTHORIZED').details).toEqual({ reason: 'invalid_refresh_token' });
  });

  it('logout without a body revokes only the access token', async () => {
    const user = await createUser(t.app);
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: bearer(user.accessToken) })).statusCode).toBe(204);
    twinError(await getMe(user.accessToken), 401, 'UNAUTHORIZED');
    expect((await post('/auth/refresh', { refresh_token: user.refreshToken })).statusCode).toBe(200);
  });
});

describe('Twin /users/me', () => {
  let user: TestUser;
  beforeEach(async () => {
    user = await createUser(t.app);
  });

  it('GET answers the profile with every spec field', async () => {
    const res = await getMe(user.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user_id: user.id, email: user.email, role: 'user', first_name: null, last_name: null, date_of_birth: null, gender: null, phone: null,
      height_cm: null, weight_kg: null, blood_type: null, emergency_contact: null, email_verified: false,
      created_at: expect.any(String), updated_at: expect.any(String), profile_completed: false, subscription_tier: 'free',
    });
  });

  it('PATCH stores the spec fields and profile_completed turns true once the twin has what it needs', async () => {
    const first = await patchMe(user.accessToken, FULL_PROFILE);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ ...FULL_PROFILE, profile_completed: false });
    t.clock.advance(1000);
    const second = await patchMe(user.accessToken, { first_name: 'John', last_name: 'Doe', date_of_birth: '1990-05-15', gender: 'male' });
    const body = second.json<{ updated_at: string; created_at: string }>();
    expect(body).toMatchObject({ ...FULL_PROFILE, first_name: 'John', profile_completed: true });
    expect(body.updated_at > body.created_at).toBe(true);
    expect((await getMe(user.accessToken)).json()).toMatchObject({ ...FULL_PROFILE, profile_completed: true });
  });

  it('PATCH can clear the emergency contact with null', async () => {
    await patchMe(user.accessToken, FULL_PROFILE);
    const res = await patchMe(user.accessToken, { emergency_contact: null });
    expect(res.json()).toMatchObject({ emergency_contact: null, height_cm: 175 });
  });

  it.each([
    ['height_cm', { height_cm: 500 }],
    ['weight_kg', { weight_kg: 0 }],
    ['blood_type', { blood_type: 'O' }],
    ['phone', { phone: '0501234567' }],
    ['date_of_birth', { date_of_birth: '2999-01-01' }],
    ['date_of_birth', { date_of_birth: '1800-01-01' }],
    ['emergency_contact.phone', { emergency_contact: { name: 'Jane', phone: 'x' } }],
    ['height_cm', { height_cm: '175' }],
  ])('PATCH refuses an impossible %s, names it and writes nothing', async (field, bad) => {
    await patchMe(user.accessToken, FULL_PROFILE);
    const before = await profileRow(user.id);
    const error = twinError(await patchMe(user.accessToken, { first_name: 'Half', weight_kg: 80, ...bad }), 422, 'VALIDATION_ERROR');
    expect(fieldsOf(error)).toEqual([field]);
    expect(await profileRow(user.id)).toEqual(before);
  });

  it('PATCH names every bad field at once', async () => {
    const error = twinError(await patchMe(user.accessToken, { height_cm: 500, weight_kg: -1, blood_type: 'Q' }), 422, 'VALIDATION_ERROR');
    expect(fieldsOf(error)).toEqual(['blood_type', 'height_cm', 'weight_kg']);
  });

  it('PATCH refuses an empty body and a body of unknown fields, and never writes role or email', async () => {
    expect(fieldsOf(twinError(await patchMe(user.accessToken, {}), 422, 'VALIDATION_ERROR'))).toEqual(['body']);
    expect(fieldsOf(twinError(await patchMe(user.accessToken, { role: 'admin' }), 422, 'VALIDATION_ERROR'))).toEqual(['body']);
    const res = await patchMe(user.accessToken, { height_cm: 180, role: 'admin', email: 'evil@example.test', email_verified: true });
    expect(res.statusCode).toBe(200);
    expect(await profileRow(user.id)).toMatchObject({ height_cm: 180, role: 'patient', email: user.email, email_verified: 0 });
  });

  it('GET and PATCH answer 401 UNAUTHORIZED without a token', async () => {
    expect(twinError(await t.app.inject({ method: 'GET', url: '/v1/users/me' }), 401, 'UNAUTHORIZED').details).toEqual({ reason: 'Missing Authorization header' });
    twinError(await t.app.inject({ method: 'PATCH', url: '/v1/users/me', payload: { height_cm: 170 } }), 401, 'UNAUTHORIZED');
    expect((await profileRow(user.id)).height_cm).toBeNull();
  });

  it("one user's token only ever reaches that user's own profile, on both surfaces", async () => {
    const other = await createUser(t.app);
    await patchMe(other.accessToken, { height_cm: 160 });
    await patchMe(user.accessToken, { height_cm: 190 });
    expect((await getMe(user.accessToken)).json()).toMatchObject({ user_id: user.id, email: user.email, height_cm: 190 });
    expect((await getMe(other.accessToken)).json()).toMatchObject({ user_id: other.id, height_cm: 160 });
    const clarity = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user.accessToken) });
    expect(clarity.json()).toMatchObject({ user_id: user.id, email: user.email });
    // `user_id` in a body is not a way to reach someone else's record: it is dropped.
    await patchMe(user.accessToken, { user_id: other.id, weight_kg: 99 } as object);
    expect((await profileRow(other.id)).weight_kg).toBeNull();
    expect((await profileRow(user.id)).weight_kg).toBe(99);
  });

  it('audits profile reads and writes with the actor', async () => {
    await getMe(user.accessToken);
    await patchMe(user.accessToken, { height_cm: 170, blood_type: 'A+' });
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('subject_user_id', '=', user.id).where('resource_type', '=', 'profile').orderBy('seq').execute();
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([['profile.read', user.id], ['profile.update', user.id]]);
    expect(JSON.parse(rows[1]?.details ?? '{}')).toEqual({ fields: 'bloodType,heightCm' });
  });
});
