import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Per-route deadlines answered as 504 in the surface's format; what the handler does after its deadline
 * (return, throw, reply.send) must not crash anything or reach the client.
 */

const DEADLINE_MS = 40;
const LATE_MS = 150;
const Ok = Type.Object({ ok: Type.Boolean() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolved when a slow handler has finished, so tests can wait for the late result to be dropped. */
const finished = new Map<string, () => void>();
const handlerDone = (key: string) => new Promise<void>((resolve) => finished.set(key, resolve));
const sawAbort: string[] = [];

const slowRoutes: FastifyPluginAsync = async (app) => {
  const config = { auth: false as const, timeoutMs: DEADLINE_MS };
  app.get('/slow/return', { schema: { response: { 200: Ok } }, config }, async (request) => {
    request.deadline.addEventListener('abort', () => sawAbort.push(request.url));
    await sleep(LATE_MS);
    finished.get(request.url)?.();
    return { ok: true };
  });
  app.get('/slow/throw', { schema: { response: { 200: Ok } }, config }, async (request) => {
    await sleep(LATE_MS);
    finished.get(request.url)?.();
    throw new Error('late failure');
  });
  app.get('/slow/send', { schema: { response: { 200: Ok } }, config }, async (request, reply) => {
    await sleep(LATE_MS);
    finished.get(request.url)?.();
    return reply.code(200).send({ ok: true });
  });
  app.get('/slow/default', { schema: { response: { 200: Ok } }, config: { auth: false } }, async () => {
    await sleep(LATE_MS);
    return { ok: true };
  });
  app.get('/fast', { schema: { response: { 200: Ok } }, config }, async () => ({ ok: true }));
};

const surfaces = [
  {
    name: 'Clarity',
    prefix: '/api/v1',
    check: (b: Record<string, unknown>) => expect(b).toMatchObject({ type: 'timeout', status: 504 }),
    contentType: /^application\/problem\+json/,
  },
  {
    name: 'Twin',
    prefix: '/v1',
    check: (b: Record<string, unknown>) => expect(b).toMatchObject({ error: { code: 'TIMEOUT', request_id: expect.any(String) } }),
    contentType: /^application\/json/,
  },
  {
    name: 'MHRAS',
    prefix: '',
    check: (b: Record<string, unknown>) => expect(b).toMatchObject({ error: 'TimeoutError', details: { request_id: expect.any(String) } }),
    contentType: /^application\/json/,
  },
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

let t: TestApp;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await createTestApp({
    logLevel: 'info',
    env: { REQUEST_TIMEOUT_MS: '60', MHRAS_TIMEOUT_MS: '70' },
    extensions: { clarity: slowRoutes, twin: slowRoutes, mhras: slowRoutes },
  });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t?.close();
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});

describe.each(surfaces)('$name deadlines', ({ prefix, check, contentType }) => {
  it('answers 504 in the surface format when the route deadline passes', async () => {
    const url = `${prefix}/slow/return`;
    const done = handlerDone(url);
    const started = performance.now();
    const response = await t.app.inject({ url });
    expect(performance.now() - started).toBeLessThan(LATE_MS);
    expect(response.statusCode).toBe(504);
    expect(response.headers['content-type']).toMatch(contentType);
    expect(response.headers['x-response-time']).toMatch(/^\d+\.\d{4}$/);
    check(response.json());
    expect(response.body).toContain('0.04'); // the limit, in seconds
    await done;
    expect(sawAbort).toContain(url);
  });

  it.each(['return', 'throw', 'send'])('drops a late %s without crashing or a second answer', async (kind) => {
    const url = `${prefix}/slow/${kind}`;
    const done = handlerDone(url);
    const response = await t.app.inject({ url });
    expect(response.statusCode).toBe(504);
    await done;
    await sleep(20);
    const next = await t.app.inject({ url: `${prefix}/fast` });
    expect(next.statusCode).toBe(200);
    const id = response.headers['x-request-id'] as string;
    const lines = t.logs.filter((l) => l.includes(`"reqId":"${id}"`) && l.includes('request completed'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"statusCode":504');
    if (kind !== 'send') expect(t.logs.join('\n')).not.toMatch(new RegExp(`already sent.*${url.replace(/\//g, '\\/')}`));
  });

  it('uses the surface default when the route sets none', async () => {
    const response = await t.app.inject({ url: `${prefix}/slow/default` });
    expect(response.statusCode).toBe(504);
    expect(response.body).toContain(prefix.startsWith('/') ? '0.06' : '0.07');
  });

  it('leaves fast routes alone', async () => {
    const response = await t.app.inject({ url: `${prefix}/fast` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true });
  });
});

describe('MHRAS timeout details', () => {
  it('reports elapsed_time and timeout_limit in seconds as the spec shows', async () => {
    const response = await t.app.inject({ url: '/slow/default' });
    const details = response.json<{ details: { elapsed_time: number; timeout_limit: number } }>().details;
    expect(details.timeout_limit).toBe(0.07);
    expect(details.elapsed_time).toBeGreaterThanOrEqual(0.07);
    expect(details.elapsed_time).toBeLessThan(1);
  });
});
