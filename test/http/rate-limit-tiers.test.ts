import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/**
 * Per-user limits by subscription tier (the Twin spec's "Rate Limiting"), per-IP limits without a token,
 * the headers on every limited response and the 429 in each surface's own format. Limits are set low here;
 * every other suite runs with generous ones (test/helpers/test-config.ts).
 */

const FREE = 3;
const PREMIUM = 5;
const ANONYMOUS = 2;
/** 10:15 UTC: the window (aligned to the hour) resets at 11:00, 2,700 s later. */
const T0 = new Date(Date.UTC(2026, 0, 5, 10, 15));
const RESET = Date.UTC(2026, 0, 5, 11) / 1000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      RATE_LIMIT_FREE_PER_WINDOW: String(FREE),
      RATE_LIMIT_PREMIUM_PER_WINDOW: String(PREMIUM),
      RATE_LIMIT_ANONYMOUS_PER_WINDOW: String(ANONYMOUS),
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      CORS_ORIGINS: 'https://app.example.test',
    },
  });
  t.clock.set(T0);
});
afterAll(async () => t?.close());

const get = (url: string, user: TestUser | null, remoteAddress = '192.0.2.10') =>
  t.app.inject({ method: 'GET', url, headers: user ? bearer(user.accessToken) : {}, remoteAddress });

async function setTier(user: TestUser, tier: string): Promise<void> {
  await t.database.db.updateTable('users').set({ subscription_tier: tier }).where('id', '=', user.id).execute();
}

function expectAllowance(headers: Record<string, unknown>, policy: string, limit: number, remaining: number): void {
  const secondsLeft = RESET - t.clock.now().getTime() / 1000;
  expect(headers).toMatchObject({
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(RESET),
    'ratelimit-policy': `"${policy}";q=${limit};w=3600`,
    ratelimit: `"${policy}";r=${remaining};t=${Math.ceil(secondsLeft)}`,
  });
}

describe('per-user limits by tier', () => {
  it('counts one allowance per user across the surfaces and reports it on each response', async () => {
    const ada = await createUser(t.app);
    const clarity = await get('/api/v1/auth/me', ada);
    expect(clarity.statusCode).toBe(200);
    expectAllowance(clarity.headers, 'free', FREE, 2);
    const twin = await get('/v1/users/me', ada);
    expect(twin.statusCode).toBe(200);
    expectAllowance(twin.headers, 'free', FREE, 1);
    expect(twin.headers['retry-after']).toBeUndefined();
  });

  it('counts a HEAD request once', async () => {
    const ada = await createUser(t.app);
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/users/me', headers: bearer(ada.accessToken) });
    expect(head.statusCode).toBe(200);
    expect(head.headers['x-ratelimit-remaining']).toBe(String(FREE - 1));
  });

  it('counts per user id, not per token: a second sign-in shares the allowance', async () => {
    const ada = await createUser(t.app);
    const again = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: ada.email, password: ada.password } });
    const second: TestUser = { ...ada, accessToken: again.json<{ access_token: string }>().access_token };
    expect(second.accessToken).not.toBe(ada.accessToken);
    await get('/v1/users/me', ada);
    expect((await get('/v1/users/me', second)).headers['x-ratelimit-remaining']).toBe('1');
  });

  it('gives a premium user the premium allowance', async () => {
    const [free, premium] = [await createUser(t.app), await createUser(t.app)];
    await setTier(premium, 'premium');
    for (let i = 0; i < FREE; i++) expect((await get('/v1/users/me', free)).statusCode).toBe(200);
    expect((await get('/v1/users/me', free)).statusCode).toBe(429);
    for (let i = 1; i <= PREMIUM; i++) {
      const response = await get('/v1/users/me', premium);
      expect(response.statusCode).toBe(200);
      expectAllowance(response.headers, 'premium', PREMIUM, PREMIUM - i);
    }
    const refused = await get('/v1/users/me', premium);
    expect(refused.statusCode).toBe(429);
    expectAllowance(refused.headers, 'premium', PREMIUM, 0);
  });

  it('allows again when the window ends (the injected clock)', async () => {
    const ada = await createUser(t.app);
    for (let i = 0; i < FREE; i++) await get('/v1/users/me', ada);
    expect((await get('/v1/users/me', ada)).statusCode).toBe(429);
    t.clock.set(new Date(RESET * 1000 - 1000));
    expect((await get('/v1/users/me', ada)).headers['retry-after']).toBe('1');
    t.clock.set(new Date(RESET * 1000));
    const next = await get('/v1/users/me', ada);
    expect(next.statusCode).toBe(200);
    expect(next.headers['x-ratelimit-remaining']).toBe(String(FREE - 1));
    expect(next.headers['x-ratelimit-reset']).toBe(String(RESET + 3600));
    t.clock.set(T0);
  });

  it('does not run the handler of a refused request', async () => {
    const ada = await createUser(t.app);
    for (let i = 0; i < FREE; i++) await get('/v1/users/me', ada);
    const update = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/me',
      headers: bearer(ada.accessToken),
      payload: { first_name: 'Changed' },
    });
    expect(update.statusCode).toBe(429);
    const row = await t.database.db.selectFrom('users').select('first_name').where('id', '=', ada.id).executeTakeFirstOrThrow();
    expect(row.first_name).not.toBe('Changed');
  });
});

describe('429 in each surface format', () => {
  const secondsToReset = () => String(RESET - T0.getTime() / 1000);

  it('Clarity: RFC 7807 problem+json', async () => {
    const ada = await createUser(t.app);
    for (let i = 0; i < FREE; i++) await get('/api/v1/auth/me', ada);
    const refused = await get('/api/v1/auth/me', ada);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe(secondsToReset());
    expectAllowance(refused.headers, 'free', FREE, 0);
    expect(refused.json()).toMatchObject({
      type: 'rate_limit_exceeded',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Rate limit exceeded: 3 requests per 1 hour',
    });
  });

  it('Twin: the error envelope', async () => {
    const ada = await createUser(t.app);
    for (let i = 0; i < FREE; i++) await get('/v1/users/me', ada);
    const refused = await get('/v1/users/me', ada);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(refused.headers['retry-after']).toBe(secondsToReset());
    expect(refused.json()).toEqual({
      error: {
        code: 'RATE_LIMIT_EXCEEDED',
        message: 'Rate limit exceeded: 3 requests per 1 hour',
        details: { limit: FREE, policy: 'free', retry_after_seconds: Number(secondsToReset()) },
        request_id: refused.headers['x-request-id'],
      },
    });
  });

  it('MHRAS: {error, message, details, timestamp}', async () => {
    const clinician = await createUser(t.app, { role: 'clinician' });
    for (let i = 0; i < FREE; i++) expect((await get('/models', clinician)).statusCode).toBe(200);
    const refused = await get('/models', clinician);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(secondsToReset());
    expectAllowance(refused.headers, 'free', FREE, 0);
    expect(refused.json()).toMatchObject({
      error: 'RateLimitError',
      message: 'Rate limit exceeded: 3 requests per 1 hour',
      details: { limit: FREE },
      timestamp: expect.anything(),
    });
  });
});

describe('without a token', () => {
  it('limits public routes per client IP', async () => {
    for (let i = 1; i <= ANONYMOUS; i++) {
      const response = await get('/api/v1/test/hello', null, '198.51.100.1');
      expect(response.statusCode).toBe(200);
      expectAllowance(response.headers, 'anonymous', ANONYMOUS, ANONYMOUS - i);
    }
    const refused = await get('/api/v1/test/hello', null, '198.51.100.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ type: 'rate_limit_exceeded', status: 429 });
    expect((await get('/api/v1/test/hello', null, '198.51.100.2')).statusCode).toBe(200);
  });

  it('leaves the liveness, readiness and metrics probes alone', async () => {
    for (let i = 0; i < ANONYMOUS + 3; i++) {
      for (const url of ['/health', '/metrics', '/api/v1/auth/health', '/api/v1/health-data/health', '/openapi.json']) {
        const response = await get(url, null, '198.51.100.3');
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['x-ratelimit-limit']).toBeUndefined();
        expect(response.headers.ratelimit).toBeUndefined();
      }
    }
  });

  it('does not count a request with a bad token against the address', async () => {
    for (let i = 0; i < ANONYMOUS + 1; i++) {
      const response = await t.app.inject({
        url: '/v1/users/me',
        headers: { authorization: 'Bearer nope' },
        remoteAddress: '198.51.100.4',
      });
      expect(response.statusCode).toBe(401);
    }
    expect((await get('/api/v1/test/hello', null, '198.51.100.4')).statusCode).toBe(200);
  });
});

describe('CORS', () => {
  it('lets browser clients read the rate-limit headers', async () => {
    const ada = await createUser(t.app);
    const response = await t.app.inject({
      url: '/v1/users/me',
      headers: { ...bearer(ada.accessToken), origin: 'https://app.example.test' },
    });
    const exposed = String(response.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining([
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'RateLimit-Policy',
        'RateLimit',
        'Retry-After',
      ]),
    );
  });
});

describe('RATE_LIMIT_ENABLED=false', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp({ env: { RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_FREE_PER_WINDOW: '1', AUTH_RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => off?.close());

  it('keeps only the auth endpoints limit', async () => {
    const ada = await createUser(off.app);
    for (let i = 0; i < 3; i++) {
      const response = await off.app.inject({ url: '/v1/users/me', headers: bearer(ada.accessToken) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
    const login = await off.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: ada.email, password: 'wrong password here' },
    });
    expect(login.headers['ratelimit-policy']).toBe('"auth";q=5;w=60');
  });
});

describe('when Redis is unreachable', () => {
  let down: TestApp;
  beforeAll(async () => {
    // Port 1: nothing listens, the connection is refused at once.
    down = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_FREE_PER_WINDOW: '2' }, logLevel: 'warn' });
  });
  afterAll(async () => down?.close());

  it('fails open to counting per process, and warns once', async () => {
    const ada = await createUser(down.app);
    const first = await down.app.inject({ url: '/v1/users/me', headers: bearer(ada.accessToken) });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect((await down.app.inject({ url: '/v1/users/me', headers: bearer(ada.accessToken) })).statusCode).toBe(200);
    expect((await down.app.inject({ url: '/v1/users/me', headers: bearer(ada.accessToken) })).statusCode).toBe(429);
    const warnings = down.logs.filter((line) => line.includes('rate-limit counters: Redis unreachable'));
    expect(warnings).toHaveLength(1);
    expect(warnings.join('')).not.toContain(ada.id);
  });
});
