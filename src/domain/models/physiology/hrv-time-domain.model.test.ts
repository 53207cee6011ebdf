import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { hrvTimeDomainModel } from './hrv-time-domain.model.js';

/*
 * Sources of the expected values:
 *  - definitions of Task Force ESC/NASPE 1996 (Circulation 93:1043, Table 1): SDNN = SD of NN intervals, RMSSD = √(mean of
 *    squared successive differences), SDSD = SD of successive differences, NN50 = number of successive differences
 *    > 50 ms, pNN50 = NN50 as a percentage. SDNN/SDSD as sample SDs (n − 1) and pNN50 over the N − 1 differences, as
 *    Kubios HRV and NeuroKit2 compute them (documented in the model's citation).
 *  - the numbers below are worked by hand from those definitions for nn = 800, 810, 790, 850, 780 ms:
 *    mean 4030/5 = 806; deviations −6, 4, −16, 44, −26, Σ² = 2920, SDNN = √(2920/4) = √730;
 *    differences 10, −20, 60, −70, Σ² = 9000, RMSSD = √(9000/4) = √2250; their mean −5, deviations 15, −15, 65, −65,
 *    Σ² = 8900, SDSD = √(8900/3); NN50 = 2 (60 and 70), pNN50 = 100·2/4 = 50; mean HR = 60000/806.
 *  - the "exactly 50 ms is not counted" case follows the Task Force wording "more than 50 ms".
 */
const run = (nn_ms: number[]) => hrvTimeDomainModel.compute({ nn_ms });

describe('hrv-time-domain', () => {
  it('computes every statistic of a worked five-beat example (unrounded)', () => {
    const { outputs } = run([800, 810, 790, 850, 780]);
    expect(outputs.mean_nn).toBe(806);
    expect(outputs.sdnn).toBeCloseTo(Math.sqrt(730), 12); // 27.0185…
    expect(outputs.rmssd).toBeCloseTo(Math.sqrt(2250), 12); // 47.4342…
    expect(outputs.sdsd).toBeCloseTo(Math.sqrt(8900 / 3), 12); // 54.4671…
    expect(outputs.nn50).toBe(2);
    expect(outputs.pnn50).toBe(50);
    expect(outputs.mean_hr_bpm).toBeCloseTo(60000 / 806, 12); // 74.4417…
  });

  it('counts only differences of more than 50 ms', () => {
    expect(run([1000, 1050, 1100, 1049]).outputs).toMatchObject({ nn50: 1, pnn50: 100 / 3 });
  });

  it('warns below the 5-minute short-term standard, not above', () => {
    expect(run([800, 810, 790]).warnings).toEqual([expect.stringMatching(/5 minutes/)]);
    expect(run(Array.from({ length: 400 }, (_, i) => 800 + (i % 2) * 20)).warnings).toEqual([]);
  });

  it('input schema: at least 3 positive intervals, nothing else', () => {
    const ok = (v: unknown) => Value.Check(hrvTimeDomainModel.inputSchema, v);
    expect(ok({ nn_ms: [800, 810, 790] })).toBe(true);
    expect(ok({ nn_ms: [800, 810] })).toBe(false);
    expect(ok({ nn_ms: [800, 0, 790] })).toBe(false);
    expect(ok({ nn_ms: [800, 810, 790], rr_ms: [1] })).toBe(false);
  });

  const series = fc.array(fc.double({ min: 250, max: 2000, noNaN: true }), { minLength: 3, maxLength: 300 });

  it('property: statistics non-negative, pNN50 in [0, 100], NN50 ≤ N − 1, deterministic', () => {
    fc.assert(
      fc.property(series, (nn) => {
        const o = run(nn).outputs;
        return (
          o.sdnn >= 0 &&
          o.rmssd >= 0 &&
          o.sdsd >= 0 &&
          o.nn50 >= 0 &&
          o.nn50 <= nn.length - 1 &&
          o.pnn50 >= 0 &&
          o.pnn50 <= 100 &&
          o.mean_hr_bpm > 0 &&
          JSON.stringify(run([...nn]).outputs) === JSON.stringify(o)
        );
      }),
    );
  });

  it('property: a constant series has SDNN, RMSSD, SDSD, NN50 and pNN50 of exactly 0', () => {
    fc.assert(
      fc.property(fc.double({ min: 250, max: 2000, noNaN: true }), fc.integer({ min: 3, max: 200 }), (nn, n) => {
        const o = run(Array.from({ length: n }, () => nn)).outputs;
        return o.sdnn === 0 && o.rmssd === 0 && o.sdsd === 0 && o.nn50 === 0 && o.pnn50 === 0 && Math.abs(o.mean_nn - nn) < 1e-9;
      }),
    );
  });
});
