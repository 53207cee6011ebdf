/**
 * Starts the parse worker. From the built package it is `import-worker.js`. From sources (tests, `npm run dev`) it is
 * the `.ts` file, which a worker can only load after registering tsx's loader inside that worker (loader hooks given to
 * the parent via `--import` do not reach workers on Node 20); tsx is a dev dependency, present wherever sources run.
 */
import { Worker } from 'node:worker_threads';
import type { ImportWorkerInput } from './worker-protocol.js';

/**
 * The worker holds a chunk, one batch being filled and at most two posted: a small, bounded heap. Capping it makes V8
 * collect instead of growing (the import's peak RSS budget is 256 MB for the whole server).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

export function startParseWorker(input: ImportWorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./import-worker.js', import.meta.url), { workerData: input, resourceLimits: WORKER_LIMITS });
  }
  const entry = new URL('./import-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input, resourceLimits: { ...WORKER_LIMITS, maxOldGenerationSizeMb: 256 } });
}
