/**
 * The PAT worker thread: loads the weight files once, then runs forward passes on request, so that the ~1 s (PAT-S)
 * to ~20 s (PAT-L) of arithmetic never blocks the event loop that answers requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PatSize } from './pat-architecture.js';
import { PatEncoder } from './pat-encoder.js';
import { loadPatWeights } from './pat-weights-loader.js';
import type { PatWorkerInput, PatWorkerMessage, PatWorkerRequest } from './pat-worker-protocol.js';

const port = parentPort!;
const input = workerData as PatWorkerInput;
const encoders = new Map<PatSize, PatEncoder>();
const post = (message: PatWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const loading = (async () => {
  for (const [size, file] of Object.entries(input.files) as [PatSize, string][]) {
    try {
      const weights = await loadPatWeights(file);
      if (weights.architecture.size !== size) throw new Error(`the file holds PAT-${weights.architecture.size}, not PAT-${size}`);
      encoders.set(size, new PatEncoder(weights));
      post({ type: 'loaded', size, ok: true });
    } catch (error) {
      post({ type: 'loaded', size, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
})();

port.on('message', (request: PatWorkerRequest) => {
  void loading.then(() => {
    const encoder = encoders.get(request.size);
    if (!encoder) return post({ type: 'failed', id: request.id, error: `PAT-${request.size} is not loaded` });
    try {
      const started = performance.now();
      const out = encoder.forward(request.input);
      const ms = performance.now() - started;
      post({ type: 'result', id: request.id, embedding: out.embedding, attentionPerToken: out.attentionPerToken, ms }, [
        out.embedding.buffer as ArrayBuffer,
        out.attentionPerToken.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      post({ type: 'failed', id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
