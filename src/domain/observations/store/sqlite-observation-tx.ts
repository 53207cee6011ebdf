/**
 * ObservationTx on the raw better-sqlite3 connection: prepared statements, run synchronously inside one
 * BEGIN IMMEDIATE … COMMIT while Kysely's connection lock is held (Database.exclusiveSqlite), so no other statement
 * of this process can interleave. Roughly twice Kysely's insert rate, which the import path needs.
 */
import type SQLite from 'better-sqlite3';
import { CODES_PER_ROW, NUMBERS_PER_ROW, type PackedRows } from './packed-rows.js';
import type { PreparedRow } from './prepared-sample.js';
import {
  DAY_MS,
  HOUR_MS,
  MAX_OFFSET_MS,
  type Aggregate,
  type BatchCheckpoint,
  type ComponentRow,
  type MergeRow,
  type ObservationTx,
  type RemovedRow,
  type RollupPeriod,
  type SourceRow,
} from './observation-tx.js';

const LOCAL_MS = '(start_ms + coalesce(utc_offset_min, 0) * 60000)';

const COLUMNS = `(person_id, type, start_ms, dedup, end_ms, value, category, components, utc_offset_min, time_zone,
  source_id, provenance, metadata, external_id, batch_id)`;
/** Rows per multi-row INSERT: 100 × 15 = 1,500 parameters, well under SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 100;
const PLACEHOLDERS = `(${new Array(15).fill('?').join(', ')})`;

/** A cumulative row as `raw` returns it: start_ms, end_ms, value, utc_offset_min, source_id, provenance, dedup. */
type CumulativeRowArray = [number, number, number, number | null, number, string, string];

function prepareAll(db: SQLite.Database) {
  return {
    insertMany: db.prepare(
      `insert into observations ${COLUMNS} values ${new Array(ROWS_PER_STATEMENT).fill(PLACEHOLDERS).join(', ')} on conflict do nothing`,
    ),
    findSource: db.prepare<[string, string, string], { id: number }>(
      'select id from observation_sources where person_id = ? and source_key = ? and device_key = ?',
    ),
    insertSource: db.prepare(
      `insert into observation_sources (person_id, source_key, device_key, name, version, bundle_id, device, source_class, created_at)
       values (@person_id, @source_key, @device_key, @name, @version, @bundle_id, @device, @source_class, @created_at)
       on conflict do nothing`,
    ),
    insert: db.prepare(
      `insert into observations (person_id, type, start_ms, dedup, end_ms, value, category, components, utc_offset_min, time_zone,
         source_id, provenance, metadata, external_id, batch_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict do nothing`,
    ),
    deleteExternal: db.prepare<[string, string], RemovedRow>(
      'delete from observations where person_id = ? and external_id = ? returning type, start_ms, end_ms, utc_offset_min',
    ),
    deleteBatch: db.prepare<[string, string], RemovedRow>(
      'delete from observations where person_id = ? and batch_id = ? returning type, start_ms, end_ms, utc_offset_min',
    ),
    hourAggregates: db.prepare<[string, string, number, number], Aggregate>(
      `select start_ms / ${HOUR_MS} * ${HOUR_MS} as bucket, count(*) as count, sum(value) as sum, min(value) as min, max(value) as max
       from observations where person_id = ? and type = ? and start_ms >= ? and start_ms < ? and value is not null
       group by 1 order by 1`,
    ),
    dayAggregates: db.prepare<[string, string, number, number, number, number], Aggregate>(
      `select ${LOCAL_MS} / ${DAY_MS} * ${DAY_MS} as bucket, count(*) as count, sum(value) as sum, min(value) as min, max(value) as max
       from observations where person_id = ? and type = ? and start_ms >= ? and start_ms < ? and value is not null
         and ${LOCAL_MS} >= ? and ${LOCAL_MS} < ?
       group by 1 order by 1`,
    ),
    // No join: each row's source is looked up in the person's few sources (a join costs ~1 µs per row). Rows as arrays
    // (`raw`): a recompute reads every row of a week of 10-second samples, and arrays cost ~30 % less than objects.
    cumulativeRows: db
      .prepare<[string, string, number, number], CumulativeRowArray>(
        `select start_ms, end_ms, value, utc_offset_min, source_id, provenance, dedup
         from observations where person_id = ? and type = ? and start_ms >= ? and start_ms < ? and value is not null`,
      )
      .raw(true),
    sources: db.prepare<[string], { id: number; source_key: string; source_class: string }>(
      'select id, source_key, source_class from observation_sources where person_id = ?',
    ),
    componentRows: db.prepare<[string, string, number, number], ComponentRow>(
      `select start_ms, utc_offset_min, components from observations
       where person_id = ? and type = ? and start_ms >= ? and start_ms < ? and components is not null`,
    ),
    deleteRollups: db.prepare(
      'delete from observation_rollups where person_id = ? and type = ? and period = ? and bucket >= ? and bucket < ?',
    ),
    insertRollup: db.prepare(
      'insert into observation_rollups (person_id, type, period, bucket, count, sum, min, max) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    recordProgress: db.prepare(
      `update ingest_batches set processed_items = coalesce(@processed, processed_items), bytes_done = coalesce(@bytes, bytes_done),
         stored = stored + @stored, duplicates = duplicates + @duplicates, deleted = deleted + @deleted,
         failed_items = failed_items + @failed, detail = coalesce(@detail, detail), updated_at = @now
       where id = @id`,
    ),
    setSourcePriority: db.prepare('update users set source_priority = ? where id = ?'),
    extent: db.prepare<[string, string], { first: number | null; last: number | null }>(
      'select min(start_ms) as first, max(start_ms) as last from observations where person_id = ? and type = ?',
    ),
    sourcePriority: db.prepare<[string], { source_priority: string | null }>('select source_priority from users where id = ?'),
  };
}

type Statements = ReturnType<typeof prepareAll>;
const statementsByConnection = new WeakMap<SQLite.Database, Statements>();

function statementsOf(db: SQLite.Database): Statements {
  let statements = statementsByConnection.get(db);
  if (!statements) {
    statements = prepareAll(db);
    statementsByConnection.set(db, statements);
  }
  return statements;
}

const connectionOf = new WeakMap<ObservationTx, SQLite.Database>();

export function sqliteObservationTx(db: SQLite.Database, now: () => string): ObservationTx {
  const s = statementsOf(db);
  const tx: ObservationTx = {
    sourceId: async (personId: string, source: SourceRow) => {
      const found = s.findSource.get(personId, source.source_key, source.device_key);
      if (found) return found.id;
      s.insertSource.run({ person_id: personId, ...source, created_at: now() });
      return s.findSource.get(personId, source.source_key, source.device_key)!.id;
    },
    insertCounting: async (personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]) => {
      let inserted = 0;
      let i = 0;
      const values: unknown[] = new Array(ROWS_PER_STATEMENT * 15);
      for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
        for (let j = 0; j < ROWS_PER_STATEMENT; j++) {
          const r = rows[i + j]!;
          const k = j * 15;
          values[k] = personId;
          values[k + 1] = r.type;
          values[k + 2] = r.start_ms;
          values[k + 3] = r.dedup;
          values[k + 4] = r.end_ms;
          values[k + 5] = r.value;
          values[k + 6] = r.category;
          values[k + 7] = r.components;
          values[k + 8] = r.utc_offset_min;
          values[k + 9] = r.time_zone;
          values[k + 10] = sourceIds[i + j];
          values[k + 11] = r.provenance;
          values[k + 12] = r.metadata;
          values[k + 13] = r.external_id;
          values[k + 14] = batchId;
        }
        inserted += s.insertMany.run(values).changes;
      }
      for (; i < rows.length; i++) {
        const r = rows[i]!;
        const args = [personId, r.type, r.start_ms, r.dedup, r.end_ms, r.value, r.category, r.components, r.utc_offset_min, r.time_zone];
        inserted += s.insert.run(...args, sourceIds[i], r.provenance, r.metadata, r.external_id, batchId).changes;
      }
      return inserted;
    },
    insert: async (personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]) => {
      const inserted = new Array<boolean>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const result = s.insert.run(
          personId,
          r.type,
          r.start_ms,
          r.dedup,
          r.end_ms,
          r.value,
          r.category,
          r.components,
          r.utc_offset_min,
          r.time_zone,
          sourceIds[i],
          r.provenance,
          r.metadata,
          r.external_id,
          batchId,
        );
        inserted[i] = result.changes === 1;
      }
      return inserted;
    },
    deleteByExternalIds: async (personId: string, externalIds: readonly string[]) =>
      externalIds.flatMap((id) => s.deleteExternal.all(personId, id)),
    deleteBatch: async (personId: string, batchId: string) => s.deleteBatch.all(personId, batchId),
    hourAggregates: async (personId: string, type: string, fromMs: number, toMs: number) =>
      s.hourAggregates.all(personId, type, fromMs, toMs),
    dayAggregates: async (personId: string, type: string, fromKey: number, toKey: number) =>
      s.dayAggregates.all(personId, type, fromKey - MAX_OFFSET_MS, toKey + MAX_OFFSET_MS, fromKey, toKey),
    cumulativeRows: async (personId: string, type: string, fromMs: number, toMs: number) => {
      const sources = new Map(s.sources.all(personId).map((source) => [source.id, source]));
      // One literal per row (no spread): a recompute reads every row of a week of 10-second samples.
      return s.cumulativeRows.all(personId, type, fromMs, toMs).map((row): MergeRow => {
        const source = sources.get(row[4])!;
        return {
          start_ms: row[0],
          end_ms: row[1],
          value: row[2],
          utc_offset_min: row[3],
          source_key: source.source_key,
          source_class: source.source_class,
          provenance: row[5],
          dedup: row[6],
        };
      });
    },
    componentRows: async (personId: string, type: string, fromMs: number, toMs: number) =>
      s.componentRows.all(personId, type, fromMs, toMs),
    replaceRollups: async (
      personId: string,
      type: string,
      period: RollupPeriod,
      fromBucket: number,
      toBucket: number,
      rows: readonly Aggregate[],
    ) => {
      s.deleteRollups.run(personId, type, period, fromBucket, toBucket);
      for (const r of rows) s.insertRollup.run(personId, type, period, r.bucket, r.count, r.sum, r.min, r.max);
    },
    recordProgress: async (batchId: string, p: BatchCheckpoint) => {
      s.recordProgress.run({
        id: batchId,
        processed: p.processedItems,
        bytes: p.bytesDone,
        stored: p.storedDelta,
        duplicates: p.duplicatesDelta,
        deleted: p.deletedDelta,
        failed: p.failedDelta,
        detail: p.detail,
        now: p.now,
      });
    },
    setSourcePriority: async (personId: string, priority: string | null) => {
      s.setSourcePriority.run(priority, personId);
    },
    extent: async (personId: string, type: string) => {
      const row = s.extent.get(personId, type);
      return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
    },
    sourcePriority: async (personId: string) => s.sourcePriority.get(personId)?.source_priority ?? null,
  };
  connectionOf.set(tx, db);
  return tx;
}

/** NaN (a packed row's null) as null. */
function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * Inserts packed rows (row i with hash dedup[i], from source sourceIds[codes of i]) inside the caller's transaction; returns how many were
 * new. The import's writer thread: no row objects, 100 rows per statement.
 */
export function insertPackedRows(
  db: SQLite.Database,
  personId: string,
  batchId: string,
  rows: PackedRows,
  dedup: readonly string[],
  sourceIds: readonly number[],
): number {
  const s = statementsOf(db);
  const { numbers, codes, strings } = rows;
  const values: unknown[] = new Array(ROWS_PER_STATEMENT * 15);
  const fill = (target: unknown[], k: number, i: number): void => {
    const n = i * NUMBERS_PER_ROW;
    const c = i * CODES_PER_ROW;
    const zone = codes[c + 2]!;
    const category = codes[c + 3]!;
    target[k] = personId;
    target[k + 1] = strings[codes[c]!];
    target[k + 2] = numbers[n];
    target[k + 3] = dedup[i];
    target[k + 4] = numbers[n + 1];
    target[k + 5] = nullIfNaN(numbers[n + 2]!);
    target[k + 6] = category < 0 ? null : strings[category];
    target[k + 7] = rows.components[i];
    target[k + 8] = nullIfNaN(numbers[n + 3]!);
    target[k + 9] = zone < 0 ? null : strings[zone];
    target[k + 10] = sourceIds[codes[c + 1]!];
    target[k + 11] = strings[codes[c + 4]!];
    target[k + 12] = rows.metadata[i];
    target[k + 13] = rows.externalIds[i];
    target[k + 14] = batchId;
  };
  let inserted = 0;
  let i = 0;
  for (; i + ROWS_PER_STATEMENT <= rows.count; i += ROWS_PER_STATEMENT) {
    for (let j = 0; j < ROWS_PER_STATEMENT; j++) fill(values, j * 15, i + j);
    inserted += s.insertMany.run(values).changes;
  }
  const one: unknown[] = new Array(15);
  for (; i < rows.count; i++) {
    fill(one, 0, i);
    inserted += s.insert.run(one).changes;
  }
  return inserted;
}

/** The file of the connection behind a transaction of this adapter; null for in-memory databases and other adapters. */
export function sqliteFileOf(tx: ObservationTx): string | null {
  const db = connectionOf.get(tx);
  return db === undefined || db.memory ? null : db.name;
}

/** The raw connection behind a transaction of this adapter (held for the transaction), else null. */
export function sqliteConnectionOf(tx: ObservationTx): SQLite.Database | null {
  return connectionOf.get(tx) ?? null;
}

/**
 * Runs `work` in BEGIN IMMEDIATE … COMMIT on the raw connection (the caller holds Kysely's connection lock); `deferred`
 * takes the write lock only at the first write.
 */
export async function inSqliteTransaction<T>(
  db: SQLite.Database,
  work: () => Promise<T>,
  begin: 'immediate' | 'deferred' = 'immediate',
): Promise<T> {
  db.exec(`begin ${begin}`);
  try {
    const result = await work();
    db.exec('commit');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('rollback');
    throw error;
  }
}
