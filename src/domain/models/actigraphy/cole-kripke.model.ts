import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { epochCountsInput, sleepWakeState } from './epoch-scoring.schemas.js';

/**
 * ActiLife's Cole-Kripke (60 s epochs): weights of the 7-epoch window, from 4 epochs before to 2 after
 * (ActiLife 6 User's Manual; the same numbers as the 1-min "4 before, 2 after" row of Cole et al. 1992 Table 2).
 */
const WEIGHTS: ReadonlyArray<readonly [offset: number, weight: number]> = [
  [-4, 106],
  [-3, 54],
  [-2, 58],
  [-1, 76],
  [0, 230],
  [1, 74],
  [2, 67],
];
const SCALE = 0.001;
/** ActiLife divides axis-1 counts by 100, then caps the scaled count at 300. */
const COUNT_DIVISOR = 100;
const SCALED_CAP = 300;

/** D for every epoch: the scaled counts outside the series count as 0 (ActiLife: missing epochs are zero). */
export const coleKripkeD = (counts: readonly number[]): number[] => {
  const scaled = counts.map((c) => Math.min(c / COUNT_DIVISOR, SCALED_CAP));
  return scaled.map((_, t) => {
    let sum = 0;
    for (const [offset, weight] of WEIGHTS) sum += weight * (scaled[t + offset] ?? 0);
    return SCALE * sum;
  });
};

export const coleKripkeModel = defineModel({
  id: 'cole-kripke',
  version: '1.0.0',
  title: 'Cole-Kripke sleep/wake scoring (ActiLife variant, 60 s epochs)',
  citation:
    'Cole RJ, Kripke DF, Gruen W, Mullaney DJ, Gillin JC. Automatic sleep/wake identification from wrist activity. Sleep 1992;15(5):461-469, doi:10.1093/sleep/15.5.461; ' +
    "as implemented in ActiGraph ActiLife 6 (User's Manual, 2012): axis-1 counts / 100 capped at 300, " +
    'D = 0.001 (106 A-4 + 54 A-3 + 58 A-2 + 76 A-1 + 230 A0 + 74 A+1 + 67 A+2), sleep if D < 1; epochs beyond either end of the series count as 0.',
  inputSchema: epochCountsInput('the ActiLife variant is defined for 60 s epochs only'),
  outputSchema: Type.Object({
    d: Type.Array(Type.Number(), { description: 'Cole-Kripke D per epoch, unrounded' }),
    state: sleepWakeState('D < 1'),
  }),
  compute({ counts }) {
    const d = coleKripkeD(counts);
    const state = d.map((value) => (value < 1 ? 'S' : 'W')).join('');
    const warnings =
      counts.length < 7 ? ['fewer than 7 epochs: every window reaches beyond the series, where ActiLife counts missing epochs as 0'] : [];
    return { outputs: { d, state }, warnings };
  },
});
