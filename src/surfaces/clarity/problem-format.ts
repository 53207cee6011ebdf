import { Type } from 'typebox';
import type { ErrorKind } from '../../platform/http/app-error.js';
import { errorResponses, publicMessage, withId, type SurfaceErrorFormat } from '../../platform/http/surface-format.js';
import { statusTitle } from '../../platform/http/status-titles.js';

/** RFC 7807 problem `type`s: relative URI references, short like the spec's `error_type`. */
const PROBLEM_TYPE: Record<ErrorKind, string> = {
  bad_request: 'bad_request',
  validation: 'validation_error',
  unauthorized: 'authentication_required',
  forbidden: 'forbidden',
  consent: 'consent_required',
  not_found: 'not_found',
  method_not_allowed: 'method_not_allowed',
  conflict: 'conflict',
  gone: 'gone',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'unsupported_media_type',
  rate_limited: 'rate_limit_exceeded',
  internal: 'internal_error',
  unavailable: 'service_unavailable',
  timeout: 'timeout',
};

const ProblemSchema = withId(
  'ClarityProblem',
  Type.Object(
    {
      type: Type.String(),
      title: Type.String(),
      detail: Type.String(),
      status: Type.Integer(),
      instance: Type.String(),
      request_id: Type.String(),
      errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), code: Type.String() }))),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    },
    { description: 'RFC 7807 problem details (application/problem+json)' },
  ),
);

export const clarityProblemFormat: SurfaceErrorFormat = {
  name: 'clarity',
  translate(error, { requestId }) {
    const body: Record<string, unknown> = {
      type: PROBLEM_TYPE[error.kind],
      title: statusTitle(error.status),
      detail: publicMessage(error),
      status: error.status,
      instance: `urn:request:${requestId}`,
      request_id: requestId,
    };
    if (error.fields.length > 0) {
      body.errors = error.fields.map(({ field, message, code }) => ({ field, message, code: code.toUpperCase() }));
    }
    if (error.kind !== 'internal' && Object.keys(error.details).length > 0) body.details = error.details;
    return { status: error.status, contentType: 'application/problem+json; charset=utf-8', body };
  },
  schema: ProblemSchema,
  responseSchemas: errorResponses(
    ProblemSchema.$id,
    [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503, 504],
    'application/problem+json',
  ),
};
