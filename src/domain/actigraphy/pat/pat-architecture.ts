/**
 * The Pretrained Actigraphy Transformer's sizes (Ruan, Zhang, Oh, Jin, Jacobson, "AI Foundation Models for Wearable
 * Movement Data in Mental Health Research", arXiv:2411.15240; github.com/njacobsonlab/Pretrained-Actigraphy-Transformer,
 * CC BY 4.0). One week of minute-level activity is cut into patches, embedded linearly to 96 dims, given a fixed
 * sinusoidal position, and passed through post-norm transformer encoder blocks.
 */
export type PatSize = 'S' | 'M' | 'L';
export const PAT_SIZES: readonly PatSize[] = ['S', 'M', 'L'];

export const PAT_INPUT_MINUTES = 10_080;
export const PAT_EMBED_DIM = 96;
export const PAT_FF_DIM = 256;
/** Keras MultiHeadAttention(key_dim = embed_dim): every head projects to 96 dims, not 96 / heads. */
export const PAT_KEY_DIM = 96;
export const PAT_LAYER_NORM_EPSILON = 1e-6;

export interface PatArchitecture {
  readonly size: PatSize;
  readonly patchSize: number;
  readonly numPatches: number;
  readonly numLayers: number;
  readonly numHeads: number;
}

export const PAT_ARCHITECTURES: Record<PatSize, PatArchitecture> = {
  S: { size: 'S', patchSize: 18, numPatches: 560, numLayers: 1, numHeads: 6 },
  M: { size: 'M', patchSize: 18, numPatches: 560, numLayers: 2, numHeads: 12 },
  L: { size: 'L', patchSize: 9, numPatches: 1120, numLayers: 4, numHeads: 12 },
};

export const PAT_CITATION =
  'Ruan FY, Zhang A, Oh JY, Jin S, Jacobson NC. AI Foundation Models for Wearable Movement Data in Mental Health Research. arXiv:2411.15240 (2024); ' +
  'weights and reference code: github.com/njacobsonlab/Pretrained-Actigraphy-Transformer, CC BY 4.0.';

/** Parameters of one size (for models/info): patch embedding + per block attention, two norms and the feed-forward. */
export function parameterCount(arch: PatArchitecture): number {
  const d = PAT_EMBED_DIM;
  const hk = arch.numHeads * PAT_KEY_DIM;
  const attention = 3 * (d * hk + hk) + hk * d + d;
  const block = attention + 2 * 2 * d + (d * PAT_FF_DIM + PAT_FF_DIM) + (PAT_FF_DIM * d + d);
  return arch.patchSize * d + d + arch.numLayers * block;
}
