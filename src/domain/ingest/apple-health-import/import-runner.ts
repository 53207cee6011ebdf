/**
 * Runs one Apple Health import: the worker parses, this thread writes each batch in one transaction together with the
 * batch's checkpoint (samples consumed, bytes read, counts). Killed at any point, the import resumes from the last
 * committed checkpoint and ends with exactly the rows and counts of a clean run: the parse is deterministic, so
 * skipping the committed samples lands on the same place, and dedup keys make any overlap harmless.
 */
import { extendExtents, type ObservationStore, type TypeExtents } from '../../observations/index.js';
import type { MeCharacteristics, RecordError } from '../apple-health/index.js';
import { startParseWorker } from './parse-worker.js';
import type { ParentMessage, WorkerMessage } from './worker-protocol.js';

export const IMPORT_BATCH_SIZE = 5000;

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

export function runAppleHealthImport(run: ImportRun): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const worker = startParseWorker({ filePath: run.filePath, skipSamples: run.skipSamples, batchSize: IMPORT_BATCH_SIZE });
    let me: MeCharacteristics | null = null;
    // Rollups are recomputed once at the end over these extents; they are checkpointed with the rows, so a resumed
    // import also covers what its killed predecessor wrote.
    const extents: TypeExtents = { ...((run.detail['extents'] as TypeExtents | undefined) ?? {}) };
    const recordErrors: RecordError[] = [];
    let finished = false;
    // Batches are written strictly one after another, in arrival order.
    let writing: Promise<void> = Promise.resolve();
    const finish = (outcome: ImportOutcome | Error): void => {
      if (finished) return;
      finished = true;
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.on('message', (message: WorkerMessage) => {
      writing = writing.then(async () => {
        if (finished) return;
        switch (message.type) {
          case 'me':
            me = message.me;
            return;
          case 'batch': {
            for (const error of message.recordErrors) if (recordErrors.length < MAX_KEPT_ERRORS) recordErrors.push(error);
            extendExtents(
              extents,
              message.samples.flatMap((s) => (s.ok ? [s.row] : [])),
            );
            await run.store.writer.writePrepared({
              personId: run.personId,
              batchId: run.batchId,
              samples: message.samples,
              deferRollups: true,
              progress: {
                processedItems: message.sampleEnd,
                bytesDone: message.xmlBytesDone,
                failedItems: message.recordErrors.length,
                detail: JSON.stringify({ ...run.detail, extents }),
              },
            });
            worker.postMessage({ type: 'ack' } satisfies ParentMessage);
            run.onProgress?.({ xmlBytesDone: message.xmlBytesDone, xmlBytesTotal: message.xmlBytesTotal, samplesDone: message.sampleEnd });
            return;
          }
          case 'done':
            await run.store.writer.recomputeRollups(run.personId, extents);
            finish({
              state: 'completed',
              me,
              recordErrors,
              detail: {
                ...message.stats,
                activity_summaries: message.activitySummaries,
                xml_bytes: message.xmlBytesTotal ?? message.stats.bytes,
              },
            });
            return;
          case 'failed':
            finish({ state: 'failed', errorCode: message.code, errorMessage: message.message, me, recordErrors, detail: {} });
            return;
        }
      });
      writing.catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`the import worker exited (code ${code}) before finishing`)));
  });
}
