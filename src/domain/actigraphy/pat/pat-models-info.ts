/** What `GET /pat/models/info` says about each PAT size: architecture, whether it is loaded, and what it may not be used for. */
import { basename } from 'node:path';
import {
  parameterCount,
  PAT_ARCHITECTURES,
  PAT_CITATION,
  PAT_EMBED_DIM,
  PAT_FF_DIM,
  PAT_INPUT_MINUTES,
  PAT_SIZES,
} from './pat-architecture.js';
import { PAT_STANDARDISATION } from './pat-input.js';
import { PAT_NO_HEADS_NOTE } from './pat-analysis.js';
import type { PatRuntime } from './pat-runtime.js';

export function patModelsInfo(runtime: PatRuntime) {
  const preferred = runtime.preferredSize();
  return {
    models: PAT_SIZES.map((size) => {
      const arch = PAT_ARCHITECTURES[size];
      const state = runtime.state(size);
      return {
        model_id: `PAT-${size}`,
        loaded: state.state === 'loaded',
        state: state.state,
        reason: state.state === 'not_loaded' ? state.reason : null,
        weights_file: 'file' in state && state.file ? basename(state.file) : null,
        used_for_analyses: preferred === size,
        input_minutes: PAT_INPUT_MINUTES,
        patch_size: arch.patchSize,
        num_patches: arch.numPatches,
        embed_dim: PAT_EMBED_DIM,
        num_layers: arch.numLayers,
        num_heads: arch.numHeads,
        ff_dim: PAT_FF_DIM,
        parameters: parameterCount(arch),
      };
    }),
    outputs: [
      'feature_embeddings: the 96-d mean over tokens of the last week',
      'attention profile: last block, per minute (GET …?include_attention=true)',
    ],
    prediction_heads: [] as string[],
    limitations: [
      PAT_NO_HEADS_NOTE,
      `Input standardisation: ${PAT_STANDARDISATION}`,
      'Steps are not ActiGraph counts: embeddings of step-derived series are out of the pretraining distribution.',
    ],
    citation: PAT_CITATION,
    license: 'CC BY 4.0 (weights and reference code by the authors)',
  };
}
