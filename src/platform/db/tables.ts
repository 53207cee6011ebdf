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
}

export type { Generated };
