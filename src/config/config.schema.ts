import { Type, type Static } from 'typebox';

/**
 * Every environment variable Homeostat reads, in one schema. The type of `Config` is derived from it,
 * so a new setting is declared once and is then validated, defaulted and typed everywhere.
 */
export const ConfigSchema = Type.Object({
  ENVIRONMENT: Type.Enum(['development', 'production', 'testing'], {
    default: 'development',
    description: 'development generates a SECRET_KEY and enables /api/v1/debug; production requires SECRET_KEY.',
  }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8000 }),
  DATA_DIR: Type.String({ default: './data', minLength: 1 }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(postgres(ql)?://|sqlite:)',
      description: 'postgres://… for PostgreSQL, sqlite:<path> or sqlite::memory: for SQLite; unset = $DATA_DIR/homeostat.db',
    }),
  ),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32, description: 'HMAC key for tokens, cursors and codes' })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'base URL used in HAL links' })),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  CORS_ORIGINS: Type.String({ default: '', description: 'JSON array or comma-separated list of allowed origins' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  UPLOAD_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 16_777_216, description: 'HealthKit JSON upload bodies' }),
  IMPORT_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 8 * 1024 ** 3, description: 'Apple Health export uploads (streamed to disk)' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 30_000, description: 'default for Clarity and Twin' }),
  MHRAS_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 10_000 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 3600 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 300, default: 30 * 24 * 3600 }),
  LOCKOUT_THRESHOLD: Type.Integer({ minimum: 1, default: 5 }),
  LOCKOUT_MINUTES: Type.Integer({ minimum: 1, default: 15 }),
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 30, description: 'per IP, on auth endpoints' }),
  REQUIRE_EMAIL_VERIFICATION: Type.Boolean({ default: false }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Homeostat <no-reply@localhost>' }),
  OIDC_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  OIDC_AUDIENCE: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_ROLE_CLAIM: Type.String({
    default: 'cognito:groups',
    description: 'claim holding the role or a list of groups; roles/realm_access.roles are also read',
  }),
  REDOC_SCRIPT_URL: Type.String({ default: 'https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js' }),
});

export type Config = Static<typeof ConfigSchema>;

/** Config after start-up settled the secret key. */
export type ResolvedConfig = Config & { SECRET_KEY: string };
