import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Paths that can carry secrets or personal data. Request bodies are never logged at all; these catch
 * anything a developer passes to the logger by mistake.
 */
export const REDACT_PATHS = [
  'password', '*.password', 'new_password', '*.new_password', 'token', '*.token', 'access_token', '*.access_token',
  'refresh_token', '*.refresh_token', 'code', '*.code', 'secret', '*.secret', 'email', '*.email',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'body', '*.body', 'SECRET_KEY', '*.SECRET_KEY', 'SMTP_URL', '*.SMTP_URL', 'DATABASE_URL', '*.DATABASE_URL',
];

/**
 * Error fields safe to log: driver errors can carry row values in `detail`, `parameters` or `where`.
 * The error's code is logged as `error_code` (`code` is redacted everywhere: it may be a one-time code).
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { error_code: code } : {}) };
}

/** Structured JSON logs that say what happened to which route, never with whose data. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Path only: query strings carry tokens (WebSocket `?token=`), emails and dates of personal data.
      req: (req: FastifyRequest) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  };
}
