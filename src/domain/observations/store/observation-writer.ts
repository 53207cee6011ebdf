/**
 * Writes samples: each batch in one transaction (rows, tombstones and the rollups they touch commit together or not
 * at all), dedup by primary key, rollups recomputed from the stored rows for exactly the buckets touched.
 */
import type { SampleInput } from '../sample.js';
import type { ObservationTx, RemovedRow, WriteTransaction } from './observation-tx.js';
import { prepareSamples, type PreparedRow, type PreparedSample } from './prepared-sample.js';
import { planRollups, rollupKindOf, type TouchedSample } from './rollup-plan.js';
import { MAX_CUMULATIVE_SPAN_MS, parseSourcePriority, recomputeRange, recomputeWindow } from './rollup-compute.js';
import { OBSERVATION_TYPES } from '../catalogue/index.js';
import { DEFAULT_SOURCE_PRIORITY, type SourcePriority } from '../sources/index.js';
import { DAY_MS } from './observation-tx.js';
import { insertPackedRows, sqliteConnectionOf, sqliteFileOf } from './sqlite-observation-tx.js';
import { CODES_PER_ROW, dedupHashes, unpackRow, type PackedRows } from './packed-rows.js';

/** A week: a multiple of both bucket sizes; a week of 10-second samples in memory at most, and a short transaction. */
const RECOMPUTE_WINDOW_MS = 7 * DAY_MS;

/** Windows [from, to) of whole days covering every hour and local day that samples of `type` in `extent` touch. */
function* extentWindows(extent: { first: number; last: number }): Generator<{ from: number; to: number }> {
  // Days are local: widen by a day each side for the offset; cumulative samples reach up to 24 h past their start.
  const first = Math.floor((extent.first - DAY_MS) / DAY_MS) * DAY_MS;
  const last = Math.floor((extent.last + MAX_CUMULATIVE_SPAN_MS + DAY_MS) / DAY_MS) * DAY_MS + DAY_MS;
  for (let from = first; from < last; from += RECOMPUTE_WINDOW_MS) yield { from, to: Math.min(last, from + RECOMPUTE_WINDOW_MS) };
}

export interface RejectedSample {
  /** Index in the input array. */
  readonly index: number;
  readonly reason: string;
}

export interface WriteResult {
  readonly stored: number;
  readonly duplicates: number;
  /** Rows removed by tombstones (HealthKit deleted objects). */
  readonly deleted: number;
  /** Samples the store refused (structural problems the mappers should have caught). Nothing else is affected. */
  readonly rejected: RejectedSample[];
}

export interface WriteRequest {
  readonly personId: string;
  readonly batchId: string;
  readonly samples: readonly SampleInput[];
  /** External ids (HealthKit UUIDs) of samples deleted at the source. */
  readonly tombstones?: readonly string[];
  /**
   * Add the outcome to the ingest batch `batchId` in the same transaction (imports: a crash never leaves counts
   * that disagree with the rows). `processedItems`/`bytesDone` are absolute positions in the source.
   */
  readonly progress?: {
    readonly processedItems: number | null;
    readonly bytesDone: number | null;
    readonly failedItems?: number;
    /** Replaces the batch's `detail` (JSON), e.g. the import's type extents so far. */
    readonly detail?: string;
  };
  /**
   * Skip the rollups here: the caller (an import) recomputes them once, at the end, over the extents of what it wrote
   * (`recomputeRollups`). Per-batch recomputation re-reads and re-merges overlapping days for every batch.
   */
  readonly deferRollups?: boolean;
}

/** First and last instant of a type's samples in a write: where its rollups must be recomputed. */
export type TypeExtents = Record<string, { first: number; last: number }>;

/** Widens `extents` to cover `rows` (all accepted rows: on a resumed import, earlier inserts had no rollups yet). */
export function extendExtents(
  extents: TypeExtents,
  rows: readonly { readonly type: string; readonly start_ms: number; readonly end_ms: number }[],
): void {
  for (const row of rows) {
    const extent = extents[row.type];
    if (!extent) extents[row.type] = { first: row.start_ms, last: row.end_ms };
    else {
      if (row.start_ms < extent.first) extent.first = row.start_ms;
      if (row.end_ms > extent.last) extent.last = row.end_ms;
    }
  }
}

/** An import's checkpoint: its packed rows, written with rollups deferred, and its progress. */
export interface PackedWriteRequest {
  readonly personId: string;
  readonly batchId: string;
  readonly rows: PackedRows;
  readonly progress: NonNullable<WriteRequest['progress']>;
}

export class ObservationWriter {
  constructor(
    private readonly transaction: WriteTransaction,
    private readonly now: () => string,
  ) {}

  async write(request: WriteRequest): Promise<WriteResult> {
    return this.writePrepared({ ...request, samples: prepareSamples(request.samples) });
  }

  /** As `write`, for samples already prepared (by the import's parse worker). */
  async writePrepared(request: Omit<WriteRequest, 'samples'> & { readonly samples: readonly PreparedSample[] }): Promise<WriteResult> {
    const rejected: RejectedSample[] = [];
    request.samples.forEach((sample, index) => {
      if (!sample.ok) rejected.push({ index, reason: sample.reason });
    });
    return this.transaction(async (tx) => {
      const { rows, sourceIds } = await this.toRows(tx, request.personId, request.samples);
      let stored: number;
      const removed = await tx.deleteByExternalIds(request.personId, request.tombstones ?? []);
      if (request.deferRollups) {
        // The caller recomputes rollups over everything it wrote: which rows were new does not matter, only how many.
        stored = await tx.insertCounting(request.personId, request.batchId, rows, sourceIds);
      } else {
        const inserted = await tx.insert(request.personId, request.batchId, rows, sourceIds);
        const touched: TouchedSample[] = rows.filter((_, i) => inserted[i]);
        await this.refreshRollups(tx, request.personId, [...touched, ...removed]);
        stored = touched.length;
      }
      const result = { stored, duplicates: rows.length - stored, deleted: removed.length, rejected };
      if (request.progress) {
        await tx.recordProgress(request.batchId, {
          processedItems: request.progress.processedItems,
          bytesDone: request.progress.bytesDone,
          storedDelta: result.stored,
          duplicatesDelta: result.duplicates,
          deletedDelta: result.deleted,
          failedDelta: (request.progress.failedItems ?? 0) + rejected.length,
          detail: request.progress.detail ?? null,
          now: this.now(),
        });
      }
      return result;
    });
  }

  /**
   * The SQLite file this writer writes to, or null (PostgreSQL, in-memory SQLite): an import may then write from a
   * thread of its own over a second connection, keeping its transactions off the event loop.
   */
  async sqliteFile(): Promise<string | null> {
    return this.transaction(async (tx) => sqliteFileOf(tx));
  }

  /**
   * As `writePrepared` with `deferRollups`, for rows packed by an import's parse thread: rows and checkpoint in one
   * transaction. On SQLite the rows go straight from the columns into the statements.
   */
  async writePacked(request: PackedWriteRequest): Promise<WriteResult> {
    const { personId, batchId, rows, progress } = request;
    const dedup = dedupHashes(rows); // before the transaction: not while holding the write lock
    return this.transaction(async (tx) => {
      const sourceIds: number[] = [];
      for (const source of rows.sources) sourceIds.push(await tx.sourceId(personId, source));
      const connection = sqliteConnectionOf(tx);
      let stored: number;
      if (connection !== null) stored = insertPackedRows(connection, personId, batchId, rows, dedup, sourceIds);
      else {
        const prepared: PreparedRow[] = [];
        const rowSourceIds: number[] = [];
        for (let i = 0; i < rows.count; i++) {
          prepared.push(unpackRow(rows, i, dedup));
          rowSourceIds.push(sourceIds[rows.codes[i * CODES_PER_ROW + 1]!]!);
        }
        stored = await tx.insertCounting(personId, batchId, prepared, rowSourceIds);
      }
      const result: WriteResult = { stored, duplicates: rows.count - stored, deleted: 0, rejected: [] };
      await tx.recordProgress(batchId, {
        processedItems: progress.processedItems,
        bytesDone: progress.bytesDone,
        storedDelta: result.stored,
        duplicatesDelta: result.duplicates,
        deletedDelta: 0,
        failedDelta: (progress.failedItems ?? 0) + rows.rejected,
        detail: progress.detail ?? null,
        now: this.now(),
      });
      return result;
    });
  }

  /** Removes what one upload or import created; returns how many rows went. */
  async deleteBatch(personId: string, batchId: string): Promise<number> {
    return this.transaction(async (tx) => {
      const removed = await tx.deleteBatch(personId, batchId);
      await this.refreshRollups(tx, personId, removed);
      return removed.length;
    });
  }

  /** The accepted rows and, in parallel, their source ids (created on first sight). */
  /**
   * Sets the person's source priority (null: the default) and recomputes every cumulative rollup under it, in one
   * transaction, a month at a time (memory stays bounded whatever the history's length).
   */
  async setSourcePriority(personId: string, priority: SourcePriority | null): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.setSourcePriority(personId, priority === null ? null : JSON.stringify(priority));
      const effective = priority ?? DEFAULT_SOURCE_PRIORITY;
      for (const type of OBSERVATION_TYPES.filter((t) => rollupKindOf(t.id) === 'cumulative').map((t) => t.id)) {
        const extent = await tx.extent(personId, type);
        if (extent) for (const w of extentWindows(extent)) await recomputeWindow(tx, personId, type, 'cumulative', w.from, w.to, effective);
      }
    });
  }

  /**
   * Recomputes the rollups over the given extents (after a deferred-rollup import), one window per transaction and
   * yielding between them, so requests keep being answered while a year of data is rolled up.
   */
  async recomputeRollups(personId: string, extents: TypeExtents): Promise<void> {
    for (const [type, extent] of Object.entries(extents)) {
      if (rollupKindOf(type) === null) continue;
      for (const w of extentWindows(extent)) {
        await this.recomputeRollupWindow(personId, type, w.from, w.to);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  /** Recomputes the rollups of one type over [from, to) (whole days) in one transaction; nothing for types without. */
  async recomputeRollupWindow(personId: string, type: string, from: number, to: number): Promise<void> {
    const kind = rollupKindOf(type);
    if (kind === null) return;
    await this.transaction(async (tx) =>
      recomputeWindow(tx, personId, type, kind, from, to, parseSourcePriority(await tx.sourcePriority(personId))),
    );
  }

  private async toRows(
    tx: ObservationTx,
    personId: string,
    samples: readonly PreparedSample[],
  ): Promise<{ rows: PreparedRow[]; sourceIds: number[] }> {
    const ids = new Map<string, number>();
    const rows: PreparedRow[] = [];
    const sourceIds: number[] = [];
    for (const sample of samples) {
      if (!sample.ok) continue;
      const key = `${sample.source.source_key}\u0000${sample.source.device_key}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = await tx.sourceId(personId, sample.source)));
      rows.push(sample.row);
      sourceIds.push(id);
    }
    return { rows, sourceIds };
  }

  private async refreshRollups(tx: ObservationTx, personId: string, touched: readonly (TouchedSample | RemovedRow)[]): Promise<void> {
    if (touched.length === 0) return;
    const priority = parseSourcePriority(await tx.sourcePriority(personId));
    for (const range of planRollups(touched)) await recomputeRange(tx, personId, range, priority);
  }
}
