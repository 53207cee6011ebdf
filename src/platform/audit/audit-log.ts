import type { Database } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import type { AuditLogTable } from '../db/tables.js';
import type { Clock } from '../clock.js';
import type { AuditEvent, AuditLog } from './audit.port.js';
import { chainEntries, HEAD_MISSING, type QueuedEvent } from './chain-entries.js';
import { SqliteAuditAppender } from './sqlite-append.js';
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

interface PendingEntry extends QueuedEvent {
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
  /** The running (or last) drain: `close` waits for it. */
  private drained: Promise<void> = Promise.resolve();
  private closed = false;
  /** SQLite: the append's prepared statements, on the one connection. */
  private sqlite: SqliteAuditAppender | undefined;
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
    // After close the database is about to go: fail the action loudly rather than lose its entry.
    if (this.closed) return Promise.reject(new Error(`audit log is closed: ${event.action} was not recorded`));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, at: this.clock.now().toISOString(), done: { resolve, reject } });
      if (!this.draining) {
        // Start at the end of this event-loop turn, so every entry produced in the turn shares one transaction.
        this.draining = true;
        this.drained = new Promise<void>((start) => setImmediate(start)).then(() => this.drain());
      }
    });
  }

  /**
   * Commits every entry already queued, then refuses new ones. Runs on shutdown before the database closes:
   * otherwise entries queued in the last event-loop turns would meet a destroyed driver and be lost.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained;
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
    const { exclusiveSqlite } = this.database;
    if (exclusiveSqlite) {
      await exclusiveSqlite((connection) => {
        if (this.sqlite?.connection !== connection) this.sqlite = new SqliteAuditAppender(connection);
        this.sqlite.append(batch);
      });
      return;
    }
    await this.database.db.transaction().execute(async (trx) => {
      // Appends are serialised on the head row. Writing it first takes the write lock before anything is
      // read: on PostgreSQL a row lock (concurrent appenders queue and then see the new head), on SQLite the
      // database write lock, waited for under busy_timeout (a read first would make another process's
      // commit fail this transaction with SQLITE_BUSY instead). The head's `hash` is still the old one here.
      const [head] = await this.advanceHead({ count: batch.length }, trx);
      if (!head) throw new Error(HEAD_MISSING);
      const rows = chainEntries(batch, head);
      await trx.insertInto('audit_log').values(rows).execute();
      await this.setHeadHash({ hash: rows[rows.length - 1]!.hash }, trx);
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
