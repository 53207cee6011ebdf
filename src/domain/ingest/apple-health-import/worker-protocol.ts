/** Messages between the import job (main thread, which writes) and the parse worker (which reads, unzips, parses). */
import type { PreparedSample } from '../../observations/index.js';
import type { AppleHealthParseStats, MeCharacteristics, RecordError } from '../apple-health/index.js';

export interface ImportWorkerInput {
  readonly filePath: string;
  /** Samples already committed by an earlier run of this import: parsed again but not sent (resume). */
  readonly skipSamples: number;
  readonly batchSize: number;
}

export type WorkerMessage =
  | {
      readonly type: 'batch';
      /** Prepared here, in the worker (dedup hashes, source rows), so the writing thread only writes. */
      readonly samples: PreparedSample[];
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

export type ParentMessage = { readonly type: 'ack' };
