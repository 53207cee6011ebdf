import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTILIFE_HEAD, ACTILIFE_TAIL } from './actilife-reference.fixture.js';
import { sadehModel } from './sadeh.model.js';

/*
 * Sources of the expected values:
 *  - ActiLife 6 itself: the Sadeh S/W column ActiLife exported for a GT3X+ recording (60 s epochs), transcribed in
 *    actilife-reference.fixture.ts from dipetkov/actigraph.sleepr inst/extdata/GT3XPlus-RawData-Day01-sleep-awake.csv.
 *    Compared on the first 326 epochs (real start of the recording: zero padding before the first epoch) and the last
 *    128 epochs (real end: zero padding after the last epoch). This data also settles two details the manual leaves
 *    open: counts are capped at 300 without scaling (dividing by 100 first, as for Cole-Kripke, disagrees on 246
 *    epochs) and SD is the sample standard deviation, n − 1 (the population SD disagrees on 7 epochs).
 *  - arithmetic of the definition (Sadeh et al. 1994; ActiLife 6 User's Manual): one epoch of 100 counts alone gives
 *    AVG = 100/11, NATS = 0 (100 is not < 100), SD = sd(100, 0, 0, 0, 0, 0) = √(8333.33…/5), LG = ln 101;
 *    all-zero counts give PS = 7.601.
 */
const run = (counts: number[]) => sadehModel.compute({ epoch_seconds: 60, counts });

describe('sadeh', () => {
  it('matches ActiLife 6 epoch for epoch at the start of a recording', () => {
    const { state } = run([...ACTILIFE_HEAD.axis1]).outputs;
    const comparable = ACTILIFE_HEAD.axis1.length - 5;
    expect(state.slice(0, comparable)).toBe(ACTILIFE_HEAD.sadeh.slice(0, comparable));
  });

  it('matches ActiLife 6 epoch for epoch at the end of a recording', () => {
    const { state } = run([...ACTILIFE_TAIL.axis1]).outputs;
    expect(state.slice(5)).toBe(ACTILIFE_TAIL.sadeh.slice(5));
  });

  it('computes PS from AVG, NATS, SD and LG (hand arithmetic)', () => {
    const sd = Math.sqrt(((100 - 100 / 6) ** 2 + 5 * (100 / 6) ** 2) / 5);
    const expected = 7.601 - 0.065 * (100 / 11) - 1.08 * 0 - 0.056 * sd - 0.703 * Math.log(101);
    const out = run([100]).outputs;
    expect(out.ps[0]).toBeCloseTo(expected, 12);
    expect(out.ps[0]).toBeCloseTo(1.47947, 5); // 7.601 − 0.590909 − 2.286190 − 3.244430
    expect(out.state).toBe('S');
  });

  it('counts NATS for 50 ≤ count < 100 over the 11-epoch window', () => {
    const base = run([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).outputs.ps[5] ?? NaN;
    expect(base).toBeCloseTo(7.601, 12);
    const withNat = (v: number) => run([v, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).outputs.ps[5] ?? NaN;
    // Epoch 0 is 5 before epoch 5: inside both the AVG/NATS window (t−5 … t+5) and the SD window (t−5 … t).
    const sdOf = (v: number) => Math.sqrt(((v - v / 6) ** 2 + 5 * (v / 6) ** 2) / 5);
    expect(withNat(50)).toBeCloseTo(7.601 - 0.065 * (50 / 11) - 1.08 - 0.056 * sdOf(50), 12);
    expect(withNat(49)).toBeCloseTo(7.601 - 0.065 * (49 / 11) - 0.056 * sdOf(49), 12);
    expect(withNat(100)).toBeCloseTo(7.601 - 0.065 * (100 / 11) - 0.056 * sdOf(100), 12);
  });

  it('caps counts at 300', () => {
    expect(run([5000]).outputs.ps).toEqual(run([300]).outputs.ps);
    expect(run([299]).outputs.ps).not.toEqual(run([300]).outputs.ps);
  });

  it('all-zero counts: PS = 7.601 everywhere, all sleep', () => {
    const out = run(Array<number>(30).fill(0)).outputs;
    out.ps.forEach((p) => expect(p).toBeCloseTo(7.601, 12));
    expect(out.state).toBe('S'.repeat(30));
  });

  it('warns when the series is shorter than the window', () => {
    expect(run([0]).warnings).toEqual([expect.stringMatching(/fewer than 11 epochs/)]);
    expect(run(Array<number>(11).fill(0)).warnings).toEqual([]);
  });

  it('property: one PS per epoch, states only S/W and consistent with PS > −4, deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }), (counts) => {
        const a = run(counts).outputs;
        const consistent = a.ps.every((p, i) => a.state[i] === (p > -4 ? 'S' : 'W'));
        return (
          a.ps.length === counts.length &&
          /^[SW]+$/.test(a.state) &&
          consistent &&
          JSON.stringify(run(counts).outputs) === JSON.stringify(a)
        );
      }),
    );
  });
});
