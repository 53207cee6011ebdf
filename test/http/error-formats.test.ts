import type { FastifyPluginAsync } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/**
 * Every error a surface can give, in that surface's own format (DESIGN.md table): Clarity RFC 7807,
 * Twin `{error:{code,message,details,request_id}}`, MHRAS `{error,message,details,timestamp}`.
 * 429 is in rate-limit.test.ts and 504 in timeouts.test.ts.
 */

const INTERNAL_SECRET = 'db password is hunter2 at 10.0.0.7';
const Ok = Type.Object({ ok: Type.Boolean() });
const Screening = Type.Object({
  anonymized_id: Type.String({ minLength: 1 }),
  survey_data: Type.Object({ phq9_score: Type.Integer({ minimum: 0, maximum: 27 }) }),
});

/**
 * One schema object used by a route in every surface: each surface must still answer in its own format
 * (the route contract once wrote the first surface's error schemas into the shared object).
 */
const SHARED_SCHEMA = { response: { 200: Ok } };

/** Routes mounted INSIDE each surface, so its error format, auth and deadlines apply. */
const probeRoutes: FastifyPluginAsync = async (app) => {
  app.post('/probe/screen', { schema: { body: Screening, response: { 200: Ok } }, config: { auth: false } }, async () => ({ ok: true }));
  app.get(
    '/probe/list',
    {
      schema: { querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000 }) }), response: { 200: Ok } },
      config: { auth: false },
    },
    async () => ({ ok: true }),
  );
  app.get('/probe/admin', { schema: { response: { 200: Ok } }, config: { auth: { roles: ['admin'] } } }, async () => ({ ok: true }));
  app.get('/probe/boom', { schema: SHARED_SCHEMA, config: { auth: false } }, async () => {
    throw new Error(INTERNAL_SECRET);
  });
};

interface SurfaceCase {
  name: string;
  prefix: string;
  /** The error's machine name in this surface's format (problem `type`, Twin `code`, MHRAS `error`). */
  errorName(response: LightMyRequestResponse): string;
  message(response: LightMyRequestResponse): string;
  requestId(response: LightMyRequestResponse): string | undefined;
  contentType: RegExp;
  names: Record<'validation' | 'badJson' | 'unauthorized' | 'forbidden' | 'notFound' | 'tooLarge' | 'mediaType' | 'internal', string>;
  validationStatus: number;
  /** The bad fields a validation error names. */
  fields(response: LightMyRequestResponse): string[];
}

type Json = Record<string, unknown> & { error?: unknown; details?: Record<string, unknown> };
const body = (r: LightMyRequestResponse): Json => r.json<Json>();
const twinError = (r: LightMyRequestResponse) =>
  body(r).error as { code: string; message: string; details: Record<string, unknown>; request_id: string };

const clarity: SurfaceCase = {
  name: 'Clarity',
  prefix: '/api/v1',
  errorName: (r) => body(r).type as string,
  message: (r) => body(r).detail as string,
  requestId: (r) => body(r).request_id as string,
  contentType: /^application\/problem\+json/,
  names: {
    validation: 'validation_error',
    badJson: 'bad_request',
    unauthorized: 'authentication_required',
    forbidden: 'forbidden',
    notFound: 'not_found',
    tooLarge: 'payload_too_large',
    mediaType: 'unsupported_media_type',
    internal: 'internal_error',
  },
  validationStatus: 422,
  fields: (r) => (body(r).errors as { field: string }[]).map((e) => e.field),
};

const twin: SurfaceCase = {
  name: 'Twin',
  prefix: '/v1',
  errorName: (r) => twinError(r).code,
  message: (r) => twinError(r).message,
  requestId: (r) => twinError(r).request_id,
  contentType: /^application\/json/,
  names: {
    validation: 'VALIDATION_ERROR',
    badJson: 'INVALID_REQUEST',
    unauthorized: 'UNAUTHORIZED',
    forbidden: 'FORBIDDEN',
    notFound: 'NOT_FOUND',
    tooLarge: 'PAYLOAD_TOO_LARGE',
    mediaType: 'UNSUPPORTED_MEDIA_TYPE',
    internal: 'INTERNAL_ERROR',
  },
  validationStatus: 422,
  fields: (r) => (twinError(r).details.fields as { field: string }[]).map((e) => e.field),
};

const mhras: SurfaceCase = {
  name: 'MHRAS',
  prefix: '',
  errorName: (r) => body(r).error as string,
  message: (r) => body(r).message as string,
  requestId: (r) => body(r).details?.request_id as string | undefined,
  contentType: /^application\/json/,
  names: {
    validation: 'ValidationError',
    badJson: 'ValidationError',
    unauthorized: 'AuthenticationError',
    forbidden: 'AuthorizationError',
    notFound: 'NotFoundError',
    tooLarge: 'PayloadTooLargeError',
    mediaType: 'UnsupportedMediaTypeError',
    internal: 'ProcessingError',
  },
  validationStatus: 400,
  fields: (r) => (body(r).details?.validation_errors as { field: string }[]).map((e) => e.field),
};

let t: TestApp;
let patient: TestUser;

beforeAll(async () => {
  t = await createTestApp({
    env: { BODY_LIMIT_BYTES: '2048' },
    extensions: { clarity: probeRoutes, twin: probeRoutes, mhras: probeRoutes },
  });
  patient = await createUser(t.app);
});
afterAll(async () => t?.close());

describe.each([clarity, twin, mhras])('$name errors', (surface) => {
  const url = (path: string) => `${surface.prefix}${path}`;

  /** Checks the envelope every error of this surface shares, and returns the response for more checks. */
  function expectError(response: LightMyRequestResponse, status: number, name: string): LightMyRequestResponse {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(surface.contentType);
    expect(surface.errorName(response)).toBe(name);
    expect(typeof surface.message(response)).toBe('string');
    expect(surface.requestId(response) ?? response.headers['x-request-id']).toBe(response.headers['x-request-id']);
    if (surface === clarity) expect(body(response)).toMatchObject({ status, title: expect.any(String), instance: expect.any(String) });
    if (surface === mhras) expect(Date.parse(body(response).timestamp as string)).not.toBeNaN();
    return response;
  }

  it('names every bad body field in a validation error', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: url('/probe/screen'),
      payload: { anonymized_id: '', survey_data: { phq9_score: 35 } },
    });
    expectError(response, surface.validationStatus, surface.names.validation);
    expect(surface.fields(response).sort()).toEqual(['anonymized_id', 'survey_data.phq9_score']);
  });

  it('names a missing required field', async () => {
    const response = await t.app.inject({ method: 'POST', url: url('/probe/screen'), payload: { survey_data: { phq9_score: 3 } } });
    expectError(response, surface.validationStatus, surface.names.validation);
    expect(surface.fields(response)).toEqual(['anonymized_id']);
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: url('/probe/screen'),
      headers: { 'content-type': 'application/json' },
      payload: '{"anonymized_id": ',
    });
    expectError(response, 400, surface.names.badJson);
    expect(surface.message(response)).toMatch(/not valid JSON/);
  });

  it('answers a missing token with 401 and WWW-Authenticate', async () => {
    const response = await t.app.inject({ url: url('/probe/admin') });
    expectError(response, 401, surface.names.unauthorized);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers a garbage token with 401', async () => {
    const response = await t.app.inject({ url: url('/probe/admin'), headers: bearer('not.a.jwt') });
    expectError(response, 401, surface.names.unauthorized);
  });

  it('answers a role the route does not allow with 403', async () => {
    const response = await t.app.inject({ url: url('/probe/admin'), headers: bearer(patient.accessToken) });
    expectError(response, 403, surface.names.forbidden);
  });

  it('answers an unknown route under its prefix with 404', async () => {
    const response = await t.app.inject({ url: url('/no/such/route?x=1') });
    expectError(response, 404, surface.names.notFound);
  });

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const payload = JSON.stringify({ anonymized_id: 'x'.repeat(4096), survey_data: { phq9_score: 1 } });
    const response = await t.app.inject({
      method: 'POST',
      url: url('/probe/screen'),
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expectError(response, 413, surface.names.tooLarge);
  });

  it('answers a text/plain body to a JSON route with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: url('/probe/screen'),
      headers: { 'content-type': 'text/plain' },
      payload: 'anonymized_id=x',
    });
    expectError(response, 415, surface.names.mediaType);
  });

  it('hides the internal message of a 500 and shows the request id', async () => {
    const response = await t.app.inject({ url: url('/probe/boom'), headers: { 'x-request-id': `trace-${surface.name}-500` } });
    expectError(response, 500, surface.names.internal);
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain(INTERNAL_SECRET);
    expect(response.body).toContain(`trace-${surface.name}-500`);
    expect(surface.message(response)).toBe('An internal error occurred');
  });

  it('answers a URL the router cannot decode in its format', async () => {
    const response = await t.app.inject({ url: url('/%zz') });
    expectError(response, 400, surface.names.badJson);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('surface-specific error details', () => {
  it('Clarity: errors[] entries carry field, message and code', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/probe/screen', payload: { anonymized_id: 7, survey_data: {} } });
    expect(response.statusCode).toBe(422);
    const errors = body(response).errors as { field: string; message: string; code: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'anonymized_id', message: expect.any(String), code: 'TYPE' },
        { field: 'survey_data.phq9_score', message: 'is required', code: 'MISSING' },
      ]),
    );
  });

  it('Clarity: /test/error is a 500 problem without the thrown message', async () => {
    const response = await t.app.inject({ url: '/api/v1/test/error' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toContain('Deliberate');
    expect(body(response).request_id).toBe(response.headers['x-request-id']);
  });

  it('Twin: a bad query parameter is 400 INVALID_REQUEST naming it in details.parameter', async () => {
    const response = await t.app.inject({ url: '/v1/probe/list?limit=lots' });
    expect(response.statusCode).toBe(400);
    expect(twinError(response)).toMatchObject({ code: 'INVALID_REQUEST', details: { parameter: 'limit' } });
  });

  it('Twin: a missing query parameter is 400 INVALID_REQUEST naming it', async () => {
    const response = await t.app.inject({ url: '/v1/probe/list' });
    expect(response.statusCode).toBe(400);
    expect(twinError(response)).toMatchObject({ code: 'INVALID_REQUEST', details: { parameter: 'limit' } });
  });

  it('MHRAS: validation_errors carry field, message, type and the offending input', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/probe/screen',
      payload: { anonymized_id: '', survey_data: { phq9_score: 35 } },
    });
    expect(response.statusCode).toBe(400);
    const errors = body(response).details?.validation_errors as Record<string, unknown>[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'survey_data.phq9_score', message: expect.any(String), type: 'less_than_equal', input: 35 },
        { field: 'anonymized_id', message: expect.any(String), type: 'string_too_short', input: '' },
      ]),
    );
  });

  it('MHRAS: unknown paths at the root (outside /v1 and /api/v1) are MHRAS 404s', async () => {
    for (const path of ['/nope', '/api/v2/users', '/v2/users/me', '/risk-score']) {
      const response = await t.app.inject({ url: path });
      expect(response.statusCode, path).toBe(404);
      expect(body(response)).toMatchObject({ error: 'NotFoundError', details: { request_id: response.headers['x-request-id'] } });
    }
  });

  it('a 404 message names the path but never echoes the query string', async () => {
    const response = await t.app.inject({ url: '/v1/nothing?token=abc123secret' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('abc123secret');
  });
});
