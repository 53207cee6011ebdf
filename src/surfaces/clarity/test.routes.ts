import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../shared/auth-hook.js';

const Hello = Type.Object({ message: Type.String(), timestamp: Type.String({ format: 'date-time' }) });
const EchoBody = Type.Object({}, { additionalProperties: true, maxProperties: 100 });
const Echo = Type.Object({ echo: Type.Object({}, { additionalProperties: true }), timestamp: Type.String({ format: 'date-time' }) });
const Protected = Type.Object({ message: Type.String(), user_id: Type.String(), role: Type.String() });

/** Clarity `/api/v1/test/*`: lets a client check connectivity, JSON round-trips, auth and error handling. */
export const clarityTestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const now = () => app.services.clock.now().toISOString();

  app.get('/hello', { schema: { summary: 'Connectivity check', response: { 200: Hello } }, config: { auth: false } }, async () => ({
    message: 'Hello from Homeostat (Clarity API)',
    timestamp: now(),
  }));

  app.post('/echo', { schema: { summary: 'Echo a JSON object back', body: EchoBody, response: { 200: Echo } }, config: { auth: false } }, async (request) => ({
    echo: request.body,
    timestamp: now(),
  }));

  app.get('/protected', { schema: { summary: 'Requires a valid bearer token', response: { 200: Protected } } }, async (request) => {
    const principal = principalOf(request);
    return { message: 'Authenticated', user_id: principal.userId, role: principal.role };
  });

  // Throws an unexpected error on purpose: the answer shows what a client sees for a 500 (a generic message and the request id).
  app.get('/error', { schema: { summary: 'Always fails with 500, to test client error handling', response: { 200: Hello } }, config: { auth: false } }, async () => {
    throw new Error('Deliberate test failure from /api/v1/test/error');
  });
};
