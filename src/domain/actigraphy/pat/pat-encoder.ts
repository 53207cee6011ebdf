/**
 * The PAT encoder's forward pass (inference only: dropout is the identity). For input x (10 080 standardised minutes):
 *   tokens  = reshape(x, [N, P]) · W_patch + b_patch + PE           PE = [sin(pos·ω) | cos(pos·ω)], ω_k = 10000^(−2k/96)
 *   per block (post-norm, Keras MultiHeadAttention with key_dim 96 per head):
 *     Q_h = t W_q[:,h,:] + b_q[h], K_h, V_h likewise;  A_h = softmax(Q_h K_hᵀ / √96)
 *     t1 = LayerNorm(t + Σ_h (A_h V_h) W_o[h] + b_o)   t = LayerNorm(t1 + ReLU(t1 W_1 + b_1) W_2 + b_2)   (ε = 1e-6)
 *   embedding = mean of the final tokens (no final LayerNorm); attention profile = the last block's A_h summed over the
 *   queries (softmax rows sum to 1, so this is the attention each patch receives), averaged over heads.
 */
import {
  PAT_EMBED_DIM,
  PAT_FF_DIM,
  PAT_INPUT_MINUTES,
  PAT_KEY_DIM,
  PAT_LAYER_NORM_EPSILON,
  type PatArchitecture,
} from './pat-architecture.js';
import { matmulTransposed, transpose, view } from './matmul.js';
import type { Dense, Norm, PatWeights } from './pat-weights.js';

interface PreparedBlock {
  readonly qT: Float32Array;
  readonly qBias: Float32Array;
  readonly kT: Float32Array;
  readonly kBias: Float32Array;
  readonly vT: Float32Array;
  readonly vBias: Float32Array;
  readonly oT: Float32Array;
  readonly oBias: Float32Array;
  readonly norm1: Norm;
  readonly ff1T: Float32Array;
  readonly ff1Bias: Float32Array;
  readonly ff2T: Float32Array;
  readonly ff2Bias: Float32Array;
  readonly norm2: Norm;
}

export interface PatEncoderOutput {
  /** 96 floats: the mean over tokens */
  readonly embedding: Float32Array;
  /** one value per token (patch): attention received in the last block, averaged over heads */
  readonly attentionPerToken: Float32Array;
}

/** Sinusoidal positions, all sines then all cosines (concatenated, not interleaved), as PAT builds them. */
export function positionalEmbedding(numPatches: number, dim = PAT_EMBED_DIM): Float32Array {
  const half = dim / 2;
  const pe = new Float32Array(numPatches * dim);
  for (let pos = 0; pos < numPatches; pos++) {
    for (let k = 0; k < half; k++) {
      const angle = pos * Math.exp((-Math.log(10_000) * (2 * k)) / dim);
      pe[pos * dim + k] = Math.sin(angle);
      pe[pos * dim + half + k] = Math.cos(angle);
    }
  }
  return pe;
}

export class PatEncoder {
  readonly architecture: PatArchitecture;
  private readonly patchT: Float32Array;
  private readonly patchBias: Float32Array;
  private readonly positional: Float32Array;
  private readonly blocks: PreparedBlock[];

  constructor(weights: PatWeights) {
    const arch = weights.architecture;
    const d = PAT_EMBED_DIM;
    const hk = arch.numHeads * PAT_KEY_DIM;
    this.architecture = arch;
    // Kernels are inputs × outputs; the matmul wants outputs × inputs (see matmul.ts), transposed once here.
    this.patchT = transpose(weights.patchEmbedding.kernel, arch.patchSize, d);
    this.patchBias = weights.patchEmbedding.bias;
    this.positional = positionalEmbedding(arch.numPatches);
    const t = (dense: Dense, rows: number, cols: number) => transpose(dense.kernel, rows, cols);
    this.blocks = weights.blocks.map((b) => ({
      qT: t(b.query, d, hk),
      qBias: b.query.bias,
      kT: t(b.key, d, hk),
      kBias: b.key.bias,
      vT: t(b.value, d, hk),
      vBias: b.value.bias,
      oT: t(b.output, hk, d),
      oBias: b.output.bias,
      norm1: b.norm1,
      ff1T: t(b.ff1, d, PAT_FF_DIM),
      ff1Bias: b.ff1.bias,
      ff2T: t(b.ff2, PAT_FF_DIM, d),
      ff2Bias: b.ff2.bias,
      norm2: b.norm2,
    }));
  }

  /** `input`: 10 080 standardised minutes. */
  forward(input: Float32Array): PatEncoderOutput {
    if (input.length !== PAT_INPUT_MINUTES) throw new RangeError(`PAT takes ${PAT_INPUT_MINUTES} minutes, got ${input.length}`);
    const { numPatches: n, patchSize, numHeads } = this.architecture;
    const d = PAT_EMBED_DIM;
    const hk = numHeads * PAT_KEY_DIM;
    let x = new Float32Array(n * d);
    matmulTransposed(view(input, 0, patchSize), view(this.patchT, 0, patchSize), view(x, 0, d), n, d, patchSize, this.patchBias);
    for (let i = 0; i < x.length; i++) x[i]! += this.positional[i]!;

    // Work buffers, allocated once per forward pass.
    const q = new Float32Array(n * PAT_KEY_DIM);
    const k = new Float32Array(n * PAT_KEY_DIM);
    const vT = new Float32Array(PAT_KEY_DIM * n);
    const scores = new Float32Array(n * n);
    const heads = new Float32Array(n * hk);
    const projected = new Float32Array(n * d);
    const hidden = new Float32Array(n * PAT_FF_DIM);
    const x1 = new Float32Array(n * d);
    const received = new Float32Array(n);
    const scale = 1 / Math.sqrt(PAT_KEY_DIM);

    this.blocks.forEach((block, index) => {
      const last = index === this.blocks.length - 1;
      for (let h = 0; h < numHeads; h++) {
        const w = h * PAT_KEY_DIM * d;
        const biasOf = (bias: Float32Array) => bias.subarray(h * PAT_KEY_DIM, (h + 1) * PAT_KEY_DIM);
        matmulTransposed(view(x, 0, d), view(block.qT, w, d), view(q, 0, PAT_KEY_DIM), n, PAT_KEY_DIM, d, biasOf(block.qBias));
        matmulTransposed(view(x, 0, d), view(block.kT, w, d), view(k, 0, PAT_KEY_DIM), n, PAT_KEY_DIM, d, biasOf(block.kBias));
        // V is produced transposed (key_dim × n) so that A·V is again a product with a transposed operand.
        matmulTransposed(view(block.vT, w, d), view(x, 0, d), view(vT, 0, n), PAT_KEY_DIM, n, d);
        const vBias = biasOf(block.vBias);
        for (let r = 0; r < PAT_KEY_DIM; r++) {
          const b = vBias[r]!;
          for (let c = r * n, end = c + n; c < end; c++) vT[c]! += b;
        }
        matmulTransposed(view(q, 0, PAT_KEY_DIM), view(k, 0, PAT_KEY_DIM), view(scores, 0, n), n, n, PAT_KEY_DIM);
        softmaxRows(scores, n, scale);
        if (last) for (let r = 0; r < n; r++) for (let c = 0, o = r * n; c < n; c++) received[c]! += scores[o + c]!;
        matmulTransposed(view(scores, 0, n), view(vT, 0, n), view(heads, h * PAT_KEY_DIM, hk), n, PAT_KEY_DIM, n);
      }
      matmulTransposed(view(heads, 0, hk), view(block.oT, 0, hk), view(projected, 0, d), n, d, hk, block.oBias);
      addLayerNorm(x, projected, block.norm1, x1, n);
      matmulTransposed(view(x1, 0, d), view(block.ff1T, 0, d), view(hidden, 0, PAT_FF_DIM), n, PAT_FF_DIM, d, block.ff1Bias);
      for (let i = 0; i < hidden.length; i++) if (hidden[i]! < 0) hidden[i] = 0;
      matmulTransposed(
        view(hidden, 0, PAT_FF_DIM),
        view(block.ff2T, 0, PAT_FF_DIM),
        view(projected, 0, d),
        n,
        d,
        PAT_FF_DIM,
        block.ff2Bias,
      );
      const next = new Float32Array(n * d);
      addLayerNorm(x1, projected, block.norm2, next, n);
      x = next;
    });

    const embedding = new Float32Array(d);
    for (let t = 0; t < n; t++) for (let j = 0; j < d; j++) embedding[j]! += x[t * d + j]!;
    for (let j = 0; j < d; j++) embedding[j]! /= n;
    for (let t = 0; t < n; t++) received[t]! /= numHeads;
    return { embedding, attentionPerToken: received };
  }
}

/** In place: each row ← softmax(scale · row), max-subtracted for range. */
function softmaxRows(s: Float32Array, n: number, scale: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * n;
    let max = -Infinity;
    for (let c = 0; c < n; c++) if (s[o + c]! > max) max = s[o + c]!;
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const e = Math.exp((s[o + c]! - max) * scale);
      s[o + c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let c = 0; c < n; c++) s[o + c]! *= inv;
  }
}

/** out = LayerNorm(a + b) per row of 96 (biased variance, ε = 1e-6, as Keras). */
function addLayerNorm(a: Float32Array, b: Float32Array, norm: Norm, out: Float32Array, rows: number): void {
  const d = PAT_EMBED_DIM;
  const row = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let mean = 0;
    for (let j = 0; j < d; j++) {
      const v = a[o + j]! + b[o + j]!;
      row[j] = v;
      mean += v;
    }
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) {
      const c = row[j]! - mean;
      variance += c * c;
    }
    const inv = 1 / Math.sqrt(variance / d + PAT_LAYER_NORM_EPSILON);
    for (let j = 0; j < d; j++) out[o + j] = (row[j]! - mean) * inv * norm.gamma[j]! + norm.beta[j]!;
  }
}
