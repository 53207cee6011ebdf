import type { Generated } from 'kysely';

/*
 * Row types, one per table. Portable representation across SQLite and PostgreSQL:
 * instants are ISO-8601 UTC text (sortable), flags are 0/1 integers, JSON is text.
 */

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  role: string;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  gender: string | null;
  phone: string | null;
  height_cm: number | null;
  weight_kg: number | null;
  blood_type: string | null;
  emergency_contact: string | null;
  email_verified: number;
  is_active: number;
  subscription_tier: string;
  external_issuer: string | null;
  external_subject: string | null;
  /** Access tokens issued (iat, epoch seconds) before this are void: set on password reset. */
  tokens_valid_after: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** JSON array of source classes / {source} entries, best first; null = the default priority. */
  source_priority: string | null;
  /** JSON {history, occupation} the person stated (domain/twin/inputs/health-profile.ts); null = nothing stated. */
  health_profile: string | null;
}

export interface RefreshTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  family_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface RevokedTokensTable {
  jti: string;
  user_id: string | null;
  expires_at: number;
  revoked_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface OneTimeCodesTable {
  id: string;
  user_id: string;
  purpose: string;
  code_hash: string;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  /** whom a held push/SMS notification is for (migration 0010); null for mail addressed by `recipient` alone */
  person_id?: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_user_id: string | null;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface ObservationSourcesTable {
  id: Generated<number>;
  person_id: string;
  source_key: string;
  /** '' when the source names no device. */
  device_key: string;
  name: string;
  version: string | null;
  bundle_id: string | null;
  /** DeviceIdentity as JSON. */
  device: string | null;
  source_class: string;
  created_at: string;
}

/** Instants are epoch milliseconds (whole seconds) here: the hot table is kept numeric and compact. */
export interface ObservationsTable {
  person_id: string;
  type: string;
  start_ms: number;
  /** base64url of the first 128 bits of SHA-256(dedup key). */
  dedup: string;
  end_ms: number;
  value: number | null;
  category: string | null;
  components: string | null;
  utc_offset_min: number | null;
  time_zone: string | null;
  source_id: number;
  provenance: string;
  metadata: string | null;
  external_id: string | null;
  batch_id: string;
}

export interface ObservationRollupsTable {
  person_id: string;
  /** Observation type, or `type:component` for a correlation's component. */
  type: string;
  period: 'hour' | 'day';
  /** hour: epoch ms of the UTC hour; day: Date.UTC of the local date (a date key, not an instant). */
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export interface IngestBatchesTable {
  id: string;
  person_id: string;
  kind: string;
  state: string;
  total_items: number | null;
  processed_items: Generated<number>;
  stored: Generated<number>;
  duplicates: Generated<number>;
  deleted: Generated<number>;
  failed_items: Generated<number>;
  errors: Generated<string>;
  detail: Generated<string>;
  bytes_total: number | null;
  bytes_done: Generated<number>;
  file_path: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface TwinSnapshotsTable {
  person_id: string;
  day: string;
  as_of: string;
  engine_version: string;
  inputs_hash: string;
  features: string;
  computed_at: string;
}

export interface TwinScoresTable {
  person_id: string;
  twin: string;
  day: string;
  as_of: string;
  score: number | null;
  status: string;
  components: string;
  data_sufficiency: string;
  notes: string;
  models: string;
  inputs_hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  lane: string;
  person_id: string | null;
  payload: string;
  state: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  /** Not claimed before this instant (retry backoff); null = at once. Optional on insert (migration 0008). */
  run_after: Generated<string | null>;
}

/** Webhooks (migration 0008). `events` is a JSON array; secrets are encrypted (domain/webhooks/secret-box.ts). */
export interface WebhookEndpointsTable {
  id: string;
  person_id: string;
  url: string;
  events: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  status: string;
  disabled_reason: string | null;
  disabled_at: string | null;
  consecutive_failures: Generated<number>;
  last_success_at: string | null;
  last_failure_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  person_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  state: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  started_at: string;
  status_code: number | null;
  latency_ms: number;
  outcome: string;
  error: string | null;
}

/** MHRAS screening (migration 0006). `data_types` and `inputs`/`risk_score` are JSON text. */
export interface ScreeningConsentsTable {
  id: string;
  anonymized_id: string;
  data_types: string;
  granted_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface ScreeningPredictionsTable {
  id: string;
  anonymized_id: string;
  created_at: string;
  model_id: string;
  model_version: string;
  score: number;
  risk_level: string;
  model_level: string;
  confidence: number;
  requires_review: number;
  alert_triggered: number;
  safety_rail: number;
  inputs: string;
  risk_score: string;
  actor_id: string | null;
}

export interface ScreeningReviewsTable {
  id: string;
  prediction_id: string;
  anonymized_id: string;
  reason: string;
  risk_level: string;
  created_at: string;
  due_at: string;
  escalated_at: string | null;
  assigned_to: string | null;
  assigned_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
}

export interface ScreeningReviewCommentsTable {
  id: string;
  review_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface ScreeningAlertsTable {
  id: string;
  kind: string;
  prediction_id: string | null;
  review_id: string | null;
  anonymized_id: string;
  risk_level: string;
  score: number | null;
  model: string;
  created_at: string;
  delivered_at: string | null;
}

/** Clarity `/api/v1/pat` analyses (migration 0007): state while the job runs, then the result JSON. */
export interface ActigraphyAnalysesTable {
  id: string;
  person_id: string;
  source: string;
  state: string;
  progress: Generated<number>;
  input_summary: string;
  result: string | null;
  attention: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Alerts (migration 0009): at most one active row per (person_id, condition_key); JSON in recommended_actions and trigger. */
export interface AlertsTable {
  id: string;
  person_id: string;
  kind: string;
  condition_key: string;
  severity: string;
  title: string;
  message: string;
  recommended_actions: string;
  /** 0/1 (SQLite has no boolean) */
  action_required: number;
  trigger: string;
  status: string;
  occurrences: number;
  first_at: string;
  last_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  user_response: string | null;
  resolved_at: string | null;
}

/** Notifications (migration 0010, docs/notifications.md). `preferences` is the spec §5.3 JSON. */
export interface NotificationPreferencesTable {
  person_id: string;
  preferences: string;
  updated_at: string;
}

export interface PushSubscriptionsTable {
  id: string;
  person_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

/** The next daily summary / weekly report of a person; only the job carrying `token` may run it. */
export interface NotificationSchedulesTable {
  person_id: string;
  kind: string;
  next_at: string;
  time_zone: string;
  token: string;
}

/** One row per delivered occasion (an alert id and channel, a local date): what makes delivery jobs idempotent. */
export interface NotificationSentTable {
  person_id: string;
  kind: string;
  occasion: string;
  sent_at: string;
}

export interface Tables {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  revoked_tokens: RevokedTokensTable;
  login_throttle: LoginThrottleTable;
  one_time_codes: OneTimeCodesTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  observation_sources: ObservationSourcesTable;
  observations: ObservationsTable;
  observation_rollups: ObservationRollupsTable;
  ingest_batches: IngestBatchesTable;
  jobs: JobsTable;
  twin_snapshots: TwinSnapshotsTable;
  twin_scores: TwinScoresTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  alerts: AlertsTable;
  screening_consents: ScreeningConsentsTable;
  screening_predictions: ScreeningPredictionsTable;
  screening_reviews: ScreeningReviewsTable;
  screening_review_comments: ScreeningReviewCommentsTable;
  screening_alerts: ScreeningAlertsTable;
  actigraphy_analyses: ActigraphyAnalysesTable;
  notification_preferences: NotificationPreferencesTable;
  push_subscriptions: PushSubscriptionsTable;
  notification_schedules: NotificationSchedulesTable;
  notification_sent: NotificationSentTable;
}

export type { Generated };
