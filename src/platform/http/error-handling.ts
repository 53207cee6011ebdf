import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import { normalizeError } from './normalize-error.js';
import type { SurfaceErrorFormat } from './surface-format.js';

/** Writes an AppError in the surface's format (also used by hooks that answer before a handler runs). */
export function sendError(reply: FastifyReply, format: SurfaceErrorFormat, error: AppError, now: Date): FastifyReply {
  const wire = format.translate(error, { requestId: reply.request.id, url: reply.request.url, now });
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  if (error.kind === 'unauthorized') reply.header('WWW-Authenticate', 'Bearer');
  return reply.code(wire.status).type(wire.contentType).send(wire.body);
}

/**
 * Installs the surface's error and not-found handlers in the current encapsulation context,
 * so every error under its prefix (validation, 401, 404, 413, 415, 429, 500, 504) uses its format.
 */
export function installErrorHandling(
  app: FastifyInstance,
  format: SurfaceErrorFormat,
  now: () => Date,
  { notFound = true }: { notFound?: boolean } = {},
): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = normalizeError(error, request);
    logError(request, appError, error);
    return sendError(reply, format, appError, now());
  });
  if (!notFound) return;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    return sendError(reply, format, new AppError('not_found', `No route for ${request.method} ${path}`), now());
  });
}

function logError(request: FastifyRequest, appError: AppError, original: unknown): void {
  if (appError.status >= 500) {
    // `original` goes through the logger's error serializer, which keeps type/message/stack/code only.
    request.log.error({ err: original, kind: appError.kind }, 'request failed');
  } else {
    request.log.info({ kind: appError.kind, status: appError.status }, 'request rejected');
  }
}
