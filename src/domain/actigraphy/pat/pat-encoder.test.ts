/**
 * The PAT forward pass against an independent numpy implementation of the same equations
 * (scripts/pat/reference_forward.py, float64, reading the .h5 with h5py). Weights: random, from fixed seeds, written in
 * the Keras 2 layout by test/fixtures/pat/write-pat-h5.ts and read back through the production loader, so the test
 * covers the file layout as well as the arithmetic. Regenerate with `npx tsx scripts/pat/generate-fixture.ts`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CASES } from '../../../../test/fixtures/pat/fixture-cases.js';
import { randomPatWeights, syntheticWeek } from '../../../../test/fixtures/pat/random-pat-weights.js';
import { writePatH5 } from '../../../../test/fixtures/pat/write-pat-h5.js';
import { parameterCount, PAT_ARCHITECTURES } from './pat-architecture.js';
import { PatEncoder, positionalEmbedding } from './pat-encoder.js';
import { findWeightFiles, loadPatWeights, PatWeightsError } from './pat-weights-loader.js';

interface Expected {
  patch_size: number;
  num_patches: number;
  input_sum: number;
  embedding: number[];
  first_token: number[];
  attention_per_token: number[];
}

const TOLERANCE = 1e-4;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
};

describe('PAT encoder forward pass', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pat-weights-'));
    for (const c of FIXTURE_CASES) await writePatH5(join(dir, `PAT-${c.size}_29k_weights.h5`), randomPatWeights(c.size, c.weightSeed));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(FIXTURE_CASES)('PAT-$size matches the numpy reference to 1e-4 (embedding, attention)', async (c) => {
    const expected = JSON.parse(
      readFileSync(new URL(`../../../../test/fixtures/pat/expected-pat-${c.size.toLowerCase()}.json`, import.meta.url), 'utf8'),
    ) as Expected;
    const weights = await loadPatWeights(join(dir, `PAT-${c.size}_29k_weights.h5`));
    expect(weights.architecture).toEqual(PAT_ARCHITECTURES[c.size]);
    const input = syntheticWeek(c.inputSeed);
    expect(input.reduce((a, b) => a + b, 0)).toBeCloseTo(expected.input_sum, 2);
    const out = new PatEncoder(weights).forward(input);
    expect(maxDiff(out.embedding, expected.embedding)).toBeLessThanOrEqual(TOLERANCE);
    expect(maxDiff(out.attentionPerToken, expected.attention_per_token)).toBeLessThanOrEqual(TOLERANCE);
    // Attention received sums to the number of queries (each softmax row sums to 1).
    expect(out.attentionPerToken.reduce((a, b) => a + b, 0)).toBeCloseTo(expected.num_patches, 1);
  });

  it('uses sines then cosines, concatenated', () => {
    const pe = positionalEmbedding(3);
    expect(pe[96 + 0]).toBeCloseTo(Math.sin(1), 6);
    expect(pe[96 + 48]).toBeCloseTo(Math.cos(1), 6);
    expect(pe[96 + 1]).toBeCloseTo(Math.sin(Math.exp((-Math.log(10_000) * 2) / 96)), 6);
  });

  it('finds the published file names and prefers the larger pretraining set', () => {
    const files = findWeightFiles(dir);
    expect(Object.keys(files).sort()).toEqual(['M', 'S']);
  });

  it('refuses a file that is not PAT', async () => {
    const other = join(dir, 'not-pat.h5');
    const weights = randomPatWeights('S', 1);
    await writePatH5(other, { ...weights, blocks: [...weights.blocks, ...weights.blocks, ...weights.blocks] });
    await expect(loadPatWeights(other)).rejects.toBeInstanceOf(PatWeightsError);
  });

  it('counts parameters as the paper reports (< 2 M for PAT-L)', () => {
    expect(parameterCount(PAT_ARCHITECTURES.L)).toBeLessThan(2_000_000);
    expect(parameterCount(PAT_ARCHITECTURES.S)).toBeLessThan(parameterCount(PAT_ARCHITECTURES.M));
  });
});
