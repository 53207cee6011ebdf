import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** AUTH_RATE_LIMIT_PER_MINUTE on the unauthenticated auth endpoints: the 429 is in each surface's format. */

const LIMIT = 2;
let attempt = 0;
// A new address each time, so the account lockout (5 failures per account) never answers before the rate limit.
const credentials = () => ({ email: `nobody-${++attempt}@example.test`, password: 'not the password at all' });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
});
afterAll(async () => t?.close());

const login = (url: string, ip = '203.0.113.7') => t.app.inject({ method: 'POST', url, payload: credentials(), remoteAddress: ip });

function expectRateHeaders(headers: Record<string, unknown>, remaining: number): void {
  expect(headers['x-ratelimit-limit']).toBe(String(LIMIT));
  expect(headers['x-ratelimit-remaining']).toBe(String(remaining));
  // A Unix time on every surface, like the Twin spec's `X-RateLimit-Reset: 1701634800`: within the next minute.
  const reset = Number(headers['x-ratelimit-reset']);
  const nowSeconds = t.clock.now().getTime() / 1000;
  expect(reset).toBeGreaterThan(nowSeconds);
  expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds) + 60);
  expect(headers['ratelimit-policy']).toBe(`"auth";q=${LIMIT};w=60`);
  expect(headers.ratelimit).toBe(`"auth";r=${remaining};t=${reset - Math.floor(nowSeconds)}`);
}

describe.each([
  {
    name: 'Clarity',
    url: '/api/v1/auth/login',
    contentType: /^application\/problem\+json/,
    check: (body: Record<string, unknown>) =>
      expect(body).toMatchObject({ type: 'rate_limit_exceeded', status: 429, title: 'Too Many Requests' }),
  },
  {
    name: 'Twin',
    url: '/v1/auth/login',
    contentType: /^application\/json/,
    check: (body: Record<string, unknown>) =>
      expect(body).toMatchObject({ error: { code: 'RATE_LIMIT_EXCEEDED', request_id: expect.any(String) } }),
  },
])('$name login', ({ url, contentType, check }) => {
  it(`allows ${LIMIT} attempts a minute, then answers 429 in the surface format`, async () => {
    const first = await login(url);
    expect(first.statusCode).toBe(401);
    expectRateHeaders(first.headers, 1);
    const second = await login(url);
    expect(second.statusCode).toBe(401);
    expectRateHeaders(second.headers, 0);
    const third = await login(url);
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toMatch(contentType);
    expectRateHeaders(third.headers, 0);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.headers['x-request-id']).toMatch(/\S/);
    check(third.json());
  });

  it('counts per client address', async () => {
    const other = await login(url, '198.51.100.23');
    expect(other.statusCode).toBe(401);
    expectRateHeaders(other.headers, 1);
  });
});

describe('limits apply only where configured', () => {
  it('does not limit /health', async () => {
    for (let i = 0; i < LIMIT + 3; i++) {
      const response = await t.app.inject({ url: '/health', remoteAddress: '203.0.113.7' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});
