import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, STRONG_PASSWORD, uniqueEmail, type TestUser } from '../helpers/users.js';

/** Clarity email confirmation and password reset with mailed one-time codes (read from the outbox). */

const API = '/api/v1/auth';
const NEW_PASSWORD = 'a brand new passphrase for 2025';
const MINUTE = 60_000;

interface Problem { status: number; detail: string; request_id: string; instance: string; details?: { reason?: string }; errors?: { field: string }[] }

let t: TestApp;
const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `${API}${url}`, payload, headers });

/** The six-digit code in the newest mail to `email` with a subject matching `subject`. */
async function mailedCode(email: string, subject: RegExp): Promise<string> {
  const mails = await t.database.db.selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('created_at', 'desc').execute();
  const mail = mails.find((m) => subject.test(m.subject));
  const code = mail && /\b(\d{6})\b/.exec(mail.body)?.[1];
  if (!code) throw new Error(`no mail matching ${subject} for ${email}`);
  return code;
}
const confirmationCode = (email: string) => mailedCode(email, /confirm/i);
const resetCode = (email: string) => mailedCode(email, /reset/i);
const mailCount = async (email: string) => (await t.database.db.selectFrom('outbox').select('id').where('recipient', '=', email).execute()).length;

function problem(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }, status: number): Problem {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return res.json<Problem>();
}
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const strip = ({ request_id: _r, instance: _i, ...rest }: Problem) => rest;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('confirm-email', () => {
  let user: TestUser;
  beforeEach(async () => {
    user = await createUser(t.app);
  });

  it('confirms with the mailed code; the code is single use', async () => {
    const code = await confirmationCode(user.email);
    const res = await post('/confirm-email', { email: user.email, code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ message: 'Email confirmed' });
    expect((await t.database.db.selectFrom('users').select('email_verified').where('id', '=', user.id).executeTakeFirstOrThrow()).email_verified).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(user.accessToken) })).json()).toMatchObject({ email_verified: true });
    expect(problem(await post('/confirm-email', { email: user.email, code }), 400).details).toEqual({ reason: 'invalid' });
  });

  it("accepts Cognito's confirmation_code name", async () => {
    const res = await post('/confirm-email', { email: user.email, confirmation_code: await confirmationCode(user.email) });
    expect(res.statusCode).toBe(200);
  });

  it('a wrong code is 400; the fifth wrong one burns the code, so the right one no longer works', async () => {
    const code = await confirmationCode(user.email);
    for (let i = 0; i < 4; i++) expect(problem(await post('/confirm-email', { email: user.email, code: otherCode(code) }), 400).details).toEqual({ reason: 'invalid' });
    expect(problem(await post('/confirm-email', { email: user.email, code: otherCode(code) }), 400).details).toEqual({ reason: 'too_many_attempts' });
    expect(problem(await post('/confirm-email', { email: user.email, code }), 400).details).toEqual({ reason: 'too_many_attempts' });
    expect((await t.database.db.selectFrom('users').select('email_verified').where('id', '=', user.id).executeTakeFirstOrThrow()).email_verified).toBe(0);
  });

  it('an unknown email answers exactly like a wrong code', async () => {
    const wrong = problem(await post('/confirm-email', { email: user.email, code: otherCode(await confirmationCode(user.email)) }), 400);
    const unknown = problem(await post('/confirm-email', { email: uniqueEmail('ghost'), code: '123456' }), 400);
    expect(strip(unknown)).toEqual(strip(wrong));
  });

  it('expires after 24 hours', async () => {
    const code = await confirmationCode(user.email);
    t.clock.advance(24 * 60 * MINUTE + MINUTE);
    expect(problem(await post('/confirm-email', { email: user.email, code }), 400).details).toEqual({ reason: 'expired' });
  });

  it('names a missing or malformed code', async () => {
    expect(problem(await post('/confirm-email', { email: user.email }), 422).errors?.map((e) => e.field)).toEqual(['code']);
    expect(problem(await post('/confirm-email', { email: 'x', code: '12ab' }), 422).errors?.map((e) => e.field).sort()).toEqual(['code', 'email']);
  });

  it('resend-confirmation mails a new code and voids the old one; it answers the same for unknown addresses', async () => {
    const old = await confirmationCode(user.email);
    t.clock.advance(1000);
    const known = await post('/resend-confirmation', { email: user.email });
    const unknown = await post('/resend-confirmation', { email: uniqueEmail('ghost') });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(known.json());
    const fresh = await confirmationCode(user.email);
    expect(await mailCount(user.email)).toBe(2);
    if (fresh !== old) expect(problem(await post('/confirm-email', { email: user.email, code: old }), 400).details).toEqual({ reason: 'invalid' });
    expect((await post('/confirm-email', { email: user.email, code: fresh })).statusCode).toBe(200);
    expect((await post('/resend-confirmation', { email: user.email })).statusCode).toBe(200);
    expect(await mailCount(user.email)).toBe(2); // already confirmed: nothing more is sent
  });
});

describe('forgot-password and reset-password', () => {
  let user: TestUser;
  beforeEach(async () => {
    user = await createUser(t.app);
  });

  it('an unknown email answers exactly like a known one, and only the known one gets mail', async () => {
    const ghost = uniqueEmail('ghost');
    const known = await post('/forgot-password', { email: user.email });
    const unknown = await post('/forgot-password', { email: ghost });
    expect([known.statusCode, unknown.statusCode]).toEqual([200, 200]);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json()).toMatchObject({ reset_token_sent: true });
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
    expect(await resetCode(user.email)).toMatch(/^\d{6}$/);
    expect(await mailCount(ghost)).toBe(0);
  });

  it('resets with the mailed code and voids every older access and refresh token', async () => {
    const clarity = (await post('/login', { email: user.email, password: STRONG_PASSWORD })).json<{ access_token: string; refresh_token: string }>();
    await post('/forgot-password', { email: user.email });
    const res = await post('/reset-password', { email: user.email, code: await resetCode(user.email), new_password: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ message: expect.any(String) });
    for (const token of [user.accessToken, clarity.access_token]) {
      expect(problem(await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(token) }), 401).details).toEqual({ reason: 'Token was issued before a password change' });
      expect((await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(token) })).statusCode).toBe(401);
    }
    for (const refresh_token of [user.refreshToken, clarity.refresh_token]) expect((await post('/refresh', { refresh_token })).statusCode).toBe(401);
    expect(problem(await post('/login', { email: user.email, password: STRONG_PASSWORD }), 401).details).toEqual({ reason: 'invalid_credentials' });
    const fresh = await post('/login', { email: user.email, password: NEW_PASSWORD });
    expect(fresh.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: `${API}/me`, headers: bearer(fresh.json<{ access_token: string }>().access_token) });
    expect(me.statusCode).toBe(200);
  });

  it('accepts the code under the name `token` (Clarity reset model)', async () => {
    await post('/forgot-password', { email: user.email });
    expect((await post('/reset-password', { email: user.email, token: await resetCode(user.email), new_password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('a wrong code is 400 and leaves the password alone; five wrong ones burn the code', async () => {
    await post('/forgot-password', { email: user.email });
    const code = await resetCode(user.email);
    const wrong = problem(await post('/reset-password', { email: user.email, code: otherCode(code), new_password: NEW_PASSWORD }), 400);
    expect(wrong).toMatchObject({ detail: 'Invalid or expired code', details: { reason: 'invalid' } });
    for (let i = 0; i < 4; i++) await post('/reset-password', { email: user.email, code: otherCode(code), new_password: NEW_PASSWORD });
    expect(problem(await post('/reset-password', { email: user.email, code, new_password: NEW_PASSWORD }), 400).details).toEqual({ reason: 'too_many_attempts' });
    expect((await post('/login', { email: user.email, password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('a code expires after 30 minutes', async () => {
    await post('/forgot-password', { email: user.email });
    const code = await resetCode(user.email);
    t.clock.advance(31 * MINUTE);
    expect(problem(await post('/reset-password', { email: user.email, code, new_password: NEW_PASSWORD }), 400).details).toEqual({ reason: 'expired' });
    expect((await post('/login', { email: user.email, password: STRONG_PASSWORD })).statusCode).toBe(200);
  });

  it('a reset for an unknown email answers like a wrong code', async () => {
    await post('/forgot-password', { email: user.email });
    const wrong = problem(await post('/reset-password', { email: user.email, code: otherCode(await resetCode(user.email)), new_password: NEW_PASSWORD }), 400);
    const unknown = problem(await post('/reset-password', { email: uniqueEmail('ghost'), code: '123456', new_password: NEW_PASSWORD }), 400);
    expect(strip(unknown)).toEqual(strip(wrong));
  });

  it('a weak new password is refused by name and does not use up the code', async () => {
    await post('/forgot-password', { email: user.email });
    const code = await resetCode(user.email);
    for (const weak of ['short', 'password123', user.email]) {
      const p = problem(await post('/reset-password', { email: user.email, code, new_password: weak }), 422);
      expect(p.errors?.map((e) => e.field)).toEqual(['new_password']);
    }
    expect((await post('/reset-password', { email: user.email, code, new_password: NEW_PASSWORD })).statusCode).toBe(200);
    expect(problem(await post('/reset-password', { email: user.email, code, new_password: 'yet another passphrase 99' }), 400).details).toEqual({ reason: 'invalid' });
  });

  it('a confirmation code cannot reset a password, and a new reset code voids the previous one', async () => {
    const confirm = await confirmationCode(user.email);
    expect((await post('/reset-password', { email: user.email, code: confirm, new_password: NEW_PASSWORD })).statusCode).toBe(400);
    await post('/forgot-password', { email: user.email });
    const first = await resetCode(user.email);
    t.clock.advance(1000);
    await post('/forgot-password', { email: user.email });
    const second = await resetCode(user.email);
    if (first !== second) expect((await post('/reset-password', { email: user.email, code: first, new_password: NEW_PASSWORD })).statusCode).toBe(400);
    expect((await post('/reset-password', { email: user.email, code: second, new_password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('a reset lifts a sign-in lockout', async () => {
    for (let i = 0; i < 5; i++) await post('/login', { email: user.email, password: `wrong ${i} password` });
    expect((await post('/login', { email: user.email, password: STRONG_PASSWORD })).statusCode).toBe(429);
    await post('/forgot-password', { email: user.email });
    await post('/reset-password', { email: user.email, code: await resetCode(user.email), new_password: NEW_PASSWORD });
    expect((await post('/login', { email: user.email, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('audits the request and the reset', async () => {
    await post('/forgot-password', { email: user.email });
    await post('/reset-password', { email: user.email, code: await resetCode(user.email), new_password: NEW_PASSWORD });
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('subject_user_id', '=', user.id).where('action', 'like', 'auth.password_reset%').orderBy('seq').execute();
    expect(rows).toEqual([{ action: 'auth.password_reset_request', outcome: 'success' }, { action: 'auth.password_reset', outcome: 'success' }]);
    expect(JSON.stringify(await t.database.db.selectFrom('audit_log').select('details').execute())).not.toContain(NEW_PASSWORD);
  });
});
