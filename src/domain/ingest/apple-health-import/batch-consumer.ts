/**
 * The writing side of an import, wherever it runs (the write worker, or the main thread when the database cannot be
 * opened twice): each batch is one transaction with its checkpoint (samples consumed, bytes read, counts, and the time
 * extent per type written so far). Rollup windows the import has moved past are recomputed between batches
 * (rollup-schedule.ts); the rest when the document ends. Messages are handled strictly one after another, in arrival
 * order.
 */
import { rollupKindOf } from '../../observations/store/rollup-plan.js';
import type { ObservationWriter, TypeExtents } from '../../observations/store/observation-writer.js';
import { typeSpans, type PackedRows } from '../../observations/store/packed-rows.js';
import { RollupSchedule, type RollupWindow } from './rollup-schedule.js';
import type { WorkerMessage, WriterEvent } from './worker-protocol.js';

/**
 * Progress is told at most this often (and always before the end): a 1 GiB export is 2,600 batches, and a message per
 * batch cost the writer ~4 % of its time (CPU profile, 200 MB import) and the event loop as many wake-ups, for a progress bar nobody reads that fast.
 */
const PROGRESS_INTERVAL_MS = 100;

export interface ConsumerRun {
  readonly personId: string;
  readonly batchId: string;
  /** The batch's detail so far: kept, with `extents` updated at each checkpoint. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export class BatchConsumer {
  // Checkpointed with the rows, so a resumed import also rolls up what its killed predecessor wrote.
  private readonly extents: TypeExtents;
  private readonly schedule = new RollupSchedule();
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Progress not told yet (its record errors accumulate until it is), and when it was last told. */
  private pending: Extract<WriterEvent, { type: 'progress' }> | null = null;
  private lastToldAt = 0;

  constructor(
    private readonly writer: ObservationWriter,
    private readonly run: ConsumerRun,
    private readonly emit: (event: WriterEvent) => void,
    /** Tells the parse worker a batch is committed (its backpressure) and hands the batch's buffers back. */
    private readonly ack: (rows: PackedRows) => void,
    /** Recomputes rollup windows: the same writer, or one whose transactions take the write lock late. */
    private readonly rollupWriter: ObservationWriter = writer,
  ) {
    this.extents = { ...((run.detail['extents'] as TypeExtents | undefined) ?? {}) };
  }

  /** Queues a parse worker's message; rejects (and drops the rest) when writing fails. */
  handle(message: WorkerMessage): Promise<void> {
    this.queue = this.queue.then(() => (this.stopped ? undefined : this.consume(message)));
    this.queue.catch(() => (this.stopped = true));
    return this.queue;
  }

  private async consume(message: WorkerMessage): Promise<void> {
    switch (message.type) {
      case 'me':
        this.emit(message);
        return;
      case 'batch': {
        const spans = this.extend(message.rows);
        await this.writer.writePacked({
          personId: this.run.personId,
          batchId: this.run.batchId,
          rows: message.rows,
          progress: {
            processedItems: message.sampleEnd,
            bytesDone: message.xmlBytesDone,
            failedItems: message.recordErrors.length,
            detail: JSON.stringify({ ...this.run.detail, extents: this.extents }),
          },
        });
        this.ack(message.rows); // the rows are not read after this: their buffers go back
        this.pending = {
          type: 'progress',
          xmlBytesDone: message.xmlBytesDone,
          xmlBytesTotal: message.xmlBytesTotal,
          samplesDone: message.sampleEnd,
          // The import keeps the first 200 errors (import-runner.ts): more need not wait here.
          recordErrors: [...(this.pending?.recordErrors ?? []), ...message.recordErrors].slice(0, 200),
        };
        if (Date.now() - this.lastToldAt >= PROGRESS_INTERVAL_MS) this.tellProgress();
        for (const [type, span] of spans) this.schedule.observe(type, span.earliest, span.latest, this.extents);
        await this.recompute(this.schedule.ready());
        return;
      }
      case 'done':
        this.tellProgress();
        await this.recompute(this.schedule.remaining(this.extents));
        this.stopped = true;
        this.emit({
          type: 'done',
          detail: {
            ...message.stats,
            activity_summaries: message.activitySummaries,
            xml_bytes: message.xmlBytesTotal ?? message.stats.bytes,
          },
        });
        return;
      case 'failed':
        this.tellProgress();
        this.stopped = true;
        this.emit(message);
        return;
    }
  }

  private tellProgress(): void {
    if (this.pending === null) return;
    this.emit(this.pending);
    this.pending = null;
    this.lastToldAt = Date.now();
  }

  /** Widens the extents to the batch's rows; returns the spans of its types that have rollups. */
  private extend(rows: PackedRows): Map<string, { earliest: number; latest: number }> {
    const spans = typeSpans(rows);
    for (const [type, span] of spans) {
      const extent = this.extents[type];
      if (!extent) this.extents[type] = { first: span.earliest, last: span.lastEnd };
      else {
        if (span.earliest < extent.first) extent.first = span.earliest;
        if (span.lastEnd > extent.last) extent.last = span.lastEnd;
      }
      if (rollupKindOf(type) === null) spans.delete(type);
    }
    return spans;
  }

  /** One window per transaction, yielding between them (on the main thread, requests are answered meanwhile). */
  private async recompute(windows: readonly RollupWindow[]): Promise<void> {
    for (const w of windows) {
      if (rollupKindOf(w.type) === null) continue;
      await this.rollupWriter.recomputeRollupWindow(this.run.personId, w.type, w.from, w.to);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
