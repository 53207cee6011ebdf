/**
 * PAT forward pass, one week of minutes, on this machine: median of ≥ 5 runs per size (after one warm-up run).
 * Targets: PAT-S ≤ 1 s, PAT-M ≤ 3 s; PAT-L reported. Weights are random (the arithmetic does not depend on their
 * values); the input is a synthetic standardised week.
 *
 *   npm run bench:pat [-- --runs 7 --sizes S,M,L]
 */
import { PAT_ARCHITECTURES, type PatSize } from '../../src/domain/actigraphy/pat/pat-architecture.js';
import { PatEncoder } from '../../src/domain/actigraphy/pat/pat-encoder.js';
import { randomPatWeights, syntheticWeek } from '../../test/fixtures/pat/random-pat-weights.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Math.max(5, Number(arg('runs', '5')));
const sizes = arg('sizes', 'S,M,L').split(',') as PatSize[];
const TARGET_MS: Partial<Record<PatSize, number>> = { S: 1000, M: 3000 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const input = syntheticWeek(1);
console.log(`node ${process.version}, ${runs} runs per size (+1 warm-up)`);
for (const size of sizes) {
  const arch = PAT_ARCHITECTURES[size];
  const encoder = new PatEncoder(randomPatWeights(size, 42));
  encoder.forward(input);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    encoder.forward(input);
    times.push(performance.now() - started);
  }
  const m = median(times);
  const target = TARGET_MS[size];
  const verdict = target === undefined ? 'reported' : m <= target ? `≤ ${target} ms ok` : `> ${target} ms TARGET MISSED`;
  console.log(
    `PAT-${size} (${arch.numLayers} block(s), ${arch.numHeads} heads, ${arch.numPatches} tokens): median ${m.toFixed(0)} ms ` +
      `[${times.map((t) => t.toFixed(0)).join(', ')}] ${verdict}`,
  );
}
