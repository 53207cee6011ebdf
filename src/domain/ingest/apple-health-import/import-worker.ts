/**
 * The parse side of an Apple Health import, in a worker thread so that unzipping and parsing (CPU-bound) never block
 * the event loop that answers requests. Streams the file, packs samples into batches of rows (dedup hashes, source
 * rows: see packed-rows.ts), and waits for acknowledgements so at most MAX_IN_FLIGHT batches are queued: memory stays
 * constant whatever the file size.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppleHealthExportError, AppleHealthParser, type RecordError } from '../apple-health/index.js';
import { PackedRowsBuilder, transferablesOf } from '../../observations/store/packed-rows.js';
import { openExportSource } from './export-source.js';
import type { ImportWorkerInput, ParentMessage, WorkerMessage } from './worker-protocol.js';

// Eight batches (~2 MB) absorb the writer's pauses (a rollup window, a checkpoint) so the parser rarely waits.
const MAX_IN_FLIGHT = 8;
const MAX_ERRORS_PER_BATCH = 50;

async function run(input: ImportWorkerInput, port: MessagePort): Promise<void> {
  const batch = new PackedRowsBuilder(input.batchSize);
  let inFlight = 0;
  let release: (() => void) | null = null;
  port.on('message', (message: ParentMessage) => {
    if (message.type !== 'ack') return;
    inFlight -= 1;
    batch.recycle(message.buffers);
    release?.();
  });

  const source = await openExportSource(input.filePath);
  let errors: RecordError[] = [];
  let seen = 0;
  let activitySummaries = 0;
  const parser = new AppleHealthParser({
    onSample: (sample) => {
      seen += 1;
      if (seen > input.skipSamples) batch.add(sample);
    },
    onActivitySummary: () => {
      activitySummaries += 1;
    },
    onMe: (me) => port.postMessage({ type: 'me', me } satisfies WorkerMessage),
    onRecordError: (error) => {
      if (errors.length < MAX_ERRORS_PER_BATCH) errors.push(error);
    },
  });
  const flush = async (force: boolean): Promise<void> => {
    if (!force && batch.size < input.batchSize) return;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
    inFlight += 1;
    const rows = batch.take();
    const message: WorkerMessage = {
      type: 'batch',
      rows,
      sampleEnd: seen,
      xmlBytesDone: parser.stats.bytes,
      xmlBytesTotal: source.xmlBytes,
      recordErrors: errors,
    };
    port.postMessage(message, transferablesOf(rows));
    errors = [];
  };
  for await (const chunk of source.stream) {
    parser.write(chunk as Buffer);
    await flush(false);
  }
  const stats = parser.end();
  await flush(true);
  while (inFlight > 0) await new Promise<void>((resolve) => (release = resolve));
  port.postMessage({ type: 'done', stats, activitySummaries, xmlBytesTotal: source.xmlBytes } satisfies WorkerMessage);
}

const input = workerData as ImportWorkerInput;
const port = input.output ?? (parentPort as unknown as MessagePort);
run(input, port).catch((error: unknown) => {
  const code = error instanceof AppleHealthExportError ? error.code : ((error as { code?: string }).code ?? 'import_failed');
  port.postMessage({
    type: 'failed',
    code,
    message: error instanceof Error ? error.message : String(error),
  } satisfies WorkerMessage);
});
