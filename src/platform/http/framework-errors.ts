import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpMetrics } from '../metrics.js';
import type { AccessLogController } from './access-log.js';
import { routeLabel } from './access-log.js';
import { sendError } from './error-handling.js';
import { normalizeError } from './normalize-error.js';
import { setRequestHeaders, setResponseTime } from './request-context.js';
import type { SurfaceErrorFormat } from './surface-format.js';

export interface FrameworkErrorOptions {
  /** The surface a URL belongs to: these requests never reach a surface's own error handler. */
  formatFor(url: string): SurfaceErrorFormat;
  now(): Date;
  accessLog: AccessLogController;
  metrics: HttpMetrics;
}

/**
 * Fastify's `frameworkErrors`: requests rejected before routing (a URL it cannot decode, `/v1/%zz`) skip
 * the hooks, so this gives them what every other answer has: the surface's error format, the request id
 * and security headers, an access-log line and a metrics sample.
 */
export function frameworkErrorHandler(options: FrameworkErrorOptions) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    setRequestHeaders(request, reply);
    setResponseTime(reply);
    reply.raw.once('finish', () => {
      options.accessLog.requestCompleted(null, request, reply);
      options.metrics.observe({ route: routeLabel(undefined), method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000);
    });
    sendError(reply, options.formatFor(request.url), normalizeError(error, request), options.now());
  };
}
