import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { sleepRegularityIndexModel } from './sleep-regularity-index.model.js';

/*
 * Sources of the expected values:
 *  - GGIR tests/testthat/test_SleepRegularityIndex.R and test_CalcSleepRegularityIndex.R (wadpac/GGIR): 5-s epochs
 *    (17,280 a day) over 5 days + 1 epoch, with sleep over R1…R3, R2…R3, R2…R4, R1…R4, R1…R3 of successive days
 *    (R1…R4 = 40 %, 50 %, 80 %, 90 % of the day) → SRI = 80; all-wake → SRI = 100.
 *  - arithmetic of the definition (Phillips et al. 2017): SRI = −100 + 200/(M(N − 1)) × (number of epochs in the same
 *    state 24 h later). Two 4-epoch days 1100 and 1000 agree on 3 of 4 → −100 + 200·3/4 = 50; days that are exact
 *    opposites → −100; identical days → 100.
 */
const run = (epochs_per_day: number, sleep_state: number[]) => sleepRegularityIndexModel.compute({ epochs_per_day, sleep_state });

describe('sleep-regularity-index', () => {
  it('GGIR test: SRI = 80 (one trailing epoch of a sixth day left out)', () => {
    const NID = 12 * 1440;
    const length = 5 * NID + 1;
    const sleep = Array<number>(length).fill(0);
    const [R1, R2, R3, R4] = [0.4, 0.5, 0.8, 0.9].map((f) => Math.round(NID * f)) as [number, number, number, number];
    // GGIR uses R's 1-based inclusive ranges sleep[a:b] = 1.
    const mark = (a: number, b: number) => {
      for (let i = a; i <= b && i <= length; i++) sleep[i - 1] = 1;
    };
    mark(R1, R3);
    mark(NID + R2, NID + R3);
    mark(NID * 2 + R2, NID * 2 + R4);
    mark(NID * 3 + R1, NID * 3 + R4);
    mark(NID * 4 + R1, NID * 4 + R3);
    mark(NID * 5 + R2, NID * 5 + R3);
    const { outputs, warnings } = run(NID, sleep);
    expect(outputs.SRI).toBeCloseTo(80, 10);
    expect(warnings).toEqual(['1 epoch(s) after the last whole day were left out (SRI compares whole days)']);
    expect(run(NID, Array<number>(length).fill(0)).outputs.SRI).toBe(100);
  });

  it('hand arithmetic: 50, −100 and 100', () => {
    expect(run(4, [1, 1, 0, 0, 1, 0, 0, 0]).outputs.SRI).toBeCloseTo(50, 12);
    expect(run(4, [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1]).outputs.SRI).toBe(-100);
    expect(
      run(
        1440,
        Array.from({ length: 3 * 1440 }, (_, i) => (i % 1440 < 480 ? 1 : 0)),
      ).outputs.SRI,
    ).toBe(100);
  });

  it('needs two whole days', () => {
    expect(() => run(1440, Array<number>(2879).fill(0))).toThrow(ModelInputError);
  });

  it('property: SRI in [−100, 100], 100 for a repeated identical day, symmetric in sleep/wake, deterministic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 400, maxLength: 400 }),
        (M, N, pool) => {
          const states = pool.slice(0, M * N).concat(Array<number>(Math.max(0, M * N - pool.length)).fill(0));
          const sri = run(M, states).outputs.SRI;
          const flipped = run(
            M,
            states.map((s) => 1 - s),
          ).outputs.SRI;
          const day = states.slice(0, M);
          const repeated = run(M, Array.from({ length: N }, () => day).flat()).outputs.SRI;
          return sri >= -100 && sri <= 100 && repeated === 100 && Math.abs(flipped - sri) < 1e-9 && run(M, states).outputs.SRI === sri;
        },
      ),
    );
  });
});
