import { Type } from 'typebox';
import type { ErrorKind } from '../../platform/http/app-error.js';
import { publicMessage, type SurfaceErrorFormat } from '../../platform/http/surface-format.js';

const ERROR_TYPE: Record<ErrorKind, string> = {
  bad_request: 'ValidationError',
  validation: 'ValidationError',
  unauthorized: 'AuthenticationError',
  forbidden: 'AuthorizationError',
  consent: 'ConsentError',
  not_found: 'NotFoundError',
  method_not_allowed: 'MethodNotAllowedError',
  conflict: 'ConflictError',
  gone: 'GoneError',
  payload_too_large: 'PayloadTooLargeError',
  unsupported_media_type: 'UnsupportedMediaTypeError',
  rate_limited: 'RateLimitError',
  internal: 'ProcessingError',
  unavailable: 'ServiceUnavailableError',
  timeout: 'TimeoutError',
};

const MhrasErrorSchema = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Object({}, { additionalProperties: true }),
    timestamp: Type.String({ format: 'date-time' }),
  },
  { description: 'MHRAS error envelope' },
);

export const mhrasErrorFormat: SurfaceErrorFormat = {
  name: 'mhras',
  translate(error, { requestId, now }) {
    // MHRAS reports every validation failure as 400 (its spec has no 422).
    const status = error.kind === 'validation' ? 400 : error.status;
    const details: Record<string, unknown> = error.kind === 'internal' ? {} : { ...error.details };
    delete details.location;
    if (error.fields.length > 0) {
      details.validation_errors = error.fields.map((f) => ({
        field: f.field,
        message: f.message,
        type: f.code,
        ...(f.input === undefined ? {} : { input: f.input }),
      }));
    }
    details.request_id = requestId;
    return {
      status,
      contentType: 'application/json; charset=utf-8',
      body: { error: ERROR_TYPE[error.kind], message: publicMessage(error), details, timestamp: now.toISOString() },
    };
  },
  responseSchemas: Object.fromEntries(
    [400, 401, 403, 404, 409, 413, 415, 429, 500, 503, 504].map((status) => [status, MhrasErrorSchema]),
  ),
};
