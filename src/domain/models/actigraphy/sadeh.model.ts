import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { epochCountsInput, sleepWakeState } from './epoch-scoring.schemas.js';

/** Sadeh et al. 1994 discriminant function, as ActiLife applies it to 60 s axis-1 counts. */
const INTERCEPT = 7.601;
const W_AVG = 0.065;
const W_NATS = 1.08;
const W_SD = 0.056;
const W_LG = 0.703;
/** ActiLife caps each epoch's count at 300 (no scaling, unlike its Cole-Kripke). */
const COUNT_CAP = 300;
/** Sleep when PS > −4 (ActiLife's threshold for modern ActiGraph devices). */
const SLEEP_ABOVE = -4;
const HALF_WINDOW = 5;

/**
 * PS for every epoch. Windows: AVG and NATS over the 11 epochs t−5 … t+5; SD over the 6 epochs t−5 … t (sample
 * standard deviation, n − 1); LG = ln(count_t + 1). Epochs beyond either end of the series count as 0, as ActiLife
 * does ("any missing epochs are considered zero"). Verified epoch-for-epoch against ActiLife 6 output.
 */
export const sadehPs = (counts: readonly number[]): number[] => {
  const a = counts.map((c) => Math.min(c, COUNT_CAP));
  const at = (i: number) => a[i] ?? 0;
  return a.map((current, t) => {
    let sum = 0;
    let nats = 0;
    for (let k = -HALF_WINDOW; k <= HALF_WINDOW; k++) {
      const v = at(t + k);
      sum += v;
      if (v >= 50 && v < 100) nats++;
    }
    const avg = sum / (2 * HALF_WINDOW + 1);
    let mean = 0;
    for (let k = 0; k <= HALF_WINDOW; k++) mean += at(t - k);
    mean /= HALF_WINDOW + 1;
    let squares = 0;
    for (let k = 0; k <= HALF_WINDOW; k++) squares += (at(t - k) - mean) ** 2;
    const sd = Math.sqrt(squares / HALF_WINDOW);
    return INTERCEPT - W_AVG * avg - W_NATS * nats - W_SD * sd - W_LG * Math.log(current + 1);
  });
};

export const sadehModel = defineModel({
  id: 'sadeh',
  version: '1.0.0',
  title: 'Sadeh sleep/wake scoring (ActiLife threshold, 60 s epochs)',
  citation:
    'Sadeh A, Sharkey KM, Carskadon MA. Activity-based sleep-wake identification: an empirical test of methodological issues. Sleep 1994;17(3):201-207, doi:10.1093/sleep/17.3.201; ' +
    "as implemented in ActiGraph ActiLife 6 (User's Manual, 2012): axis-1 counts capped at 300, PS = 7.601 − 0.065 AVG − 1.08 NATS − 0.056 SD − 0.703 LG, " +
    'sleep if PS > −4; epochs beyond either end of the series count as 0.',
  inputSchema: epochCountsInput('the algorithm is defined for 60 s epochs only'),
  outputSchema: Type.Object({
    ps: Type.Array(Type.Number(), { description: 'Sadeh PS per epoch, unrounded' }),
    state: sleepWakeState('PS > −4'),
  }),
  compute({ counts }) {
    const ps = sadehPs(counts);
    const state = ps.map((value) => (value > SLEEP_ABOVE ? 'S' : 'W')).join('');
    const warnings =
      counts.length < 11 ? ['fewer than 11 epochs: every window reaches beyond the series, where ActiLife counts missing epochs as 0'] : [];
    return { outputs: { ps, state }, warnings };
  },
});
