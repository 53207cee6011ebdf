/**
 * What the store needs from the database inside one write transaction, batch-oriented so the SQLite adapter can use
 * raw prepared statements (the import path) and the PostgreSQL one multi-row statements. Two adapters implement it:
 * sqlite-observation-tx.ts and postgres-observation-tx.ts; the rules live in observation-writer.ts, once.
 */
import type { PreparedRow } from './prepared-sample.js';

export interface SourceRow {
  readonly source_key: string;
  /** '' when the sample names no device. */
  readonly device_key: string;
  readonly name: string;
  readonly version: string | null;
  readonly bundle_id: string | null;
  readonly device: string | null;
  readonly source_class: string;
}

/** A cumulative sample as the priority merge needs it. */
export interface MergeRow {
  readonly start_ms: number;
  readonly end_ms: number;
  readonly value: number;
  readonly utc_offset_min: number | null;
  readonly source_key: string;
  readonly source_class: string;
  readonly provenance: string;
  readonly dedup: string;
}

export interface ComponentRow {
  readonly start_ms: number;
  readonly utc_offset_min: number | null;
  readonly components: string;
}

export interface Aggregate {
  readonly bucket: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** Enough of a deleted row to know which rollup buckets it touched. */
export interface RemovedRow {
  readonly type: string;
  readonly start_ms: number;
  readonly end_ms: number;
  readonly utc_offset_min: number | null;
}

export type RollupPeriod = 'hour' | 'day';

export interface BatchCheckpoint {
  /** Items of the source consumed so far (absolute), and bytes read, when the caller tracks them. */
  readonly processedItems: number | null;
  readonly bytesDone: number | null;
  readonly storedDelta: number;
  readonly duplicatesDelta: number;
  readonly deletedDelta: number;
  readonly failedDelta: number;
  /** Replaces the batch's detail JSON when not null. */
  readonly detail: string | null;
  readonly now: string;
}

export interface ObservationTx {
  /** The id of the person's source row, created when new. */
  sourceId(personId: string, source: SourceRow): Promise<number>;
  /**
   * Inserts the person's rows (row i from source sourceIds[i]) whose primary key is new; returns, per row, whether it
   * was inserted (false: a duplicate). Parallel arrays, not merged objects: this is the import's innermost loop.
   */
  insert(personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]): Promise<boolean[]>;
  /** As `insert`, returning only how many rows were new (the import path: fewer, larger statements). */
  insertCounting(personId: string, batchId: string, rows: readonly PreparedRow[], sourceIds: readonly number[]): Promise<number>;
  deleteByExternalIds(personId: string, externalIds: readonly string[]): Promise<RemovedRow[]>;
  deleteBatch(personId: string, batchId: string): Promise<RemovedRow[]>;
  /** Discrete quantity aggregates per UTC hour, samples starting in [fromMs, toMs). */
  hourAggregates(personId: string, type: string, fromMs: number, toMs: number): Promise<Aggregate[]>;
  /** Discrete quantity aggregates per local date (bucket = Date.UTC of the date), dates in [fromKey, toKey). */
  dayAggregates(personId: string, type: string, fromKey: number, toKey: number): Promise<Aggregate[]>;
  /** Cumulative samples starting in [fromMs, toMs), with their source. */
  cumulativeRows(personId: string, type: string, fromMs: number, toMs: number): Promise<MergeRow[]>;
  /** Correlation samples starting in [fromMs, toMs). */
  componentRows(personId: string, type: string, fromMs: number, toMs: number): Promise<ComponentRow[]>;
  /** Replaces the person's rollups of `type` and `period` with buckets in [fromBucket, toBucket) by `rows`. */
  replaceRollups(
    personId: string,
    type: string,
    period: RollupPeriod,
    fromBucket: number,
    toBucket: number,
    rows: readonly Aggregate[],
  ): Promise<void>;
  /** Adds this write's outcome to its ingest batch, in the same transaction (exact counts across a crash and resume). */
  recordProgress(batchId: string, progress: BatchCheckpoint): Promise<void>;
  /** The person's stored source priority (JSON), or null for the default. */
  sourcePriority(personId: string): Promise<string | null>;
  setSourcePriority(personId: string, priority: string | null): Promise<void>;
  /** First and last start of the person's rows of `type`, or null when there are none. */
  extent(personId: string, type: string): Promise<{ readonly first: number; readonly last: number } | null>;
}

/** Runs `work` in one write transaction: everything it did commits together or not at all. */
export type WriteTransaction = <T>(work: (tx: ObservationTx) => Promise<T>) => Promise<T>;

/** Widest offset from UTC a local date can have (ISO 8601 / java.time bound), so day queries know how far to look. */
export const MAX_OFFSET_MS = 18 * 3_600_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
