import { Type } from 'typebox';
import type { ErrorKind } from '../../platform/http/app-error.js';
import { errorResponses, publicMessage, withId, type SurfaceErrorFormat } from '../../platform/http/surface-format.js';

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

/**
 * MHRAS clients see the Pydantic error types its spec shows (`string_too_short`, `value_error`), not JSON
 * Schema keywords. Codes written by hand (`out_of_range`, `not_accepted`) pass through.
 */
const PYDANTIC_TYPE: Record<string, string> = {
  missing: 'missing',
  unknown_field: 'extra_forbidden',
  type: 'type_error',
  minLength: 'string_too_short',
  maxLength: 'string_too_long',
  pattern: 'string_pattern_mismatch',
  format: 'value_error',
  minimum: 'greater_than_equal',
  exclusiveMinimum: 'greater_than',
  maximum: 'less_than_equal',
  exclusiveMaximum: 'less_than',
  multipleOf: 'multiple_of',
  enum: 'enum',
  const: 'literal_error',
  minItems: 'too_short',
  maxItems: 'too_long',
  minProperties: 'too_short',
  maxProperties: 'too_long',
  invalid_cursor: 'value_error',
};

const MhrasErrorSchema = withId(
  'MhrasError',
  Type.Object(
    {
      error: Type.String(),
      message: Type.String(),
      details: Type.Object({}, { additionalProperties: true }),
      timestamp: Type.String({ format: 'date-time' }),
    },
    { description: 'MHRAS error envelope' },
  ),
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
        type: PYDANTIC_TYPE[f.code] ?? (f.code.includes('_') ? f.code : 'value_error'),
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
  schema: MhrasErrorSchema,
  responseSchemas: errorResponses(MhrasErrorSchema.$id, [400, 401, 403, 404, 409, 413, 415, 429, 500, 503, 504]),
};
