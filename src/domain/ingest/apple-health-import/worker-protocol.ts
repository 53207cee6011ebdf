/**
 * Messages of an import's threads. The parse worker (reads, unzips, parses, packs rows) sends batches to whoever writes
 * them: the write worker (file-backed SQLite, over a channel of their own, so batches never touch the event loop) or
 * the main thread (PostgreSQL, in-memory SQLite). The write worker reports progress and the outcome to the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { buffersOf, type PackedBuffers, type PackedRows } from '../../observations/store/packed-rows.js';
import type { AppleHealthParseStats, MeCharacteristics, RecordError } from '../apple-health/index.js';

export interface ImportWorkerInput {
  readonly filePath: string;
  /** Samples already committed by an earlier run of this import: parsed again but not sent (resume). */
  readonly skipSamples: number;
  readonly batchSize: number;
  /** Where batches go and acknowledgements come from: the write worker's channel; the parent when absent. */
  readonly output?: MessagePort;
}

export type WorkerMessage =
  | {
      readonly type: 'batch';
      /** Prepared in the parse worker (dedup hashes, source rows), so the writing thread only writes. */
      readonly rows: PackedRows;
      /** Samples of the document up to and including this batch (absolute; the resume point once committed). */
      readonly sampleEnd: number;
      readonly xmlBytesDone: number;
      readonly xmlBytesTotal: number | null;
      readonly recordErrors: RecordError[];
    }
  | { readonly type: 'me'; readonly me: MeCharacteristics }
  | {
      readonly type: 'done';
      readonly stats: AppleHealthParseStats;
      readonly activitySummaries: number;
      readonly xmlBytesTotal: number | null;
    }
  | { readonly type: 'failed'; readonly code: string; readonly message: string };

/** A batch is written: the parse worker may send another, and reuse the batch's buffers (transferred back). */
export type ParentMessage = { readonly type: 'ack'; readonly buffers: PackedBuffers };

/** The acknowledgement of `rows`, with the transfer list that hands their buffers back. */
export function ackOf(rows: PackedRows): [ParentMessage, ArrayBuffer[]] {
  const buffers = buffersOf(rows);
  return [{ type: 'ack', buffers }, [buffers.numbers, buffers.codes, buffers.keyBytes, buffers.keyEnds]];
}

export interface WriteWorkerInput {
  readonly file: string;
  readonly personId: string;
  readonly batchId: string;
  readonly detail: Readonly<Record<string, unknown>>;
  /** The parse worker's batches. */
  readonly input: MessagePort;
}

/** What the writing side (write worker or main thread) reports about the import. */
export type WriterEvent =
  | {
      readonly type: 'progress';
      readonly xmlBytesDone: number;
      readonly xmlBytesTotal: number | null;
      readonly samplesDone: number;
      readonly recordErrors: RecordError[];
    }
  | { readonly type: 'me'; readonly me: MeCharacteristics }
  /** The document is read, written and rolled up. */
  | { readonly type: 'done'; readonly detail: Record<string, unknown> }
  | { readonly type: 'failed'; readonly code: string; readonly message: string };
