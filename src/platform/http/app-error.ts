/**
 * One error type for the whole server. Domain code throws `AppError` with a kind; each surface
 * translates it into its spec's wire format (RFC 7807, Twin `{error:{…}}`, MHRAS `{error,message,…}`).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  consent: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;

/** One offending input: `field` is a dotted path (`survey_data.phq9_score`), `code` a stable machine word. */
export interface FieldError {
  field: string;
  message: string;
  code: string;
  input?: unknown;
}

export interface AppErrorOptions {
  details?: Record<string, unknown>;
  fields?: FieldError[];
  /** Response headers the error needs (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly details: Record<string, unknown>;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Builds a validation error for one field, for checks that a JSON schema cannot express. */
export const fieldError = (field: string, message: string, code = 'invalid', input?: unknown): AppError =>
  new AppError('validation', message, { fields: [{ field, message, code, ...(input === undefined ? {} : { input }) }] });
