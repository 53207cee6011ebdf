import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { HttpMetrics } from '../metrics.js';

/** The route template a request matched (`/v1/users/:id`), or `unmatched`: never the raw URL. */
export const routeLabel = (url: string | undefined): string => url ?? 'unmatched';

const pathOf = (url: string): string => url.split('?')[0] ?? url;

/**
 * Fastify's request log lines, reshaped: one line per request once it is answered (no "incoming request"
 * line) with id, method, path WITHOUT the query string (it may carry tokens or personal data), route
 * template, status and duration. Nothing from headers or bodies. Pass as Fastify's `logController`.
 */
export class AccessLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      req: request,
      res: reply,
      route: routeLabel(request.routeOptions.url),
      responseTime: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else if (reply.statusCode >= 500) request.log.error(line, 'request completed');
    else request.log.info(line, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ req: request }, `Route ${request.method}:${pathOf(request.url)} not found`);
  }
}

/** Request count and duration by route template, method and status, for GET /metrics. */
export function installRequestMetrics(app: FastifyInstance, metrics: HttpMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(
      { route: routeLabel(request.routeOptions.url), method: request.method, status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
}
