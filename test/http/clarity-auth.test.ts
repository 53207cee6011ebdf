import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';

/** Clarity `/api/v1/auth/*` over HTTP: bodies as the spec shows them, errors as RFC 7807 problems. */

const API = '/api/v1/auth';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Tokens { access_token: string; refresh_token: string; token_type: string; expires_in: number; scope: null }
interface Problem { type: string; title: string; detail: string; status: number; instance: string; request_id: string; errors?: { field: string; message: string; code: string }[]; details?: Record<string, unknown> }

let t: TestApp;
const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `${API}${url}`, payload, headers });

async function register(body: Record<string, unknown> = {}) {
  const email = uniqueEmail('clarity');
  const res = await post('/register', { email, password: STRONG_PASSWORD, first_name: 'Ada', last_name: 'Lovelace', ...body });
  return { res, email };
}

async function login(email: string, password = STRONG_PASSWORD) {
  const res = await post('/login', { email, password });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Tokens & { user: Record<string, unknown>; tokens: Tokens; requires_mfa: boolean }>();
}

/** Asserts an RFC 7807 problem with the given status and returns it. */
function problem(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number): Problem {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json<Problem>();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), request_id: expect.any(String) });
  expect(body.instance).toBe(`urn:request:${body.request_id}`);
  return body;
}

const fieldsOf = (p: Problem) => (p.errors ?? []).map((e) => e.field).sort();

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('Clarity register', () => {
  it('creates an active patient and returns tokens (201)', async () => {
    const { res, email } = await register({ phone_number: '+14155550123', terms_accepted: true, privacy_policy_accepted: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<Record<string, unknown> & { tokens: Tokens }>();
    expect(body).toMatchObject({ email, status: 'active', verification_email_sent: true, user_id: expect.stringMatching(UUID) });
    expect(new Date(body.created_at as string).toISOString()).toBe(body.created_at);
    expect(body.tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: null });
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', body.user_id as string).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email, role: 'patient', first_name: 'Ada', last_name: 'Lovelace', phone: '+14155550123', email_verified: 0 });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const me = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(body.tokens.access_token) });
    expect(me.json()).toMatchObject({ user_id: body.user_id, role: 'patient' });
  });

  it('stores the email lower-cased, so sign-in is case-insensitive', async () => {
    const email = uniqueEmail('Mixed').toUpperCase();
    const res = await post('/register', { email, password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: email.toLowerCase() });
    expect((await login(` ${email.toLowerCase()} `.trim())).user).toMatchObject({ email: email.toLowerCase() });
  });

  it('names every bad field in a 422 problem and stores nothing', async () => {
    const res = await post('/register', { email: 'not-an-email', password: 'short', phone_number: '555-1234', first_name: '' });
    const p = problem(res, 422);
    expect(p.type).toBe('validation_error');
    expect(fieldsOf(p)).toEqual(['email', 'first_name', 'password', 'phone_number']);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('reports missing required fields', async () => {
    expect(fieldsOf(problem(await post('/register', {}), 422))).toEqual(['email', 'password']);
  });

  it('refuses terms that were not accepted', async () => {
    const p = problem((await register({ terms_accepted: false, privacy_policy_accepted: false })).res, 422);
    expect(p.errors).toEqual([
      { field: 'terms_accepted', message: 'must be accepted', code: 'NOT_ACCEPTED' },
      { field: 'privacy_policy_accepted', message: 'must be accepted', code: 'NOT_ACCEPTED' },
    ]);
  });

  it.each([
    ['password123', 'common'],
    ['qwertyuiop', 'common'],
    ['aaaaaaaaaaaa', 'repeated'],
  ])('refuses the weak password %s (%s)', async (password) => {
    const p = problem((await register({ password })).res, 422);
    expect(p.errors).toEqual([{ field: 'password', message: expect.any(String), code: 'WEAK_PASSWORD' }]);
    expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
  });

  it('refuses a password equal to the email address, accepts a long passphrase', async () => {
    const email = uniqueEmail('same');
    const p = problem(await post('/register', { email, password: email.toUpperCase() }), 422);
    expect(p.errors?.[0]).toMatchObject({ field: 'password', message: 'must not be your email address' });
    const long = 'the quick brown fox jumps over the lazy dog at 7 in the morning!'.repeat(2);
    expect((await post('/register', { email, password: long })).statusCode).toBe(201);
    await login(email, long);
  });

  it('answers 409 for an email already registered', async () => {
    const { email } = await register();
    const p = problem(await post('/register', { email: email.toUpperCase(), password: STRONG_PASSWORD }), 409);
    expect(p.type).toBe('conflict');
  });

  it('ignores fields it does not accept (no role or health data smuggled in at sign-up)', async () => {
    const { res } = await register({ role: 'admin', height_cm: 9999, weight_kg: -3, email_verified: true });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', res.json<{ user_id: string }>().user_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'patient', height_cm: null, weight_kg: null, email_verified: 0 });
  });
});

describe('Clarity login', () => {
  it('returns user, tokens, requires_mfa and the token fields at the top level', async () => {
    const { email } = await register();
    const body = await login(email);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: null, requires_mfa: false, mfa_session_token: null });
    expect(body.tokens).toEqual({ access_token: body.access_token, refresh_token: body.refresh_token, token_type: 'bearer', expires_in: 3600, scope: null });
    expect(body.user).toMatchObject({
      email, first_name: 'Ada', last_name: 'Lovelace', role: 'patient', status: 'active', mfa_enabled: false,
      email_verified: false, permissions: ['read_own_data', 'write_own_data'], last_login: t.clock.now().toISOString(),
    });
    expect(body.user).not.toHaveProperty('password_hash');
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const { email } = await register();
    const wrong = problem(await post('/login', { email, password: 'not the right one' }), 401);
    const unknown = problem(await post('/login', { email: uniqueEmail('ghost'), password: 'not the right one' }), 401);
    const strip = ({ request_id: _r, instance: _i, ...rest }: Problem) => rest;
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(wrong.detail).toBe('Invalid email or password');
  });

  it('names bad fields', async () => {
    expect(fieldsOf(problem(await post('/login', { email: 'x', password: '' }), 422))).toEqual(['email', 'password']);
  });
});

describe('Clarity me', () => {
  it('GET answers 401 without a token, in problem format', async () => {
    const p = problem(await t.app.inject({ method: 'GET', url: `${API}/me` }), 401);
    expect(p.details).toEqual({ reason: 'Missing Authorization header' });
  });

  it('PUT updates names and phone and returns the session view', async () => {
    const { email } = await register();
    const { access_token } = await login(email);
    const res = await t.app.inject({ method: 'PUT', url: `${API}/me`, headers: bearer(access_token), payload: { first_name: 'Grace', phone_number: '+442071838750' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email, first_name: 'Grace', last_name: 'Lovelace', phone_number: '+442071838750' });
    const again = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(access_token) });
    expect(again.json()).toMatchObject({ first_name: 'Grace', phone_number: '+442071838750' });
  });

  it('PUT refuses a bad phone and changes nothing', async () => {
    const { email } = await register({ phone_number: '+14155550123' });
    const { access_token } = await login(email);
    const p = problem(await t.app.inject({ method: 'PUT', url: `${API}/me`, headers: bearer(access_token), payload: { first_name: 'Changed', phone_number: 'call me' } }), 422);
    expect(fieldsOf(p)).toEqual(['phone_number']);
    const me = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(access_token) });
    expect(me.json()).toMatchObject({ first_name: 'Ada', phone_number: '+14155550123' });
  });

  it('PUT cannot write fields outside its schema (role, health data)', async () => {
    const { email, res } = await register();
    const { access_token } = await login(email);
    const put = await t.app.inject({ method: 'PUT', url: `${API}/me`, headers: bearer(access_token), payload: { last_name: 'Byron', role: 'admin', height_cm: 500, date_of_birth: '2999-01-01', emergency_contact: 'x' } });
    expect(put.statusCode, put.body).toBe(200);
    const row = await t.database.db.selectFrom('users').selectAll().where('id', '=', res.json<{ user_id: string }>().user_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_name: 'Byron', role: 'patient', height_cm: null, date_of_birth: null, emergency_contact: null });
  });
});

describe('Clarity refresh and logout', () => {
  it('refresh returns a new token pair in the TokenResponse shape', async () => {
    const { email } = await register();
    const first = await login(email);
    const res = await post('/refresh', { refresh_token: first.refresh_token });
    expect(res.statusCode, res.body).toBe(200);
    const next = res.json<Tokens>();
    expect(Object.keys(next).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(next.access_token) })).statusCode).toBe(200);
  });

  it('refresh refuses an unknown token and a missing one', async () => {
    expect(problem(await post('/refresh', { refresh_token: 'rt_nope' }), 401).details).toEqual({ reason: 'invalid_refresh_token' });
    expect(fieldsOf(problem(await post('/refresh', {}), 422))).toEqual(['refresh_token']);
  });

  it('logout revokes the access token and the refresh token family', async () => {
    const { email } = await register();
    const s = await login(email);
    const out = await post('/logout', { refresh_token: s.refresh_token }, bearer(s.access_token));
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ message: 'Logout successful' });
    expect(problem(await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(s.access_token) }), 401).details).toEqual({ reason: 'Token has been revoked' });
    expect(problem(await post('/refresh', { refresh_token: s.refresh_token }), 401).details).toEqual({ reason: 'invalid_refresh_token' });
  });

  it('logout needs a token', async () => {
    expect(problem(await post('/logout', {}), 401).details).toEqual({ reason: 'Missing Authorization header' });
  });
});

describe('Clarity auth health', () => {
  it('answers without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/health` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'healthy', service: 'authentication', timestamp: t.clock.now().toISOString() });
  });
});

describe('Clarity with REQUIRE_EMAIL_VERIFICATION=true', () => {
  beforeEach(async () => {
    await t.close();
    t = await createTestApp({ env: { REQUIRE_EMAIL_VERIFICATION: 'true' } });
  });

  it('registers with 202 and no tokens; login is 403 until the email is confirmed', async () => {
    const { res, email } = await register();
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ email, status: 'pending_verification', verification_email_sent: true });
    expect(body).not.toHaveProperty('tokens');
    const denied = problem(await post('/login', { email, password: STRONG_PASSWORD }), 403);
    expect(denied.details).toEqual({ reason: 'email_not_verified' });
    const mail = await t.database.db.selectFrom('outbox').select('body').where('recipient', '=', email).executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(mail.body)?.[1] as string;
    expect((await post('/confirm-email', { email, code })).statusCode).toBe(200);
    const ok = await login(email);
    expect(ok.user).toMatchObject({ status: 'active', email_verified: true });
  });

  it('a wrong password for an unconfirmed account is still a plain 401', async () => {
    const { email } = await register();
    expect(problem(await post('/login', { email, password: 'wrong password here' }), 401).details).toEqual({ reason: 'invalid_credentials' });
  });
});
