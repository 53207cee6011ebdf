import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicConfig } from '../../src/surfaces/clarity/public-config.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SECRET, testConfig } from '../helpers/test-config.js';

/** Clarity /api/v1/debug/*: development only, and never a secret even there. */

const DB_PASSWORD = 'pg-Pa55word-8c1e';
const DB_QUERY_PASSWORD = 'pg-query-pw-77aa';
const SMTP_PASSWORD = 'smtp-Pa55-0d9f';
const DEBUG_PATHS = ['/api/v1/debug/config', '/api/v1/debug/auth-info', '/api/v1/debug/health'];

describe('in development', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ENVIRONMENT: 'development',
        DATABASE_URL: `postgres://homeostat:${DB_PASSWORD}@db.internal:5432/homeostat?sslmode=require&password=${DB_QUERY_PASSWORD}`,
        SMTP_URL: `smtps://mailer:${SMTP_PASSWORD}@smtp.example.test:465`,
      },
    });
  });
  afterAll(async () => t?.close());

  it.each(DEBUG_PATHS)('%s answers without a token', async (path) => {
    const response = await t.app.inject({ url: path });
    expect(response.statusCode).toBe(200);
  });

  it('/config shows the settings but no secret', async () => {
    const response = await t.app.inject({ url: '/api/v1/debug/config' });
    const config = response.json<Record<string, unknown>>();
    expect(config).toMatchObject({ ENVIRONMENT: 'development', PORT: 8000, LOG_LEVEL: 'silent', SECRET_KEY: '[set]' });
    for (const secret of [TEST_SECRET, DB_PASSWORD, DB_QUERY_PASSWORD, SMTP_PASSWORD]) expect(response.body).not.toContain(secret);
    // The rest of each URL stays, so the page still tells you where things point.
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/db\.internal:5432\/homeostat\?/);
    expect(config.DATABASE_URL).toContain('sslmode=require');
    expect(config.SMTP_URL).toBe('smtps://smtp.example.test:465');
    expect(response.body).not.toContain('homeostat:');
    expect(response.body).not.toContain('mailer:');
  });

  it('/auth-info describes token settings without the key', async () => {
    const response = await t.app.inject({ url: '/api/v1/debug/auth-info' });
    expect(response.json()).toMatchObject({
      local: { algorithm: 'HS256', access_token_ttl_seconds: 3600 },
      oidc: null,
      lockout: { threshold: 5, minutes: 15 },
    });
    expect(response.body).not.toContain(TEST_SECRET);
  });

  it('/health reports the database', async () => {
    const response = await t.app.inject({ url: '/api/v1/debug/health' });
    expect(response.json()).toMatchObject({ status: 'healthy', database: { reachable: true } });
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(DEBUG_PATHS));
  });
});

describe.each(['testing', 'production'])('in %s', (environment) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ENVIRONMENT: environment } });
  });
  afterAll(async () => t?.close());

  it.each(DEBUG_PATHS)('%s is a Clarity 404', async (path) => {
    const response = await t.app.inject({ url: path });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'not_found', status: 404 });
  });

  it('is absent from OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/debug'))).toEqual([]);
  });
});

describe('publicConfig', () => {
  it('masks settings by name, so secrets added later are covered too', () => {
    const config = {
      ...testConfig(),
      S3_SECRET_ACCESS_KEY: 's3-secret',
      WEBHOOK_TOKEN: 'wh-token',
      SMTP_PASSWORD: '',
      ACCESS_TOKEN_TTL_SECONDS: 3600,
    };
    const view = publicConfig(config);
    expect(view).toMatchObject({
      SECRET_KEY: '[set]',
      S3_SECRET_ACCESS_KEY: '[set]',
      WEBHOOK_TOKEN: '[set]',
      SMTP_PASSWORD: null,
      ACCESS_TOKEN_TTL_SECONDS: 3600,
    });
    expect(JSON.stringify(view)).not.toMatch(/s3-secret|wh-token/);
  });

  it('strips credentials from every *_URL, including credential query parameters', () => {
    const view = publicConfig({
      ...testConfig(),
      DATABASE_URL: 'postgres://u:p1@h/db?password=p2&sslkey=k&application_name=x',
      REDIS_URL: 'redis://:r3@cache:6379/0',
    } as never);
    expect(view.DATABASE_URL).toBe('postgres://h/db?password=%5Bredacted%5D&sslkey=%5Bredacted%5D&application_name=x');
    expect(view.REDIS_URL).toBe('redis://cache:6379/0');
  });

  it('shows an unparseable URL only as set', () => {
    expect(publicConfig({ ...testConfig(), DATABASE_URL: 'sqlite:' } as never).DATABASE_URL).toBe('sqlite:');
    expect(publicConfig({ ...testConfig(), SMTP_URL: 'not a url with pw' } as never).SMTP_URL).toBe('[set]');
  });
});
