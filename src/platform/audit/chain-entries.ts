import type { AuditLogTable } from '../db/tables.js';
import { newId } from '../ids.js';
import type { AuditEvent } from './audit.port.js';
import { entryHash } from './hash-chain.js';
import { sanitizeDetails } from './sanitize-details.js';

export interface QueuedEvent {
  event: AuditEvent;
  /** When it was recorded (ISO-8601), not when it is written. */
  at: string;
}

/**
 * The rows for `batch`, chained in order onto the head as it was before this append: `head.seq` is the head after
 * advancing it by `batch.length` (the row numbers are taken), `head.hash` the hash of the entry before the first.
 */
export function chainEntries(batch: readonly QueuedEvent[], head: { seq: number; hash: string }): AuditLogTable[] {
  let seq = Number(head.seq) - batch.length;
  let prevHash = head.hash;
  return batch.map(({ event, at }) => {
    seq += 1;
    const fields = {
      seq,
      id: newId('aud'),
      at,
      actor_id: event.actorId ?? null,
      actor_role: event.actorRole ?? null,
      action: event.action,
      subject_user_id: event.subjectUserId ?? null,
      resource_type: event.resourceType ?? null,
      resource_id: event.resourceId ?? null,
      outcome: event.outcome,
      request_id: event.requestId ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(sanitizeDetails(event.details)),
    };
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
}

export const HEAD_MISSING = 'audit_head row is missing: the audit log cannot be appended to (run `homeostat audit verify`)';
