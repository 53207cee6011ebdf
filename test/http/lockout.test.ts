import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';

/**
 * Account lockout: LOCKOUT_THRESHOLD failures (default 5) lock sign-in for LOCKOUT_MINUTES (default 15),
 * answered 429 with Retry-After, and a non-existent account answers exactly like a real one.
 */

interface Surface {
  name: string;
  login: string;
  /** The body minus what differs per request (ids, instance URI). */
  comparable(body: Record<string, unknown>): unknown;
  reasonOf(body: Record<string, unknown>): unknown;
}

const clarity: Surface = {
  name: 'Clarity',
  login: '/api/v1/auth/login',
  comparable: ({ request_id: _r, instance: _i, ...rest }) => rest,
  reasonOf: (body) => (body.details as { reason?: unknown } | undefined)?.reason,
};

const twin: Surface = {
  name: 'Twin',
  login: '/v1/auth/login',
  comparable: (body) => {
    const { request_id: _r, ...rest } = body.error as Record<string, unknown>;
    return rest;
  },
  reasonOf: (body) => (body.error as { details: { reason?: unknown } }).details.reason,
};

const MINUTE = 60_000;
let t: TestApp;

async function attempt(s: Surface, email: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: s.login, payload: { email, password } });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json<Record<string, unknown>>(), type: res.headers['content-type'] };
}

async function fail(s: Surface, email: string, times: number) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await attempt(s, email, `wrong password ${i}`));
  return results;
}

afterEach(async () => {
  await t.close();
});

describe.each([clarity, twin])('$name lockout', (s) => {
  beforeEach(async () => {
    t = await createTestApp();
  });

  it('locks after 5 failures: 429 with Retry-After, even with the right password', async () => {
    const user = await createUser(t.app);
    const failures = await fail(s, user.email, 5);
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const locked = await attempt(s, user.email, STRONG_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe(String(15 * 60));
    expect(s.reasonOf(locked.body)).toBe('too_many_failed_attempts');
    expect(JSON.stringify(locked.body)).toContain('15 minutes');
    expect(JSON.stringify(locked.body)).not.toContain(user.email);
  });

  it('answers for a non-existent email exactly as for a real one, at every step', async () => {
    const real = (await createUser(t.app)).email;
    const ghost = uniqueEmail('ghost');
    const realRuns = [...(await fail(s, real, 5)), await attempt(s, real, 'another wrong one')];
    const ghostRuns = [...(await fail(s, ghost, 5)), await attempt(s, ghost, 'another wrong one')];
    expect(ghostRuns.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(ghostRuns.map((r) => [r.status, r.retryAfter, r.type, s.comparable(r.body)])).toEqual(
      realRuns.map((r) => [r.status, r.retryAfter, r.type, s.comparable(r.body)]),
    );
  });

  it('lifts the lock once the clock passes 15 minutes, and counts afresh', async () => {
    const user = await createUser(t.app);
    await fail(s, user.email, 5);
    t.clock.advance(14 * MINUTE);
    const still = await attempt(s, user.email, STRONG_PASSWORD);
    expect(still.status).toBe(429);
    expect(still.retryAfter).toBe(String(60));
    t.clock.advance(MINUTE + 1000);
    expect((await attempt(s, user.email, STRONG_PASSWORD)).status).toBe(200);
  });

  it('a successful sign-in resets the failure count', async () => {
    const user = await createUser(t.app);
    await fail(s, user.email, 4);
    expect((await attempt(s, user.email, STRONG_PASSWORD)).status).toBe(200);
    expect((await fail(s, user.email, 4)).map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect((await attempt(s, user.email, STRONG_PASSWORD)).status).toBe(200);
    const rows = await t.database.db.selectFrom('login_throttle').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('locks one address without touching another, and counts case-insensitively', async () => {
    const victim = await createUser(t.app);
    const bystander = await createUser(t.app);
    await fail(s, victim.email.toUpperCase(), 5);
    expect((await attempt(s, victim.email, STRONG_PASSWORD)).status).toBe(429);
    expect((await attempt(s, bystander.email, STRONG_PASSWORD)).status).toBe(200);
  });

  it('keeps no email address in the throttle table', async () => {
    const user = await createUser(t.app);
    await fail(s, user.email, 2);
    const rows = await t.database.db.selectFrom('login_throttle').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ failures: 2, locked_until: null });
    expect(JSON.stringify(rows)).not.toContain(user.email);
  });

  it('audits the failures and the lock without naming an actor', async () => {
    const user = await createUser(t.app);
    await fail(s, user.email, 5);
    await attempt(s, user.email, STRONG_PASSWORD);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').where('outcome', '!=', 'success').orderBy('seq').execute();
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'denied']);
    expect(rows.every((r) => r.actor_id === null)).toBe(true);
    expect(JSON.parse(rows[4]?.details ?? '{}')).toMatchObject({ locked: true });
  });
});

describe('configurable lockout', () => {
  beforeEach(async () => {
    t = await createTestApp({ env: { LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '2' } });
  });

  it('honours LOCKOUT_THRESHOLD and LOCKOUT_MINUTES, and both surfaces share one counter', async () => {
    const user = await createUser(t.app);
    await fail(clarity, user.email, 2);
    await fail(twin, user.email, 1);
    const locked = await attempt(clarity, user.email, STRONG_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBe('120');
    expect((await attempt(twin, user.email, STRONG_PASSWORD)).status).toBe(429);
    t.clock.advance(2 * MINUTE);
    expect((await attempt(twin, user.email, STRONG_PASSWORD)).status).toBe(200);
  });
});

describe('per-IP rate limit on the auth endpoints', () => {
  beforeEach(async () => {
    t = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' } });
  });

  it('answers 429 in each surface format once the limit is spent', async () => {
    const email = uniqueEmail('limited');
    for (let i = 0; i < 2; i++) expect((await attempt(clarity, email, 'whatever pass')).status).toBe(401);
    const clarityLimited = await attempt(clarity, email, 'whatever pass');
    expect(clarityLimited.status).toBe(429);
    expect(clarityLimited.type).toMatch(/^application\/problem\+json/);
    expect(clarityLimited.body).toMatchObject({ status: 429, type: 'rate_limit_exceeded', details: { limit: 2 } });
    for (let i = 0; i < 2; i++) await attempt(twin, email, 'whatever pass');
    const twinLimited = await attempt(twin, email, 'whatever pass');
    expect(twinLimited.status).toBe(429);
    expect(twinLimited.body).toMatchObject({ error: { code: 'RATE_LIMIT_EXCEEDED', details: { limit: 2 } } });
  });
});
