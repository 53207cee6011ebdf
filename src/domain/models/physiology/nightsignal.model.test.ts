import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { nightsignalModel } from './nightsignal.model.js';

/*
 * Sources of the expected values: the rules of the reference implementation, read in
 * StanfordBioinformatics/wearable-infection nightsignal.py (Fitbit branch, medianConfig "MedianOfAvgs"; Alavi et al.
 * 2022 Nat Med), applied BY HAND to the small series below:
 *  - baseline for night d = int(statistics.median(averages of all nights ≤ d)) (expanding window including d; int() truncates);
 *  - potential red/yellow: avg ≥ baseline + red/yellow threshold (defaults 4 and 3 bpm, the reference's configuration);
 *  - alert 2 when night d and calendar night d − 1 are both potential reds; else 1 when both are potential yellows; else 0;
 *  - a one-night gap is imputed as int(round((a + b) / 2, 1)) when one neighbour has a consecutive night on its far side.
 * Each case also agreed with a line-by-line Python re-statement of those rules run on 3,000 random series during development.
 * The README's sample alert file (runs of 2s after a single 0→2 onset) shows the same output alphabet, 0/1/2 per night.
 */
const run = (nightly_avg_rhr_bpm: Record<string, number>, thresholds: { yellow_threshold_bpm?: number; red_threshold_bpm?: number } = {}) =>
  nightsignalModel.compute({ nightly_avg_rhr_bpm, ...thresholds });

const CASE_A = { '2021-01-01': 60, '2021-01-02': 60, '2021-01-03': 60, '2021-01-04': 64, '2021-01-05': 64, '2021-01-06': 65, '2021-01-07': 60 };

describe('nightsignal', () => {
  it('alerts only on the second consecutive elevated night; red before yellow (worked case A)', () => {
    // baselines: 60, 60, 60, median(60,60,60,64)=60, 60, median(60,60,60,64,64,65)=62, 60.
    // potential reds (≥ base + 4): 01-04, 01-05; potential yellows (≥ base + 3): 01-04, 01-05, 01-06 (65 ≥ 62 + 3).
    const { outputs, warnings } = run(CASE_A);
    expect(outputs.baseline_median).toEqual({ '2021-01-01': 60, '2021-01-02': 60, '2021-01-03': 60, '2021-01-04': 60, '2021-01-05': 60, '2021-01-06': 62, '2021-01-07': 60 });
    expect(outputs.alert).toEqual({ '2021-01-01': 0, '2021-01-02': 0, '2021-01-03': 0, '2021-01-04': 0, '2021-01-05': 2, '2021-01-06': 1, '2021-01-07': 0 });
    expect(warnings).toEqual([]);
  });

  it('honours custom thresholds (case A with red 5: no reds, two yellows)', () => {
    expect(run(CASE_A, { red_threshold_bpm: 5 }).outputs.alert).toMatchObject({ '2021-01-04': 0, '2021-01-05': 1, '2021-01-06': 1, '2021-01-07': 0 });
  });

  it('truncates the median like the reference: median(60, 61, 64, 65) = 62.5 → 62, so 65 is a yellow', () => {
    const { outputs } = run({ '2021-03-01': 60, '2021-03-02': 61, '2021-03-03': 64, '2021-03-04': 65 });
    expect(outputs.baseline_median).toEqual({ '2021-03-01': 60, '2021-03-02': 60, '2021-03-03': 61, '2021-03-04': 62 });
    expect(outputs.alert).toEqual({ '2021-03-01': 0, '2021-03-02': 0, '2021-03-03': 0, '2021-03-04': 1 });
  });

  it('imputes a one-night gap as int(round(mean, 1)) and reports it', () => {
    // 05-03 missing: (61 + 70) / 2 = 65.5 → 65. Series 60, 61, 65, 70, 70 → baselines 60, 60, 61, 63, 65.
    const { outputs, warnings } = run({ '2021-05-01': 60, '2021-05-02': 61, '2021-05-04': 70, '2021-05-05': 70 });
    expect(outputs.baseline_median).toEqual({ '2021-05-01': 60, '2021-05-02': 60, '2021-05-03': 61, '2021-05-04': 63, '2021-05-05': 65 });
    expect(outputs.alert).toEqual({ '2021-05-01': 0, '2021-05-02': 0, '2021-05-03': 0, '2021-05-04': 2, '2021-05-05': 2 });
    expect(warnings).toEqual([expect.stringContaining('2021-05-03')]);
  });

  it('does not impute isolated nights, and a longer gap breaks the consecutive-night rule', () => {
    expect(run({ '2021-01-01': 60, '2021-01-03': 60, '2021-01-05': 60 }).outputs.alert).toEqual({ '2021-01-01': 0, '2021-01-03': 0, '2021-01-05': 0 });
    // 04 and 07 are potential reds but not consecutive nights; 08 follows 07. Baseline 08 = median(60,60,60,70,70,70) = 65.
    const { outputs } = run({ '2021-01-01': 60, '2021-01-02': 60, '2021-01-03': 60, '2021-01-04': 70, '2021-01-07': 70, '2021-01-08': 70 });
    expect(outputs.alert).toEqual({ '2021-01-01': 0, '2021-01-02': 0, '2021-01-03': 0, '2021-01-04': 0, '2021-01-07': 0, '2021-01-08': 2 });
    expect(outputs.baseline_median['2021-01-08']).toBe(65);
  });

  it('orders nights by date whatever the input order, across month and leap-day boundaries', () => {
    const { outputs } = run({ '2020-03-01': 80, '2020-02-28': 60, '2020-02-29': 70 });
    expect(Object.keys(outputs.alert)).toEqual(['2020-02-28', '2020-02-29', '2020-03-01']);
    // baselines 60, median(60,70) = 65, median(60,70,80) = 70: 02-29 (70 ≥ 69) and 03-01 (80 ≥ 74) are potential reds,
    // and 03-01 follows 02-29 by one calendar day in a leap year.
    expect(outputs.baseline_median).toEqual({ '2020-02-28': 60, '2020-02-29': 65, '2020-03-01': 70 });
    expect(outputs.alert).toEqual({ '2020-02-28': 0, '2020-02-29': 0, '2020-03-01': 2 });
  });

  it('rejects an impossible date (422 naming the field) and a malformed one (schema)', () => {
    expect(() => run({ '2021-02-29': 60 })).toThrow(ModelInputError);
    const ok = (v: unknown) => Value.Check(nightsignalModel.inputSchema, v);
    expect(ok({ nightly_avg_rhr_bpm: { '2021-02-28': 60 } })).toBe(true);
    expect(ok({ nightly_avg_rhr_bpm: { '28/02/2021': 60 } })).toBe(false);
    expect(ok({ nightly_avg_rhr_bpm: {} })).toBe(false);
    expect(ok({ nightly_avg_rhr_bpm: { '2021-02-28': 60 }, orange_threshold_bpm: 2 })).toBe(false);
  });

  /** Consecutive nights (no imputation), so every night's value is the input's. */
  const consecutive = fc.array(fc.integer({ min: 40, max: 100 }), { minLength: 1, maxLength: 60 }).map((bpm) => {
    const out: Record<string, number> = {};
    bpm.forEach((v, i) => (out[new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10)] = v));
    return out;
  });
  const thresholds = fc.record({ yellow_threshold_bpm: fc.double({ min: 0.5, max: 10, noNaN: true }), red_threshold_bpm: fc.double({ min: 0.5, max: 10, noNaN: true }) });

  it('property: alerts are 0, 1 or 2, one per night; never raised unless that night and the one before sit above baseline', () => {
    fc.assert(
      fc.property(consecutive, thresholds, (nights, t) => {
        const { outputs } = run(nights, t);
        const dates = Object.keys(nights).sort();
        if (JSON.stringify(Object.keys(outputs.alert)) !== JSON.stringify(dates)) return false;
        return dates.every((date, i) => {
          const level = outputs.alert[date];
          if (![0, 1, 2].includes(level!)) return false;
          if (level === 0) return true;
          const prev = dates[i - 1];
          return prev !== undefined && nights[date]! > outputs.baseline_median[date]! && nights[prev]! > outputs.baseline_median[prev]!;
        });
      }),
    );
  });

  it('property: deterministic, and a flat series never alerts', () => {
    fc.assert(
      fc.property(consecutive, (nights) => JSON.stringify(run(nights)) === JSON.stringify(run({ ...nights }))),
    );
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 100 }), fc.integer({ min: 1, max: 60 }), (bpm, n) => {
        const nights = Object.fromEntries(Array.from({ length: n }, (_, i) => [new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10), bpm]));
        return Object.values(run(nights).outputs.alert).every((a) => a === 0);
      }),
    );
  });
});
