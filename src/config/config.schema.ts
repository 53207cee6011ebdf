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
  FITNESS_RULES_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'JSON rules for fitness-to-work (the shape of the defaults, docs/risk.md); unset = the defaults' }),
  ),
  PAT_WEIGHTS_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'directory holding the published PAT Keras weight files (PAT-S_29k_weights.h5, …); unset = no PAT embeddings',
    }),
  ),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 30_000, description: 'default for Clarity and Twin' }),
  MHRAS_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 10_000 }),
  MHRAS_SCREEN_TIMEOUT_MS: Type.Integer({ minimum: 1, default: 5000, description: 'deadline on POST /screen (the MHRAS spec: 5 s)' }),
  MHRAS_REVIEW_ESCALATION_MINUTES: Type.Integer({ minimum: 1, default: 240, description: 'an open screening review case is escalated after this long' }),
  MHRAS_MODELS_DIR: Type.Optional(Type.String({ minLength: 1, description: 'extra screening model coefficient files (*.json)' })),
  MHRAS_ACTIVE_MODEL: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+@\\d+\\.\\d+\\.\\d+$', description: 'id@version of the screening model to serve' })),
  MHRAS_RESOURCE_LOCALE: Type.String({ default: 'en-US', pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'locale of the recommended resources' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  REDIS_URL: Type.Optional(
    Type.String({ pattern: '^rediss?://', description: 'redis://… or rediss://…: WebSocket fan-out across API nodes through Redis pub/sub; unset = in process' }),
  ),
  JOB_QUEUE: Type.Enum(['embedded', 'bullmq'], {
    default: 'embedded',
    description: 'embedded: processes poll the jobs table; bullmq: BullMQ on REDIS_URL dispatches them (docs/jobs.md)',
  }),
  JOBS_RUN_IN_API: Type.Boolean({ default: true, description: 'false: `serve` only enqueues jobs and `homeostat worker` processes run them' }),
  JOB_QUEUE_PREFIX: Type.String({ default: 'homeostat', pattern: '^[A-Za-z0-9_.-]+$', description: 'BullMQ Redis key prefix (deployments sharing one Redis)' }),
  WS_IDLE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 300_000, description: 'a WebSocket with no message from its client for this long is closed' }),
  WS_MESSAGES_PER_MINUTE: Type.Integer({ minimum: 1, default: 120, description: 'per WebSocket connection: sustained rate of client messages (token bucket)' }),
  WS_MESSAGE_BURST: Type.Integer({ minimum: 1, default: 20, description: 'per WebSocket connection: client messages allowed at once before the rate applies' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 3600 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 300, default: 30 * 24 * 3600 }),
  LOCKOUT_THRESHOLD: Type.Integer({ minimum: 1, default: 5 }),
  LOCKOUT_MINUTES: Type.Integer({ minimum: 1, default: 15 }),
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 30, description: 'per IP, on auth endpoints' }),
  RATE_LIMIT_ENABLED: Type.Boolean({
    default: true,
    description: 'per-user and per-IP API request limits (docs/rate-limits.md); false = none but the auth limit',
  }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({
    minimum: 1,
    default: 3600,
    description: 'length of the fixed window the per-user and per-IP limits count in',
  }),
  RATE_LIMIT_FREE_PER_WINDOW: Type.Integer({
    minimum: 1,
    default: 100,
    description: 'requests per window for a free-tier user (the Twin spec: 100/hour)',
  }),
  RATE_LIMIT_PREMIUM_PER_WINDOW: Type.Integer({
    minimum: 1,
    default: 1000,
    description: 'requests per window for a premium user (the Twin spec: 1,000/hour)',
  }),
  RATE_LIMIT_CORPORATE_PER_WINDOW: Type.Integer({
    minimum: 1,
    default: 10_000,
    description: 'requests per window for a corporate user (the Twin spec: 10,000/hour)',
  }),
  RATE_LIMIT_ANONYMOUS_PER_WINDOW: Type.Integer({
    minimum: 1,
    default: 100,
    description: 'requests per window per client IP without a token (auth endpoints and probes excepted)',
  }),
  RATE_LIMIT_REDIS_PREFIX: Type.String({
    default: 'homeostat-ratelimit:',
    description: 'prefix of the counter keys in Redis (when REDIS_URL is set, counters are shared by all nodes)',
  }),
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
  WEBHOOK_ALLOW_PRIVATE: Type.Boolean({
    default: false,
    description: 'let webhooks reach loopback, private, link-local and metadata addresses (tests, closed networks only)',
  }),
  REDOC_SCRIPT_URL: Type.String({ default: 'https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js' }),
  VAPID_PUBLIC_KEY: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9_-]{80,100}$', description: 'Web Push VAPID public key, base64url (`npx web-push generate-vapid-keys`); unset = push held in the outbox' }),
  ),
  VAPID_PRIVATE_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{40,50}$', description: 'Web Push VAPID private key, base64url' })),
  VAPID_SUBJECT: Type.Optional(Type.String({ pattern: '^(mailto:|https://)', description: 'contact push services can reach (RFC 8292 §2.1)' })),
  SMS_PROVIDER_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'SMS relay: POST {"to","body"} JSON (docs/notifications.md); unset = SMS held in the outbox' }),
  ),
  SMS_PROVIDER_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'bearer token sent to SMS_PROVIDER_URL' })),
});

export type Config = Static<typeof ConfigSchema>;

/** Config after start-up settled the secret key. */
export type ResolvedConfig = Config & { SECRET_KEY: string };
