import type { FastifyInstance } from 'fastify';

/** The spec's `mhras_requests_total` / `mhras_request_duration_seconds`, for the MHRAS routes (labels are route templates). */
export function installMhrasMetrics(app: FastifyInstance): void {
  const metrics = app.services.metrics.mhras;
  app.addHook('onResponse', async (request, reply) => {
    const endpoint = request.routeOptions.url;
    if (!endpoint) return;
    metrics.observeRequest({ endpoint, method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
}
