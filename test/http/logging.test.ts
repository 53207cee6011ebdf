import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SECRET } from '../helpers/test-config.js';
import { STRONG_PASSWORD, bearer, uniqueEmail } from '../helpers/users.js';

/**
 * Logs must say what happened to which route, never with whose data: drive the flows that handle
 * credentials and health data, then search every line written for the values that went through them.
 */

const WEIGHT = 83.71;
const HEIGHT = 181.3;
const QUERY_SECRET = 'qs-secret-5f1c9e';
const THROWN_SECRET = 'thrown-with-patient-jane.doe@example.test';

const failingRoute: FastifyPluginAsync = async (app) => {
  app.get('/probe/fail', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } }, config: { auth: false } }, async () => {
    throw new Error('bug while handling the request');
  });
};

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method?: string; path?: string };
  res?: { statusCode?: number };
  route?: string;
  responseTime?: number;
}

let t: TestApp;
let email: string;
let secrets: string[];
let lines: LogLine[];

beforeAll(async () => {
  t = await createTestApp({ logLevel: 'info', extensions: { twin: failingRoute } });
  email = uniqueEmail('logcheck');
  const register = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: STRONG_PASSWORD, first_name: 'Jane', terms_accepted: true, privacy_policy_accepted: true },
  });
  expect(register.statusCode).toBeLessThan(300);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: STRONG_PASSWORD } });
  expect(login.statusCode).toBe(200);
  const tokens = login.json<{ access_token: string; refresh_token: string }>();
  const failedLogin = await t.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: 'wrong password entirely' },
  });
  expect(failedLogin.statusCode).toBe(401);
  const patch = await t.app.inject({
    method: 'PATCH',
    url: '/v1/users/me',
    headers: bearer(tokens.access_token),
    payload: { height_cm: HEIGHT, weight_kg: WEIGHT, phone: '+15555550123' },
  });
  expect(patch.statusCode).toBe(200);
  const badPatch = await t.app.inject({
    method: 'PATCH',
    url: '/v1/users/me',
    headers: bearer(tokens.access_token),
    payload: { weight_kg: 9999.25 },
  });
  expect(badPatch.statusCode).toBe(422);
  const refresh = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refresh_token: tokens.refresh_token } });
  expect(refresh.statusCode).toBe(200);
  expect((await t.app.inject({ url: '/v1/probe/fail' })).statusCode).toBe(500);
  expect((await t.app.inject({ url: `/v1/users/me?token=${QUERY_SECRET}`, headers: bearer(tokens.access_token) })).statusCode).toBe(200);
  expect((await t.app.inject({ url: `/v1/no-such-route?token=${QUERY_SECRET}&email=${encodeURIComponent(email)}` })).statusCode).toBe(404);
  expect((await t.app.inject({ url: `/api/v1/%zz?token=${QUERY_SECRET}` })).statusCode).toBe(400);
  secrets = [
    STRONG_PASSWORD,
    'wrong password entirely',
    email,
    tokens.access_token,
    tokens.refresh_token,
    refresh.json<{ access_token: string }>().access_token,
    String(WEIGHT),
    String(HEIGHT),
    '9999.25',
    '+15555550123',
    QUERY_SECRET,
    TEST_SECRET,
  ];
  lines = t.logs.map((l) => JSON.parse(l) as LogLine);
});
afterAll(async () => t?.close());

describe('logs', () => {
  it('were written (the flows above produced request lines)', () => {
    expect(lines.length).toBeGreaterThan(10);
  });

  it('contain no password, email, token, health value, query secret or SECRET_KEY', () => {
    const all = t.logs.join('\n');
    for (const secret of secrets) expect(all, `logs leak ${secret.slice(0, 12)}…`).not.toContain(secret);
    // Token fragments too: a JWT's signature part alone identifies the token.
    for (const token of [secrets[3]!, secrets[4]!]) expect(all).not.toContain(token.slice(-20));
  });

  it('are one JSON object per line with level, time and message', () => {
    for (const raw of t.logs) {
      const line = JSON.parse(raw) as LogLine & { time: number };
      expect(typeof line.level).toBe('number');
      expect(typeof line.time).toBe('number');
      expect(typeof line.msg).toBe('string');
    }
  });

  it('have one completion line per request with id, method, path, route, status and duration', () => {
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed.length).toBeGreaterThanOrEqual(10); // one per request made above
    for (const line of completed) {
      expect(line.reqId).toMatch(/\S/);
      expect(line.req?.method).toMatch(/^[A-Z]+$/);
      expect(line.req?.path).toMatch(/^\//);
      expect(line.req?.path).not.toContain('?');
      expect(typeof line.res?.statusCode).toBe('number');
      expect(typeof line.responseTime).toBe('number');
    }
    expect(completed).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ method: 'PATCH', path: '/v1/users/me' }),
        res: { statusCode: 200 },
        route: '/v1/users/me',
      }),
    );
    expect(completed).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ method: 'POST', path: '/v1/auth/login' }), res: { statusCode: 401 } }),
    );
    expect(completed).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ path: '/v1/no-such-route' }),
        res: { statusCode: 404 },
        route: 'unmatched',
      }),
    );
    expect(completed).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ path: '/api/v1/%zz' }), res: { statusCode: 400 }, route: 'unmatched' }),
    );
  });

  it('do not write Fastify\'s separate "incoming request" lines', () => {
    expect(lines.filter((l) => l.msg === 'incoming request')).toEqual([]);
  });

  it('record a 500 at error level with the error type and stack, keyed by request id', () => {
    const failure = lines.find((l) => l.msg === 'request failed');
    expect(failure).toBeDefined();
    expect(failure!.level).toBe(50);
    expect(failure).toMatchObject({
      err: { type: 'Error', message: 'bug while handling the request', stack: expect.stringContaining('Error') },
    });
    const completion = lines.find((l) => l.msg === 'request completed' && l.reqId === failure!.reqId);
    expect(completion?.res?.statusCode).toBe(500);
  });
});

describe('logger redaction', () => {
  it('censors secret-bearing keys a developer logs by mistake', async () => {
    const app = await createTestApp({ logLevel: 'info' });
    try {
      app.app.log.info(
        {
          password: 'p4ss-leak',
          email: 'leak@example.test',
          user: { email: 'nested@example.test', refresh_token: 'rt-leak' },
          SECRET_KEY: 'sk-leak',
          headers: { authorization: 'Bearer abc-leak' },
        },
        'oops',
      );
      app.app.log.error(
        { err: Object.assign(new Error('driver failure'), { detail: `Key (email)=(${THROWN_SECRET})`, code: '23505' }) },
        'db error',
      );
      const all = app.logs.join('\n');
      for (const leak of ['p4ss-leak', 'leak@example.test', 'nested@example.test', 'rt-leak', 'sk-leak', 'abc-leak', THROWN_SECRET])
        expect(all).not.toContain(leak);
      expect(all).toContain('[redacted]');
      expect(all).toContain('"error_code":"23505"');
    } finally {
      await app.close();
    }
  });
});
