/** PAT weights in memory: row-major Float32Arrays with Keras's layouts (kernel = inputs × outputs). */
import { PAT_EMBED_DIM, PAT_FF_DIM, PAT_KEY_DIM, type PatArchitecture } from './pat-architecture.js';

export interface Dense {
  /** inputs × outputs, row-major */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface Norm {
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
}

export interface PatBlockWeights {
  /** Keras query/key/value kernels (96, H, 96) = 96 × (H·96); biases (H, 96) */
  readonly query: Dense;
  readonly key: Dense;
  readonly value: Dense;
  /** Keras attention_output kernel (H, 96, 96) = (H·96) × 96; bias (96) */
  readonly output: Dense;
  readonly norm1: Norm;
  readonly ff1: Dense;
  readonly ff2: Dense;
  readonly norm2: Norm;
}

export interface PatWeights {
  readonly architecture: PatArchitecture;
  readonly patchEmbedding: Dense;
  readonly blocks: readonly PatBlockWeights[];
}

/** Expected element counts, to refuse a file of another size instead of reading past its arrays. */
export function expectedShapes(arch: PatArchitecture) {
  const d = PAT_EMBED_DIM;
  const hk = arch.numHeads * PAT_KEY_DIM;
  return {
    patchEmbedding: { kernel: arch.patchSize * d, bias: d },
    query: { kernel: d * hk, bias: hk },
    output: { kernel: hk * d, bias: d },
    norm: d,
    ff1: { kernel: d * PAT_FF_DIM, bias: PAT_FF_DIM },
    ff2: { kernel: PAT_FF_DIM * d, bias: d },
  };
}
