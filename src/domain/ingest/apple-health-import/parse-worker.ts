/**
 * Starts the import's worker threads. From the built package a worker is its `.js` file. From sources (tests,
 * `npm run dev`) it is the `.ts` file, which a worker can only load after registering tsx's loader inside that worker
 * (loader hooks given to the parent via `--import` do not reach workers on Node 20); tsx is a dev dependency, present
 * wherever sources run.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';
import type { ImportWorkerInput, WriteWorkerInput } from './worker-protocol.js';

/**
 * Bounded old generations: capping them makes V8 collect instead of growing (the import's peak RSS budget is 256 MB for
 * the whole server). The parse worker holds a chunk, one top-level element and the batches in flight; the write worker
 * also a week of one type's rows while it recomputes their rollups. The young generation: with 4 MB the collector took
 * ~12 % of each worker's CPU, with larger ones 8–10 % (CPU profiles of a 200 MB import). `--max-semi-space-size` (which
 * `homeostat serve` runs with, bin/homeostat.js) overrides it for every thread of the process: 2 x 8 MB semi-spaces.
 */
const PARSE_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };
const WRITE_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

type Limits = typeof PARSE_LIMITS;

function startWorker(name: string, workerData: unknown, transferList: TransferListItem[], limits: Limits): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData, transferList, resourceLimits: limits });
  }
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  // tsx compiles the sources inside the worker: more heap than the built package needs.
  return new Worker(bootstrap, { eval: true, workerData, transferList, resourceLimits: { ...limits, maxOldGenerationSizeMb: 256 } });
}

export function startParseWorker(input: ImportWorkerInput): Worker {
  return startWorker('import-worker', input, input.output ? [input.output] : [], PARSE_LIMITS);
}

export function startWriteWorker(input: WriteWorkerInput): Worker {
  return startWorker('write-worker', input, [input.input], WRITE_LIMITS);
}
