import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions } from 'fastify';
import { AppError } from './app-error.js';
import { sendError } from './error-handling.js';
import type { SurfaceErrorFormat } from './surface-format.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's deadline; the surface default applies otherwise. */
    timeoutMs?: number;
  }
  interface FastifyRequest {
    /** Aborted when the deadline passes: long work should listen and stop. */
    deadline: AbortSignal;
    deadlineTimer?: NodeJS.Timeout;
    /** True once the 504 has been sent. */
    timedOut?: boolean;
  }
}

/**
 * Per-route deadline: if no response has started when it passes, answer 504 in the surface's format and
 * abort `request.deadline` so the handler can stop. Whatever the handler returns or throws afterwards is
 * dropped quietly (the client already has its answer). A route sets `config.timeoutMs`.
 */
export function installTimeouts(app: FastifyInstance, format: SurfaceErrorFormat, defaultMs: number, now: () => Date): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    route.handler = dropLateResults(route.handler);
  });
  app.addHook('onRequest', async (request, reply) => {
    const limitMs = request.routeOptions.config.timeoutMs ?? defaultMs;
    const controller = new AbortController();
    request.deadline = controller.signal;
    const timer = setTimeout(() => {
      controller.abort();
      if (reply.sent || reply.raw.headersSent) return;
      request.timedOut = true;
      const seconds = limitMs / 1000;
      const error = new AppError('timeout', `Request exceeded the ${seconds}s time limit`, {
        details: { elapsed_time: Math.round(reply.elapsedTime) / 1000, timeout_limit: seconds },
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

/** Wraps a handler so a result that arrives after the 504 is not sent a second time. Sync handlers stay sync. */
function dropLateResults(handler: RouteHandlerMethod): RouteHandlerMethod {
  return function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const result: unknown = handler.call(this, request, reply);
    if (!isThenable(result)) return result;
    return result.then(
      (value) => (request.timedOut ? abandon(request, reply) : value),
      (error: unknown) => {
        if (!request.timedOut) throw error;
        return abandon(request, reply, error);
      },
    );
  } as RouteHandlerMethod;
}

function abandon(request: FastifyRequest, reply: FastifyReply, error?: unknown): undefined {
  // The 504 is on its way or sent: tell Fastify this reply needs nothing more from the handler.
  reply.hijack();
  request.log.info({ ...(error === undefined ? {} : { err: error }) }, 'handler finished after its deadline; result dropped');
  return undefined;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
