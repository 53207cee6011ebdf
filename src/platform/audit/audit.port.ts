/** What happened, by whom, to whose data. Never put health values or secrets in `details`. */
export interface AuditEvent {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  actorId?: string | null;
  actorRole?: string | null;
  subjectUserId?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** Append-only audit trail (hash-chained). Every auth event and every read/write of personal data goes here. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
