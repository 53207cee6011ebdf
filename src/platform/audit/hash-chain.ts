import type { AuditLogTable } from '../db/tables.js';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: every column but the two hashes. */
export type ChainedFields = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

/** hash_n = SHA-256(hash_{n-1} ‖ canonical(entry_n)): changing or removing any entry breaks every later link. */
export function entryHash(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq, e.id, e.at, e.actor_id, e.actor_role, e.action, e.subject_user_id,
    e.resource_type, e.resource_id, e.outcome, e.request_id, e.ip, e.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
