/**
 * Runs one Apple Health import: the parse worker reads, unzips, parses and packs rows; the writing side writes each
 * batch in one transaction together with the batch's checkpoint (samples consumed, bytes read, counts) and, at the end,
 * recomputes the rollups (batch-consumer.ts). On a SQLite file the writing side is a worker of its own, fed by the parse
 * worker directly, so the event loop only hears about progress; otherwise (PostgreSQL, in-memory SQLite) it is this
 * thread. Killed at any point, the import resumes from the last committed checkpoint and ends with exactly the rows and
 * counts of a clean run: the parse is deterministic, so skipping the committed samples lands on the same place, and
 * dedup keys make any overlap harmless.
 */
import { MessageChannel, type Worker } from 'node:worker_threads';
import type { ObservationStore } from '../../observations/index.js';
import type { MeCharacteristics, RecordError } from '../apple-health/index.js';
import { BatchConsumer } from './batch-consumer.js';
import { startParseWorker, startWriteWorker } from './parse-worker.js';
import { ackOf, type WorkerMessage, type WriterEvent } from './worker-protocol.js';

/**
 * Samples per checkpoint: one transaction of a few milliseconds. The server's own writes wait for the lock in SQLite's
 * busy handler (blocking their event loop, retrying every few ms); 2,500-row transactions made them wait up to 1 s.
 */
export const IMPORT_BATCH_SIZE = 1000;

export interface ImportProgress {
  readonly xmlBytesDone: number;
  readonly xmlBytesTotal: number | null;
  readonly samplesDone: number;
}

export interface ImportOutcome {
  readonly state: 'completed' | 'failed';
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly me: MeCharacteristics | null;
  readonly recordErrors: RecordError[];
  readonly detail: Record<string, unknown>;
}

export interface ImportRun {
  readonly store: ObservationStore;
  readonly personId: string;
  readonly batchId: string;
  readonly filePath: string;
  /** Samples committed by an earlier, interrupted run (the batch's processed_items). */
  readonly skipSamples: number;
  /** The batch's detail so far: kept, with `extents` (per type, what the import covered) updated at each checkpoint. */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly onProgress?: (progress: ImportProgress) => void;
}

const MAX_KEPT_ERRORS = 200;

export async function runAppleHealthImport(run: ImportRun): Promise<ImportOutcome> {
  const file = await run.store.writer.sqliteFile();
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let me: MeCharacteristics | null = null;
    const recordErrors: RecordError[] = [];
    let finished = false;
    const finish = (outcome: ImportOutcome | Error): void => {
      if (finished) return;
      finished = true;
      // Both threads are gone (and the writer's transaction rolled back) before the caller may clean up after a failure.
      void Promise.all(workers.map((worker) => worker.terminate())).then(() =>
        outcome instanceof Error ? reject(outcome) : resolve(outcome),
      );
    };
    const onEvent = (event: WriterEvent): void => {
      switch (event.type) {
        case 'me':
          me = event.me;
          return;
        case 'progress':
          for (const error of event.recordErrors) if (recordErrors.length < MAX_KEPT_ERRORS) recordErrors.push(error);
          run.onProgress?.({ xmlBytesDone: event.xmlBytesDone, xmlBytesTotal: event.xmlBytesTotal, samplesDone: event.samplesDone });
          return;
        case 'done':
          finish({ state: 'completed', me, recordErrors, detail: event.detail });
          return;
        case 'failed':
          finish({ state: 'failed', errorCode: event.code, errorMessage: event.message, me, recordErrors, detail: {} });
          return;
      }
    };
    /** `endsAlone`: the worker ends by itself once its part is done (the parse worker feeding a write worker). */
    const watch = (worker: Worker, name: string, endsAlone = false): Worker => {
      workers.push(worker);
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (code !== 0 || !endsAlone) finish(new Error(`the import's ${name} worker exited (code ${code}) before finishing`));
      });
      return worker;
    };
    const parse = { filePath: run.filePath, skipSamples: run.skipSamples, batchSize: IMPORT_BATCH_SIZE };
    if (file !== null) {
      const channel = new MessageChannel();
      const detail = run.detail;
      watch(startWriteWorker({ file, personId: run.personId, batchId: run.batchId, detail, input: channel.port2 }), 'write').on(
        'message',
        onEvent,
      );
      watch(startParseWorker({ ...parse, output: channel.port1 }), 'parse', true);
      return;
    }
    const parser = watch(startParseWorker(parse), 'parse');
    const consumer = new BatchConsumer(run.store.writer, run, onEvent, (rows) => parser.postMessage(...ackOf(rows)));
    parser.on('message', (message: WorkerMessage) => {
      consumer.handle(message).catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
  });
}
