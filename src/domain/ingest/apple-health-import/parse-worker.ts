/**
 * Starts the parse worker. From the built package it is `import-worker.js`; from sources (tests, `npm run dev`) it is
 * the `.ts` file, which the worker can only load through tsx's loader (a dev dependency, present wherever sources run).
 */
import { Worker } from 'node:worker_threads';
import type { ImportWorkerInput } from './worker-protocol.js';

export function startParseWorker(input: ImportWorkerInput): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const url = new URL(fromSources ? './import-worker.ts' : './import-worker.js', import.meta.url);
  return new Worker(url, { workerData: input, ...(fromSources && { execArgv: ['--import', 'tsx'] }) });
}
