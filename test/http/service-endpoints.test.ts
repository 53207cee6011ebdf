import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser } from '../helpers/users.js';

/** Fastify and its plugins report deprecations through process warnings; collected from before the first app is built. */
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

let t: TestApp;
beforeAll(async () => {
  process.on('warning', onWarning);
  t = await createTestApp();
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
});
afterAll(async () => {
  process.off('warning', onWarning);
  await t?.close();
});

/** A real database whose ping fails the way a dead or hung server would. */
function withPing(ping: () => Promise<void>): Database {
  const real = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
  return { db: real.db, dialect: real.dialect, description: real.description, ping, close: () => real.close() };
}

describe('start-up', () => {
  it('emits no deprecation or other process warnings', () => {
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});

describe('GET /', () => {
  it('describes the service and where the surfaces and docs are', async () => {
    const response = await t.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      service: 'Homeostat',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      status: 'operational',
      surfaces: { clarity: '/api/v1', twin: '/v1', mhras: '/' },
      docs: { swagger_ui: '/docs', redoc: '/redoc', openapi: '/openapi.json' },
    });
  });
});

describe('GET /health', () => {
  it('needs no token and reports the database reachable', async () => {
    const response = await t.app.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'healthy',
      database: { dialect: 'sqlite', reachable: true },
      version: expect.any(String),
    });
    expect(typeof response.json<{ timestamp: number }>().timestamp).toBe('number');
  });

  it('is 503 unhealthy when the database ping fails', async () => {
    const app = await createTestApp({ database: withPing(() => Promise.reject(new Error('connection refused'))) });
    try {
      const response = await app.app.inject({ url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unhealthy', database: { reachable: false } });
      expect(response.body).not.toContain('connection refused');
    } finally {
      await app.close();
    }
  });

  it('answers 503 within 100 ms when the database hangs', async () => {
    const app = await createTestApp({ database: withPing(() => new Promise<void>(() => {})) });
    try {
      await app.app.inject({ url: '/health' }); // warm up the route's first-call compilation
      const started = performance.now();
      const response = await app.app.inject({ url: '/health' });
      const elapsed = performance.now() - started;
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unhealthy', database: { reachable: false } });
      expect(elapsed).toBeLessThan(100);
    } finally {
      await app.close();
    }
  });
});

describe('GET /metrics', () => {
  const scrape = async (): Promise<string> => {
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.body;
  };

  it('counts requests by route template, method and status', async () => {
    const user = await createUser(t.app);
    await t.app.inject({ url: '/v1/users/me', headers: bearer(user.accessToken) });
    await t.app.inject({ url: '/v1/users/me' });
    const text = await scrape();
    expect(text).toMatch(/^http_requests_total\{route="\/v1\/users\/me",method="GET",status="200"\} [1-9]/m);
    expect(text).toMatch(/^http_requests_total\{route="\/v1\/users\/me",method="GET",status="401"\} [1-9]/m);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="[^"]+",route="\/v1\/users\/me",method="GET",status="200"\} [1-9]/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{route="\/v1\/users\/me",method="GET",status="200"\} [1-9]/m);
    expect(text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
  });

  it('labels unknown URLs "unmatched", never with the raw URL', async () => {
    const marker = `zz-unknown-${Date.now()}`;
    await t.app.inject({ url: `/${marker}` });
    await t.app.inject({ url: `/api/v1/${marker}?token=secret` });
    await t.app.inject({ url: `/v1/${marker}/42` });
    const text = await scrape();
    expect(text).not.toContain(marker);
    expect(text).toMatch(/^http_requests_total\{route="unmatched",method="GET",status="404"\} ([3-9]|\d\d+)/m);
  });

  it('uses the template for routes with parameters', async () => {
    const text = await scrape();
    for (const line of text.split('\n').filter((l) => l.startsWith('http_requests_total{'))) {
      const route = /route="([^"]*)"/.exec(line)?.[1] ?? '';
      expect(route === 'unmatched' || route.startsWith('/') || route === '*', line).toBe(true);
      expect(route, line).not.toMatch(/\?|[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });

  it('includes process metrics', async () => {
    expect(await scrape()).toMatch(/^homeostat_process_cpu_user_seconds_total /m);
  });
});

describe('API documentation', () => {
  it('GET /docs serves the Swagger UI page and its assets locally', async () => {
    const page = await t.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>Swagger UI</title>');
    const script = await t.app.inject({ url: '/docs/static/swagger-ui-bundle.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body.length).toBeGreaterThan(100_000);
    const initializer = await t.app.inject({ url: '/docs/json' });
    expect(initializer.statusCode).toBe(200);
    expect(initializer.json<{ openapi: string }>().openapi).toBe('3.1.0');
  });

  it('GET /redoc serves an HTML page that loads /openapi.json', async () => {
    const response = await t.app.inject({ url: '/redoc' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<redoc spec-url="\/openapi\.json"><\/redoc>/);
    expect(response.body).toMatch(/<script src="https:\/\/[^"]+redoc[^"]*\.js"><\/script>/);
    expect(response.headers['content-security-policy']).toContain(new URL(t.config.REDOC_SCRIPT_URL).origin);
  });

  it('GET /openapi.json serves the OpenAPI document as JSON', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Homeostat API' } });
  });
});
