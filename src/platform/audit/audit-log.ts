import type { Database } from '../db/database.js';
import type { AuditLogTable } from '../db/tables.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { AuditEvent, AuditLog } from './audit.port.js';
import { entryHash, GENESIS_HASH } from './hash-chain.js';

export type AuditEntry = AuditLogTable;

export interface AuditFilter {
  actorId?: string | undefined;
  subjectUserId?: string | undefined;
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first sequence number where the chain is broken, and how. */
  brokenAt?: number;
  problem?: string;
}

/** The SQL-backed, hash-chained, append-only audit log. */
export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async record(event: AuditEvent): Promise<void> {
    const { db, dialect } = this.database;
    await db.transaction().execute(async (trx) => {
      // Appends are serialised on the head row (SQLite serialises writers already).
      let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
      if (dialect === 'postgres') headQuery = headQuery.forUpdate();
      const head = (await headQuery.executeTakeFirst()) ?? { seq: 0, hash: GENESIS_HASH };
      const fields = {
        seq: Number(head.seq) + 1,
        id: newId('aud'),
        at: this.clock.now().toISOString(),
        actor_id: event.actorId ?? null,
        actor_role: event.actorRole ?? null,
        action: event.action,
        subject_user_id: event.subjectUserId ?? null,
        resource_type: event.resourceType ?? null,
        resource_id: event.resourceId ?? null,
        outcome: event.outcome,
        request_id: event.requestId ?? null,
        ip: event.ip ?? null,
        details: JSON.stringify(event.details ?? {}),
      };
      const hash = entryHash(head.hash, fields);
      await trx.insertInto('audit_log').values({ ...fields, prev_hash: head.hash, hash }).execute();
      await trx.updateTable('audit_head').set({ seq: fields.seq, hash }).where('id', '=', 1).execute();
    });
  }

  /** Newest first, keyset-paginated on `seq`. */
  async list(filter: AuditFilter, limit: number, beforeSeq?: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const { db } = this.database;
    let query = db.selectFrom('audit_log');
    if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
    if (filter.subjectUserId) query = query.where('subject_user_id', '=', filter.subjectUserId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.since) query = query.where('at', '>=', filter.since);
    if (filter.until) query = query.where('at', '<', filter.until);
    const [entries, count] = await Promise.all([
      (beforeSeq === undefined ? query : query.where('seq', '<', beforeSeq)).selectAll().orderBy('seq', 'desc').limit(limit).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { entries, total: Number(count.n) };
  }

  /** Walks the whole chain: detects an edited entry, a removed entry (gap or broken link) and a truncated tail. */
  async verify(pageSize = 1000): Promise<VerifyResult> {
    const { db } = this.database;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq) return { ok: false, checked, brokenAt: expectedSeq, problem: `entry ${expectedSeq} is missing` };
        if (row.prev_hash !== prevHash) return { ok: false, checked, brokenAt: seq, problem: `entry ${seq} does not link to entry ${seq - 1}` };
        if (entryHash(prevHash, { ...row, seq }) !== row.hash) return { ok: false, checked, brokenAt: seq, problem: `entry ${seq} was altered` };
        prevHash = row.hash;
        expectedSeq = seq + 1;
        checked += 1;
      }
      if (rows.length < pageSize) break;
    }
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
      return { ok: false, checked, brokenAt: expectedSeq, problem: `entries after ${expectedSeq - 1} were removed (head is at ${head.seq})` };
    }
    return { ok: true, checked };
  }
}
