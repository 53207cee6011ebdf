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

export interface Tables {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  revoked_tokens: RevokedTokensTable;
  login_throttle: LoginThrottleTable;
  one_time_codes: OneTimeCodesTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export type { Generated };
