/**
 * The parse side of an Apple Health import, in a worker thread so that unzipping and parsing (CPU-bound) never block
 * the event loop that answers requests, and run beside the main thread's writes on a second core. Streams the file,
 * posts samples in batches, and waits for acknowledgements so at most MAX_IN_FLIGHT batches are queued: memory stays
 * constant whatever the file size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppleHealthExportError, AppleHealthParser, type RecordError } from '../apple-health/index.js';
import { prepareSamples, type SampleInput } from '../../observations/index.js';
import { openExportSource } from './export-source.js';
import type { ImportWorkerInput, ParentMessage, WorkerMessage } from './worker-protocol.js';

const MAX_IN_FLIGHT = 2;
const MAX_ERRORS_PER_BATCH = 50;

async function run(input: ImportWorkerInput): Promise<void> {
  const port = parentPort!;
  let inFlight = 0;
  let release: (() => void) | null = null;
  port.on('message', (message: ParentMessage) => {
    if (message.type !== 'ack') return;
    inFlight -= 1;
    release?.();
  });
  const post = (message: WorkerMessage): void => port.postMessage(message);

  const source = await openExportSource(input.filePath);
  let samples: SampleInput[] = [];
  let errors: RecordError[] = [];
  let seen = 0;
  let activitySummaries = 0;
  const parser = new AppleHealthParser({
    onSample: (sample) => {
      seen += 1;
      if (seen > input.skipSamples) samples.push(sample);
    },
    onActivitySummary: () => {
      activitySummaries += 1;
    },
    onMe: (me) => post({ type: 'me', me }),
    onRecordError: (error) => {
      if (errors.length < MAX_ERRORS_PER_BATCH) errors.push(error);
    },
  });
  const flush = async (force: boolean): Promise<void> => {
    if (!force && samples.length < input.batchSize) return;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (release = resolve));
    inFlight += 1;
    post({
      type: 'batch',
      samples: prepareSamples(samples),
      sampleEnd: seen,
      xmlBytesDone: parser.stats.bytes,
      xmlBytesTotal: source.xmlBytes,
      recordErrors: errors,
    });
    samples = [];
    errors = [];
  };
  for await (const chunk of source.stream) {
    parser.write(chunk as Buffer);
    await flush(false);
  }
  const stats = parser.end();
  await flush(true);
  while (inFlight > 0) await new Promise<void>((resolve) => (release = resolve));
  post({ type: 'done', stats, activitySummaries, xmlBytesTotal: source.xmlBytes });
}

run(workerData as ImportWorkerInput).catch((error: unknown) => {
  const code = error instanceof AppleHealthExportError ? error.code : ((error as { code?: string }).code ?? 'import_failed');
  parentPort!.postMessage({
    type: 'failed',
    code,
    message: error instanceof Error ? error.message : String(error),
  } satisfies WorkerMessage);
});
