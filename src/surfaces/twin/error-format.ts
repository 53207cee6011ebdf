import { Type } from 'typebox';
import type { ErrorKind } from '../../platform/http/app-error.js';
import { errorResponses, publicMessage, withId, type SurfaceErrorFormat } from '../../platform/http/surface-format.js';

/** The spec's code table, extended for statuses it does not list (413, 415, 504, …). */
const CODE: Record<ErrorKind, string> = {
  bad_request: 'INVALID_REQUEST',
  validation: 'VALIDATION_ERROR',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  consent: 'CONSENT_REQUIRED',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  conflict: 'CONFLICT',
  gone: 'GONE',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'RATE_LIMIT_EXCEEDED',
  internal: 'INTERNAL_ERROR',
  unavailable: 'SERVICE_UNAVAILABLE',
  timeout: 'TIMEOUT',
};

const TwinErrorSchema = withId(
  'TwinError',
  Type.Object(
    {
      error: Type.Object({
        code: Type.String(),
        message: Type.String(),
        details: Type.Object({}, { additionalProperties: true }),
        request_id: Type.String(),
      }),
    },
    { description: 'Health Twin error envelope' },
  ),
);

export const twinErrorFormat: SurfaceErrorFormat = {
  name: 'twin',
  translate(error, { requestId }) {
    // The spec answers a bad or missing query parameter with 400 INVALID_REQUEST and names it in
    // `details.parameter`; a bad body is 422 VALIDATION_ERROR with every field listed.
    const location = error.details.location;
    const isParameterError =
      (error.kind === 'validation' || error.kind === 'bad_request') && (location === 'querystring' || location === 'params');
    const status = isParameterError ? 400 : error.status;
    const details: Record<string, unknown> = error.kind === 'internal' ? {} : { ...error.details };
    if (error.fields.length > 0) {
      details.fields = error.fields.map(({ field, message, code }) => ({ field, message, code }));
      if (isParameterError) details.parameter = error.fields[0]?.field;
    }
    return {
      status,
      contentType: 'application/json; charset=utf-8',
      body: {
        error: {
          code: isParameterError ? 'INVALID_REQUEST' : CODE[error.kind],
          message: publicMessage(error),
          details,
          request_id: requestId,
        },
      },
    };
  },
  schema: TwinErrorSchema,
  responseSchemas: errorResponses(TwinErrorSchema.$id, [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503, 504]),
};
