import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorKind } from './app-error.js';
import { toFieldErrors, type SchemaIssue } from './validation-errors.js';

const KIND_BY_STATUS = new Map<number, ErrorKind>(
  (Object.entries(ERROR_STATUS) as [ErrorKind, number][])
    .filter(([kind]) => !['consent', 'validation'].includes(kind))
    .map(([kind, status]) => [status, kind]),
);

/**
 * Whatever was thrown (our AppError, a Fastify validation/content-type error, a bug) becomes an AppError.
 * Messages of unexpected errors never reach the client: they may hold internals.
 */
export function normalizeError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: SchemaIssue[] };
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext;
    const root = part === 'querystring' ? request.query : part === 'params' ? request.params : part === 'headers' ? request.headers : request.body;
    return new AppError('validation', describeValidation(part), {
      fields: toFieldErrors(fastifyError.validation, part, root),
      details: { location: part ?? 'body' },
    });
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const kind = KIND_BY_STATUS.get(status) ?? 'bad_request';
    return new AppError(kind, clientMessage(fastifyError, kind), { cause: error });
  }
  if (status === 503) return new AppError('unavailable', 'Service temporarily unavailable', { cause: error });
  return new AppError('internal', 'An internal error occurred', { cause: error });
}

function describeValidation(part: string | undefined): string {
  switch (part) {
    case 'querystring':
      return 'Query parameter validation failed';
    case 'params':
      return 'Path parameter validation failed';
    case 'headers':
      return 'Header validation failed';
    default:
      return 'Request body validation failed';
  }
}

function clientMessage(error: Partial<FastifyError>, kind: ErrorKind): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Request body is empty but Content-Type is application/json';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'Request body is not valid JSON';
    default:
      // Fastify's own 4xx messages describe the request, not the server; JSON.parse errors land here too.
      return kind === 'bad_request' && error instanceof SyntaxError ? 'Request body is not valid JSON' : (error.message ?? 'Bad request');
  }
}
