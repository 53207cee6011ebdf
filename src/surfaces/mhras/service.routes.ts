import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { probeDatabase } from '../system/database-probe.js';

const ServiceInfo = Type.Object({
  service: Type.String(),
  version: Type.String(),
  status: Type.Enum(['operational', 'degraded']),
  surfaces: Type.Object({ clarity: Type.String(), twin: Type.String(), mhras: Type.String() }),
  docs: Type.Object({ swagger_ui: Type.String(), redoc: Type.String(), openapi: Type.String() }),
});

const Health = Type.Object({
  status: Type.Enum(['healthy', 'unhealthy']),
  timestamp: Type.Number({ description: 'Unix time in seconds, as the MHRAS spec shows it' }),
  database: Type.Object({ dialect: Type.String(), reachable: Type.Boolean(), latency_ms: Type.Number() }),
  version: Type.String(),
});

/** `/`, `/health` and `/metrics`: public, cheap, never touching personal data. */
export const serviceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, metrics, clock, version } = app.services;

  app.get('/', { schema: { summary: 'Service information', response: { 200: ServiceInfo } }, config: { auth: false } }, async () => ({
    service: 'Homeostat',
    version,
    status: 'operational' as const,
    surfaces: { clarity: '/api/v1', twin: '/v1', mhras: '/' },
    docs: { swagger_ui: '/docs', redoc: '/redoc', openapi: '/openapi.json' },
  }));

  app.get(
    '/health',
    { schema: { summary: 'Liveness and database reachability (answers within 100 ms)', response: { 200: Health, 503: Health } }, config: { auth: false } },
    async (_request, reply) => {
      const probe = await probeDatabase(database);
      return reply.code(probe.reachable ? 200 : 503).send({
        status: probe.reachable ? 'healthy' : 'unhealthy',
        timestamp: clock.now().getTime() / 1000,
        database: { dialect: database.dialect, reachable: probe.reachable, latency_ms: probe.latencyMs },
        version,
      });
    },
  );

  app.get(
    '/metrics',
    { schema: { summary: 'Prometheus metrics (text exposition format)', response: { 200: Type.String() } }, config: { auth: false } },
    async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
};
