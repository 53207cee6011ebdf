import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';
import { sendError } from './error-handling.js';
import type { SurfaceErrorFormat } from './surface-format.js';

/**
 * Per-route deadline: if no response has started when it passes, answer 504 in the surface's format and
 * abort `request.deadline` so the handler can stop (a late reply from the handler is then dropped).
 * A route sets `config.timeoutMs`; otherwise the surface default applies.
 */
export function installTimeouts(app: FastifyInstance, format: SurfaceErrorFormat, defaultMs: number, now: () => Date): void {
  app.addHook('onRequest', async (request, reply) => {
    const limitMs = request.routeOptions.config.timeoutMs ?? defaultMs;
    const controller = new AbortController();
    request.deadline = controller.signal;
    const timer = setTimeout(() => {
      controller.abort();
      if (reply.raw.headersSent) return;
      const seconds = limitMs / 1000;
      const error = new AppError('timeout', `Request exceeded the ${seconds}s time limit`, {
        details: { elapsed_time: reply.elapsedTime / 1000, timeout_limit: seconds },
      });
      request.log.warn({ timeoutMs: limitMs }, 'request timed out');
      sendError(reply, format, error, now());
    }, limitMs);
    timer.unref();
    request.deadlineTimer = timer;
  });
  app.addHook('onResponse', async (request) => {
    if (request.deadlineTimer) clearTimeout(request.deadlineTimer);
  });
}
