/**
 * A transaction that takes SQLite's write lock only at its first write: BEGIN DEFERRED reads a WAL snapshot without
 * the lock, so the rollup recompute of an import reads and merges a week of rows while the server's own writes (audit
 * entries, job claims) proceed, and holds the lock only to replace the rollups. Measured on a 200 MB export: the longest
 * lock holds of the write worker were rollup windows (25–160 ms each), which left the server's writers, and with them
 * the event loop, waiting in SQLite's busy handler.
 *
 * If another connection committed after the snapshot was taken, SQLite refuses the upgrade (SQLITE_BUSY_SNAPSHOT, or
 * SQLITE_BUSY without calling the busy handler, https://www.sqlite.org/wal.html#sometimes_queries_return_sqlite_busy_in_wal_mode):
 * everything is rolled back and `work` runs again under BEGIN IMMEDIATE, as before. `work` must therefore be safe to
 * run twice (a recompute is: it reads, then replaces).
 */
import type SQLite from 'better-sqlite3';
import { inSqliteTransaction } from '../../observations/store/sqlite-observation-tx.js';

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export async function optimisticSqliteTransaction<T>(db: SQLite.Database, work: () => Promise<T>): Promise<T> {
  try {
    return await inSqliteTransaction(db, work, 'deferred');
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
  return inSqliteTransaction(db, work);
}
