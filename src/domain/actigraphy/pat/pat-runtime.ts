/**
 * The main thread's side of PAT: finds the weight files in PAT_WEIGHTS_DIR, starts the worker that loads them, knows
 * which sizes are usable, and sends forward passes to it one at a time (the worker has one core's worth of work).
 * Without a weights directory nothing starts and every size reports why it is not loaded.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PAT_SIZES, type PatSize } from './pat-architecture.js';
import { findWeightFiles } from './pat-weights-loader.js';
import type { PatWorkerInput, PatWorkerMessage } from './pat-worker-protocol.js';

export type PatModelState =
  | { readonly state: 'loaded'; readonly file: string }
  | { readonly state: 'loading'; readonly file: string }
  | { readonly state: 'not_loaded'; readonly reason: string; readonly file?: string };

export interface PatForward {
  readonly embedding: Float32Array;
  readonly attentionPerToken: Float32Array;
  readonly ms: number;
}

/** PAT-M first: the size the original Clarity service used; then S (fastest), then L. */
const PREFERENCE: readonly PatSize[] = ['M', 'S', 'L'];

export class PatRuntime {
  private readonly states = new Map<PatSize, PatModelState>();
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (out: PatForward) => void; reject: (error: Error) => void }>();
  private readonly ready: Promise<void>;

  constructor(weightsDir: string | undefined) {
    let files: Partial<Record<PatSize, string>> = {};
    let missing = 'PAT_WEIGHTS_DIR is not set: the published weight files are not bundled (see README, "PAT weights")';
    if (weightsDir !== undefined) {
      if (!existsSync(weightsDir)) missing = 'PAT_WEIGHTS_DIR does not exist';
      else {
        try {
          files = findWeightFiles(weightsDir);
          missing = 'no PAT-<size>_<n>k_weights.h5 file for this size in PAT_WEIGHTS_DIR';
        } catch {
          missing = 'PAT_WEIGHTS_DIR cannot be read as a directory';
        }
      }
    }
    for (const size of PAT_SIZES) {
      const file = files[size];
      this.states.set(size, file ? { state: 'loading', file } : { state: 'not_loaded', reason: missing });
    }
    if (Object.keys(files).length === 0) {
      this.ready = Promise.resolve();
      return;
    }
    const worker = startPatWorker({ files });
    this.worker = worker;
    let toLoad = Object.keys(files).length;
    this.ready = new Promise<void>((resolve) => {
      worker.on('message', (message: PatWorkerMessage) => {
        if (message.type === 'loaded') {
          const file = files[message.size]!;
          this.states.set(message.size, message.ok ? { state: 'loaded', file } : { state: 'not_loaded', reason: message.error, file });
          if (--toLoad === 0) resolve();
          return;
        }
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'result') waiter?.resolve(message);
        else waiter?.reject(new Error(message.error));
      });
      worker.on('error', (error) => this.fail(`the PAT worker failed: ${error.message}`, resolve));
      worker.on('exit', () => this.fail('the PAT worker stopped', resolve));
    });
    worker.unref();
  }

  /** Resolves once every weight file has been loaded or refused. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  state(size: PatSize): PatModelState {
    return this.states.get(size)!;
  }

  /** The size analyses use: the preferred one among those loaded, or null. */
  preferredSize(): PatSize | null {
    return PREFERENCE.find((size) => this.states.get(size)?.state === 'loaded') ?? null;
  }

  forward(size: PatSize, input: Float32Array): Promise<PatForward> {
    const worker = this.worker;
    if (!worker || this.states.get(size)?.state !== 'loaded') return Promise.reject(new Error(`PAT-${size} is not loaded`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ type: 'infer', id, size, input }, [input.buffer as ArrayBuffer]);
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    }) as Promise<PatForward>;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private fail(reason: string, resolve: () => void): void {
    this.worker = null;
    for (const size of PAT_SIZES) {
      const current = this.states.get(size)!;
      if (current.state !== 'not_loaded') this.states.set(size, { state: 'not_loaded', reason, file: current.file });
    }
    for (const waiter of this.pending.values()) waiter.reject(new Error(reason));
    this.pending.clear();
    resolve();
  }
}

/** From the built package the worker is `pat-worker.js`; from sources it needs tsx registered inside the worker. */
function startPatWorker(input: PatWorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pat-worker.js', import.meta.url), { workerData: input });
  const entry = new URL('./pat-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}
