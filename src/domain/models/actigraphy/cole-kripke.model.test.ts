import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTILIFE_HEAD, ACTILIFE_TAIL } from './actilife-reference.fixture.js';
import { coleKripkeModel } from './cole-kripke.model.js';

/*
 * Sources of the expected values:
 *  - ActiLife 6 itself: the S/W column ActiLife exported for a GT3X+ recording (60 s epochs), transcribed in
 *    actilife-reference.fixture.ts from dipetkov/actigraph.sleepr inst/extdata/GT3XPlus-RawData-Day01-sleep-awake.csv.
 *    Compared on the first 329 epochs (the recording's real start, so the zero padding before the first epoch is
 *    exercised) and on the last 129 epochs (the recording's real end, padding after the last epoch).
 *  - arithmetic of ActiLife's documented rule (ActiLife 6 User's Manual; restated in the actigraph.sleepr docs):
 *    counts / 100 capped at 300, D = 0.001 (106 A-4 + 54 A-3 + 58 A-2 + 76 A-1 + 230 A0 + 74 A+1 + 67 A+2), S if D < 1.
 *    One epoch of 1000 counts (scaled 10) among zeros gives D = 0.67, 0.74, 2.3, 0.76, 0.58 at offsets −2 … +2;
 *    50,000 counts scale to 500 and are capped at 300: D = 0.001 × 230 × 300 = 69.
 */
const run = (counts: number[]) => coleKripkeModel.compute({ epoch_seconds: 60, counts });

describe('cole-kripke', () => {
  it('matches ActiLife 6 epoch for epoch at the start of a recording', () => {
    const { state } = run([...ACTILIFE_HEAD.axis1]).outputs;
    const comparable = ACTILIFE_HEAD.axis1.length - 2; // later epochs' windows reach past the transcribed segment
    expect(state.slice(0, comparable)).toBe(ACTILIFE_HEAD.coleKripke.slice(0, comparable));
  });

  it('matches ActiLife 6 epoch for epoch at the end of a recording', () => {
    const { state } = run([...ACTILIFE_TAIL.axis1]).outputs;
    expect(state.slice(4)).toBe(ACTILIFE_TAIL.coleKripke.slice(4));
  });

  it('weights one active epoch by the window coefficients (zeros beyond the series)', () => {
    const { d, state } = run([0, 0, 0, 0, 1000, 0, 0]).outputs;
    const expected = [0, 0, 0.67, 0.74, 2.3, 0.76, 0.58];
    d.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 12));
    expect(state).toBe('SSSSWSS');
  });

  it('divides counts by 100 and caps the scaled count at 300', () => {
    expect(run([50_000]).outputs.d[0]).toBeCloseTo(69, 12);
    expect(run([30_000]).outputs.d[0]).toBeCloseTo(69, 12);
    expect(run([20_000]).outputs.d[0]).toBeCloseTo(46, 12);
  });

  it('scores D < 1 as sleep and D = 1 as wake', () => {
    // A lone epoch has D = 0.001 × 230 × c/100, which is 1 exactly when c = 100000/230.
    expect(run([100_000 / 230]).outputs.state).toBe('W');
    expect(run([100_000 / 230 - 1]).outputs.state).toBe('S');
  });

  it('warns when the series is shorter than the window', () => {
    expect(run([0, 0, 0]).warnings).toEqual([expect.stringMatching(/fewer than 7 epochs/)]);
    expect(run([0, 0, 0, 0, 0, 0, 0]).warnings).toEqual([]);
  });

  it('property: one D per epoch, states only S/W, deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 200 }), (counts) => {
        const a = run(counts).outputs;
        return (
          a.d.length === counts.length &&
          /^[SW]+$/.test(a.state) &&
          a.state.length === counts.length &&
          JSON.stringify(run(counts).outputs) === JSON.stringify(a)
        );
      }),
    );
  });

  it('property: all-zero counts are all sleep, and a zero stretch is sleep away from activity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 40_000 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 40_000 }), { maxLength: 30 }),
        (n, before, after) => {
          if (!/^S+$/.test(run(Array<number>(n).fill(0)).outputs.state)) return false;
          // Zeros further than the window from any activity: 4 epochs after `before`, 2 before `after`.
          const zeros = n + 6;
          const state = run([...before, ...Array<number>(zeros).fill(0), ...after]).outputs.state;
          return /^S+$/.test(state.slice(before.length + 4, before.length + zeros - 2));
        },
      ),
    );
  });

  it('property: D is non-decreasing in every count (non-negative weights)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 50 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5000 }),
        (counts, pick, extra) => {
          const i = pick % counts.length;
          const more = counts.map((c, j) => (j === i ? c + extra : c));
          const a = run(counts).outputs.d;
          const b = run(more).outputs.d;
          return a.every((v, j) => (b[j] ?? -Infinity) >= v - 1e-12);
        },
      ),
    );
  });
});
