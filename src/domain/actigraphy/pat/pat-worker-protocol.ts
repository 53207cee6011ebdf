import type { PatSize } from './pat-architecture.js';

export interface PatWorkerInput {
  /** size → weight file */
  readonly files: Partial<Record<PatSize, string>>;
}

export type PatWorkerRequest = { readonly type: 'infer'; readonly id: number; readonly size: PatSize; readonly input: Float32Array };

export type PatWorkerMessage =
  | { readonly type: 'loaded'; readonly size: PatSize; readonly ok: true }
  | { readonly type: 'loaded'; readonly size: PatSize; readonly ok: false; readonly error: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly embedding: Float32Array;
      readonly attentionPerToken: Float32Array;
      readonly ms: number;
    }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };
