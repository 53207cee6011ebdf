import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/index.js';
import { SECURITY_HEADERS } from '../../src/platform/http/request-context.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser } from '../helpers/users.js';

/** One request per kind of answer: success and errors in each surface, docs, and an unroutable URL. */
const SAMPLE_REQUESTS = [
  { name: 'service info', url: '/' },
  { name: 'health', url: '/health' },
  { name: 'Clarity success', url: '/api/v1/test/hello' },
  { name: 'Clarity 401', url: '/api/v1/test/protected' },
  { name: 'Clarity 404', url: '/api/v1/no-such-thing' },
  { name: 'Clarity 500', url: '/api/v1/test/error' },
  { name: 'Twin 401', url: '/v1/users/me' },
  { name: 'Twin 404', url: '/v1/no-such-thing' },
  { name: 'MHRAS 404', url: '/no-such-thing' },
  { name: 'bad URL', url: '/v1/%zz' },
  { name: 'OpenAPI', url: '/openapi.json' },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('X-Request-ID', () => {
  it.each(['abc-123', 'req_ABCdef0123456789', 'trace.4f2a:span-9', 'a'.repeat(128)])('echoes a sane incoming id %s', async (id) => {
    const response = await t.app.inject({ url: '/health', headers: { 'x-request-id': id } });
    expect(response.headers['x-request-id']).toBe(id);
  });

  it.each([
    ['too long', 'a'.repeat(200)],
    ['with spaces', 'abc def'],
    ['with quotes', 'abc"def'],
    ['with a single quote', "abc'def"],
    ['with angle brackets', '<script>'],
    ['empty', ''],
    ['with a semicolon', 'a;b'],
  ])('replaces an id %s with a generated req_ id', async (_label, id) => {
    const response = await t.app.inject({ url: '/health', headers: { 'x-request-id': id } });
    const assigned = response.headers['x-request-id'] as string;
    expect(assigned).not.toBe(id);
    expect(assigned).toMatch(/^req_[A-Za-z0-9_-]{8,}$/);
  });

  it('generates a different id for each request without one', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await t.app.inject({ url: '/health' })).headers['x-request-id'] as string);
    expect(ids.size).toBe(5);
  });

  it('is the id the error body reports', async () => {
    const response = await t.app.inject({ url: '/v1/users/me', headers: { 'x-request-id': 'client-trace-7' } });
    expect(response.json<{ error: { request_id: string } }>().error.request_id).toBe('client-trace-7');
  });
});

describe.each(SAMPLE_REQUESTS)('headers on $name', ({ url }) => {
  it('has X-Response-Time in seconds and the five security headers', async () => {
    const response = await t.app.inject({ url });
    expect(response.headers['x-response-time']).toMatch(/^\d+\.\d{4}$/);
    expect(Number(response.headers['x-response-time'])).toBeLessThan(5);
    expect(response.headers['x-request-id']).toMatch(/\S+/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (name === 'Content-Security-Policy' && url.startsWith('/docs')) continue;
      expect(response.headers[name.toLowerCase()], name).toBe(value);
    }
  });
});

describe('security headers', () => {
  it('are the five the MHRAS spec lists', () => {
    expect(SECURITY_HEADERS).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'X-XSS-Protection': '1; mode=block',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'Content-Security-Policy': "default-src 'self'",
    });
  });

  it('are sent on authenticated Twin responses too', async () => {
    const user = await createUser(t.app);
    const response = await t.app.inject({ url: '/v1/users/me', headers: bearer(user.accessToken) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('the docs pages keep nosniff and DENY but get a CSP that lets them load', async () => {
    const response = await t.app.inject({ url: '/docs' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'self'; /);
  });
});

describe.each([
  ['JSON array', '["https://app.example.com", "http://localhost:3000"]'],
  ['comma-separated list', 'https://app.example.com, http://localhost:3000'],
])('CORS from CORS_ORIGINS as a %s', (_form, value) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { CORS_ORIGINS: value } });
  });
  afterAll(async () => app?.close());

  it.each(['https://app.example.com', 'http://localhost:3000'])('allows %s', async (origin) => {
    const response = await app.app.inject({ url: '/health', headers: { origin } });
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toMatch(/X-Request-ID/);
  });

  it.each(['https://evil.example.com', 'https://app.example.com.evil.test', 'http://app.example.com'])(
    'does not allow %s',
    async (origin) => {
      const response = await app.app.inject({ url: '/health', headers: { origin } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it('answers a preflight for PATCH with an Authorization header', async () => {
    const response = await app.app.inject({
      method: 'OPTIONS',
      url: '/v1/users/me',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(response.headers['access-control-allow-methods'])).toMatch(/PATCH/);
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toMatch(/authorization/);
  });

  it('puts CORS headers on error answers too (a browser must be able to read them)', async () => {
    const response = await app.app.inject({ url: '/api/v1/test/protected', headers: { origin: 'http://localhost:3000' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });
});

describe('CORS_ORIGINS=*', () => {
  it('allows any origin, without credentials (browsers refuse * with credentials)', async () => {
    const app = await createTestApp({ env: { CORS_ORIGINS: '*' } });
    try {
      const response = await app.app.inject({ url: '/health', headers: { origin: 'https://anything.example' } });
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('CORS off by default', () => {
  it('sends no Access-Control-Allow-Origin when CORS_ORIGINS is empty', async () => {
    const response = await t.app.inject({ url: '/health', headers: { origin: 'https://app.example.com' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a bad CORS_ORIGINS stops start-up', () => {
  it.each([
    ['broken JSON', '["https://a.example",'],
    ['a JSON array of numbers', '[1, 2]'],
    ['a JSON object', '{"origin": "https://a.example"}'],
    ['a bare word', 'localhost'],
    ['an origin with a path', 'https://a.example/app'],
    ['a non-http scheme', 'ftp://a.example'],
    ['one bad entry among good ones', 'https://a.example, not an origin'],
  ])('%s is a ConfigError naming CORS_ORIGINS', (_label, value) => {
    let caught: unknown;
    try {
      parseConfig({ CORS_ORIGINS: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(/^ {2}CORS_ORIGINS: /m);
  });

  it('the app never starts with one', async () => {
    await expect(createTestApp({ env: { CORS_ORIGINS: 'https://a.example/path' } })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
