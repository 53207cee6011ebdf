import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

interface Operation {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  security?: unknown[];
  tags?: string[];
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

let t: TestApp;
let doc: OpenApiDoc;
let text: string;
beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  text = response.body;
  doc = response.json<OpenApiDoc>();
});
afterAll(async () => t?.close());

const operations = (): [string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );

/** Every `$ref` in the document, so each can be checked to point at something that exists. */
function collectRefs(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.push(value);
      else collectRefs(value, into);
    }
  }
  return into;
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('covers all three surfaces and the service endpoints', () => {
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/register',
      '/api/v1/test/hello',
      '/v1/auth/login',
      '/v1/users/me',
      '/health',
      '/',
      '/metrics',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(doc.paths['/v1/users/me']).toHaveProperty('get');
    expect(doc.paths['/v1/users/me']).toHaveProperty('patch');
  });

  it('gives every operation a 2xx response with a schema, and error responses', () => {
    expect(operations().length).toBeGreaterThan(15);
    for (const [name, operation] of operations()) {
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((s) => /^2/.test(s));
      expect(success.length, `${name} has a 2xx response`).toBeGreaterThan(0);
      for (const status of success) {
        const response = operation.responses[status]!;
        if (status === '204') continue; // no content
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        expect(schemas.length, `${name} ${status} has a schema`).toBeGreaterThan(0);
      }
      const errors = statuses.filter((s) => /^[45]/.test(s));
      for (const expected of ['400', '401', '404', '413', '415', '429', '500', '504']) {
        expect(errors, `${name} documents ${expected}`).toContain(expected);
      }
      for (const status of errors) {
        const content = operation.responses[status]!.content ?? {};
        expect(Object.keys(content).length, `${name} ${status} has a body schema`).toBeGreaterThan(0);
      }
    }
  });

  it('describes request bodies of write operations', () => {
    expect(doc.paths['/api/v1/auth/login']!.post!.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['email', 'password']),
    });
    expect(doc.paths['/v1/users/me']!.patch!.requestBody).toBeDefined();
  });

  it("documents each surface's errors in its own format, as shared components", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ClarityProblem', 'TwinError', 'MhrasError']));
    const clarity = doc.paths['/api/v1/auth/login']!.post!.responses['422']!;
    expect(clarity.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ClarityProblem' } } });
    expect(doc.paths['/v1/users/me']!.get!.responses['401']!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/TwinError',
    });
    expect(doc.paths['/health']!.get!.responses['500']!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/MhrasError',
    });
  });

  it('resolves every $ref', () => {
    const refs = new Set(collectRefs(doc));
    expect(refs.size).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas, ref).toHaveProperty(ref.slice('#/components/schemas/'.length));
    }
  });

  it('stays small because error schemas are shared, not repeated per route', () => {
    // Inlined per route, the three error schemas made this document ~200 KB when it had ~45 operations (~4.4 KB each);
    // shared, an operation costs what its own schemas do (~3.8 KB on average with the health-data routes).
    const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(text.length / operations).toBeLessThan(5_000);
    expect(text.split('"RFC 7807 problem details').length - 1).toBe(1);
  });

  it('marks protected operations with the bearer scheme and public ones without', () => {
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
    expect(doc.paths['/v1/users/me']!.get!.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toBeUndefined();
    expect(doc.paths['/health']!.get!.security).toBeUndefined();
  });

  it('tags operations by surface', () => {
    expect(doc.paths['/api/v1/auth/login']!.post!.tags).toEqual(['Clarity']);
    expect(doc.paths['/v1/auth/login']!.post!.tags).toEqual(['Twin']);
    expect(doc.paths['/health']!.get!.tags).toEqual(['MHRAS']);
  });
});

describe('the route contract', () => {
  it('refuses to start with a surface route that has no 2xx response schema', async () => {
    const undocumented: FastifyPluginAsync = async (app) => {
      app.get('/undocumented', { config: { auth: false } }, async () => ({ anything: 'goes' }));
    };
    await expect(createTestApp({ extensions: { twin: undocumented } })).rejects.toThrow(
      /GET \/v1\/undocumented has no 2xx response schema/,
    );
  });
});

describe('shared error schemas still filter what is sent', () => {
  it('an error serialized through a $ref schema keeps exactly the documented fields', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(response.statusCode).toBe(422);
    expect(Object.keys(response.json<object>()).sort()).toEqual([
      'detail',
      'details',
      'errors',
      'instance',
      'request_id',
      'status',
      'title',
      'type',
    ]);
  });
});
