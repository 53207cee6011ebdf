/**
 * Reads the authors' Keras 2 HDF5 weight files (`PAT-S_29k_weights.h5`, …) with h5wasm. The Keras 2 layout names every
 * weight by layer: `dense/dense/kernel:0` (patch embedding), `encoder_layer_{i}_transformer/encoder_layer_{i}_attention/
 * {query,key,value,attention_output}/{kernel,bias}:0`, `…_norm{1,2}/{gamma,beta}:0`, `…_ff{1,2}/{kernel,bias}:0`. The
 * paths are matched by their endings, and the architecture is read from the shapes (patch size, heads, blocks) and
 * must be one of PAT-S/M/L: a file of any other shape is refused, never partly used.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PAT_ARCHITECTURES, PAT_EMBED_DIM, PAT_SIZES, type PatArchitecture, type PatSize } from './pat-architecture.js';
import { expectedShapes, type Dense, type Norm, type PatBlockWeights, type PatWeights } from './pat-weights.js';

/** `PAT-M_29k_weights.h5` → M; files pretrained on 29k participants are preferred to the 21k ones. */
const FILE_NAME = /^PAT-([SML])_(\d+)k_weights\.h5$/i;

export class PatWeightsError extends Error {
  override readonly name = 'PatWeightsError';
}

/** The weight file to use per size in `dir` (the one pretrained on most participants when several are there). */
export function findWeightFiles(dir: string): Partial<Record<PatSize, string>> {
  const found: Partial<Record<PatSize, { file: string; thousands: number }>> = {};
  for (const name of readdirSync(dir)) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    const size = m[1]!.toUpperCase() as PatSize;
    const thousands = Number(m[2]);
    if (!found[size] || thousands > found[size].thousands) found[size] = { file: join(dir, name), thousands };
  }
  return Object.fromEntries(PAT_SIZES.flatMap((s) => (found[s] ? [[s, found[s].file]] : []))) as Partial<Record<PatSize, string>>;
}

interface H5Dataset {
  readonly shape: number[] | null;
  readonly value: unknown;
}

export async function loadPatWeights(file: string): Promise<PatWeights> {
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const h5 = new h5wasm.File(file, 'r');
  try {
    const paths = h5.paths();
    const datasets = (suffix: RegExp) => paths.filter((p) => suffix.test(p));
    const read = (pattern: RegExp, what: string, length: number): { data: Float32Array; shape: number[] } => {
      const matches = datasets(pattern);
      if (matches.length !== 1)
        throw new PatWeightsError(
          `${what}: expected one dataset matching ${pattern.source}, found ${matches.length} (is this a Keras 2 PAT weights file?)`,
        );
      const entity = h5.get(matches[0]!) as unknown as H5Dataset | null;
      const value = entity?.value;
      if (!(value instanceof Float32Array) && !(value instanceof Float64Array)) throw new PatWeightsError(`${what}: not a float dataset`);
      if (value.length !== length) throw new PatWeightsError(`${what}: ${value.length} values, expected ${length}`);
      return { data: value instanceof Float32Array ? value : Float32Array.from(value), shape: entity?.shape ?? [] };
    };
    if (!paths.some((p) => p.endsWith('kernel:0'))) throw new PatWeightsError('no `…/kernel:0` datasets: not the Keras 2 weights layout');

    // Architecture from the shapes: patch size from the patch embedding, heads from a query kernel, blocks by count.
    const patchPath = datasets(/(^|\/)dense\/kernel:0$/).filter((p) => !p.includes('encoder_layer'));
    const patchShape = patchPath.length === 1 ? (h5.get(patchPath[0]!) as unknown as H5Dataset).shape : null;
    const layerIds = [...new Set(paths.flatMap((p) => /encoder_layer_(\d+)_attention\/query\/kernel:0$/.exec(p)?.[1] ?? []))]
      .map(Number)
      .sort((a, b) => a - b);
    const queryShape =
      layerIds.length > 0
        ? (h5.get(datasets(new RegExp(`encoder_layer_${layerIds[0]}_attention/query/kernel:0$`))[0]!) as unknown as H5Dataset).shape
        : null;
    const arch = architectureOf(patchShape?.[0], queryShape?.[1], layerIds.length);
    const shapes = expectedShapes(arch);

    const dense = (prefix: string, what: string, sizes: { kernel: number; bias: number }): Dense => ({
      kernel: read(new RegExp(`${prefix}/kernel:0$`), `${what} kernel`, sizes.kernel).data,
      bias: read(new RegExp(`${prefix}/bias:0$`), `${what} bias`, sizes.bias).data,
    });
    const norm = (prefix: string, what: string): Norm => ({
      gamma: read(new RegExp(`${prefix}/gamma:0$`), `${what} gamma`, shapes.norm).data,
      beta: read(new RegExp(`${prefix}/beta:0$`), `${what} beta`, shapes.norm).data,
    });
    const patchEmbedding: Dense = {
      kernel: read(/^(?!.*encoder_layer)(.*\/)?dense\/kernel:0$/, 'patch embedding kernel', shapes.patchEmbedding.kernel).data,
      bias: read(/^(?!.*encoder_layer)(.*\/)?dense\/bias:0$/, 'patch embedding bias', shapes.patchEmbedding.bias).data,
    };
    const blocks: PatBlockWeights[] = layerIds.map((i) => {
      const at = `encoder_layer_${i}`;
      return {
        query: dense(`${at}_attention/query`, `block ${i} query`, shapes.query),
        key: dense(`${at}_attention/key`, `block ${i} key`, shapes.query),
        value: dense(`${at}_attention/value`, `block ${i} value`, shapes.query),
        output: dense(`${at}_attention/attention_output`, `block ${i} attention output`, shapes.output),
        norm1: norm(`${at}_norm1`, `block ${i} norm1`),
        ff1: dense(`${at}_ff1`, `block ${i} ff1`, shapes.ff1),
        ff2: dense(`${at}_ff2`, `block ${i} ff2`, shapes.ff2),
        norm2: norm(`${at}_norm2`, `block ${i} norm2`),
      };
    });
    return { architecture: arch, patchEmbedding, blocks };
  } finally {
    h5.close();
  }
}

function architectureOf(patchSize: number | undefined, heads: number | undefined, layers: number): PatArchitecture {
  const match = Object.values(PAT_ARCHITECTURES).find((a) => a.patchSize === patchSize && a.numHeads === heads && a.numLayers === layers);
  if (!match)
    throw new PatWeightsError(
      `the weights do not describe PAT-S, -M or -L (patch size ${patchSize ?? '?'}, ${heads ?? '?'} heads, ${layers} blocks, ${PAT_EMBED_DIM}-d)`,
    );
  return match;
}
