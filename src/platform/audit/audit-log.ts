import type { Database } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { AuditLogTable } from '../db/tables.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { AuditEvent, AuditLog } from './audit.port.js';
import { entryHash } from './hash-chain.js';
import { sanitizeDetails } from './sanitize-details.js';
import { verifyChain, type VerifyOptions, type VerifyResult } from './verify-chain.js';

export type AuditEntry = AuditLogTable;

export interface AuditFilter {
  actorId?: string | undefined;
  subjectUserId?: string | undefined;
  action?: string | undefined;
  /** Instants (any ISO-8601 form, any offset): entries at or after `since`, before `until`. */
  since?: string | undefined;
  until?: string | undefined;
}

export interface AuditPageRequest {
  limit: number;
  /** Keyset position: only entries older than this `seq`. */
  beforeSeq?: number | undefined;
  /**
   * The newest `seq` the listing covers. The first page leaves it out and gets the current head back;
   * later pages pass it on, so `total` and the page contents stay stable while new entries are appended
   * (reading the log appends an `audit.read` entry every time).
   */
  upToSeq?: number | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  upToSeq: number;
}

interface PendingEntry {
  event: AuditEvent;
  at: string;
  done: { resolve(): void; reject(error: unknown): void };
}

/** The most entries appended in one transaction (15 bound values each, well under both dialects' limits). */
const MAX_BATCH = 256;

/**
 * The SQL-backed, hash-chained, append-only audit log.
 *
 * Group commit: `record` resolves only once its entry is committed, but entries that arrive while an append
 * transaction is running are appended together by the next one, in arrival order. One request alone pays one
 * transaction as before; many concurrent requests share them instead of queueing one commit each.
 */
export class SqlAuditLog implements AuditLog {
  private readonly queue: PendingEntry[] = [];
  private draining = false;
  /** The head statements run in every append: compiled once, run inside each append's transaction. */
  private readonly advanceHead;
  private readonly setHeadHash;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {
    const { db } = database;
    this.advanceHead = preparedQuery<{ count: number }, { seq: number; hash: string }>(db, (param) =>
      db.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', param('count')) })).where('id', '=', 1).returning(['seq', 'hash']),
    );
    this.setHeadHash = preparedQuery<{ hash: string }, never>(db, (param) => db.updateTable('audit_head').set({ hash: param('hash') }).where('id', '=', 1));
  }

  record(event: AuditEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, at: this.clock.now().toISOString(), done: { resolve, reject } });
      if (!this.draining) {
        // Start at the end of this event-loop turn, so every entry produced in the turn shares one transaction.
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.append(batch);
          for (const entry of batch) entry.done.resolve();
        } catch (error) {
          for (const entry of batch) entry.done.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async append(batch: PendingEntry[]): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      // Appends are serialised on the head row. Writing it first takes the write lock before anything is
      // read: on PostgreSQL a row lock (concurrent appenders queue and then see the new head), on SQLite the
      // database write lock, waited for under busy_timeout (a read first would make another process's
      // commit fail this transaction with SQLITE_BUSY instead). The head's `hash` is still the old one here.
      const [head] = await this.advanceHead({ count: batch.length }, trx);
      if (!head) throw new Error('audit_head row is missing: the audit log cannot be appended to (run `homeostat audit verify`)');
      let seq = Number(head.seq) - batch.length;
      let prevHash = head.hash;
      const rows = batch.map(({ event, at }) => {
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
      await trx.insertInto('audit_log').values(rows).execute();
      await this.setHeadHash({ hash: prevHash }, trx);
    });
  }

  /** Newest first, keyset-paginated on `seq`; `total` counts every match up to `upToSeq`. */
  async list(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
    const { db } = this.database;
    const upToSeq =
      page.upToSeq ?? Number((await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst())?.seq ?? 0);
    let query = db.selectFrom('audit_log').where('seq', '<=', upToSeq);
    if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
    if (filter.subjectUserId) query = query.where('subject_user_id', '=', filter.subjectUserId);
    if (filter.action) query = query.where('action', '=', filter.action);
    // Stored instants are `toISOString()` text; compare like with like, whatever form the caller used.
    if (filter.since) query = query.where('at', '>=', toStoredInstant(filter.since, 'since'));
    if (filter.until) query = query.where('at', '<', toStoredInstant(filter.until, 'until'));
    const pageQuery = page.beforeSeq === undefined ? query : query.where('seq', '<', page.beforeSeq);
    const [entries, count] = await Promise.all([
      pageQuery.selectAll().orderBy('seq', 'desc').limit(page.limit).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { entries: entries.map((e) => ({ ...e, seq: Number(e.seq) })), total: Number(count.n), upToSeq };
  }

  /** Checks the whole chain; see `verifyChain`. */
  verify(options?: VerifyOptions): Promise<VerifyResult> {
    return verifyChain(this.database, options);
  }
}

function toStoredInstant(value: string, name: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`audit filter ${name} is not an instant: ${value}`);
  return new Date(time).toISOString();
}
