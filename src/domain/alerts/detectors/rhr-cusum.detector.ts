import { rhrCusumModel } from '../../models/physiology/rhr-cusum.model.js';
import type { TwinFeatures } from '../../twin/twin-features.js';
import type { AlertCandidate } from './types.js';

/** Trailing baseline for the standardisation: up to 28 earlier days, at least 14 of them with a resting HR. */
export const CUSUM_BASELINE_DAYS = 28;
export const CUSUM_MIN_BASELINE = 14;
/** Allowance k = 0.5 SD (tuned to a 1 SD shift) and decision interval h = 5 SD (Montgomery, Statistical Quality Control). */
export const CUSUM_R = 0.5;
export const CUSUM_H = 5;
/** SD floor, bpm: a near-constant baseline would turn a 1 bpm change into a huge z. */
export const CUSUM_MIN_SD_BPM = 1;
const MODEL = `${rhrCusumModel.id}@${rhrCusumModel.version}`;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

/**
 * Daily residuals z_t = (RHR_t − mean) / max(SD, 1 bpm) against the previous CUSUM_BASELINE_DAYS days (those with a
 * value; at least CUSUM_MIN_BASELINE), null when the day or its baseline is missing.
 */
export function standardisedRestingHr(features: TwinFeatures): (number | null)[] {
  const days = features.days;
  return days.map((day, i) => {
    if (day.resting_hr_bpm === null) return null;
    const base = days
      .slice(Math.max(0, i - CUSUM_BASELINE_DAYS), i)
      .map((d) => d.resting_hr_bpm)
      .filter((v): v is number => v !== null);
    if (base.length < CUSUM_MIN_BASELINE) return null;
    return (day.resting_hr_bpm - mean(base)) / Math.max(sd(base), CUSUM_MIN_SD_BPM);
  });
}

/**
 * RHR CuSum (Mishra et al. 2020, Nat Biomed Eng) on daily resting heart rate: medium when the one-sided CuSum of the
 * standardised, clipped residuals is ≥ CUSUM_H on the latest day with a value (that day within a day of the snapshot).
 */
export function detectRhrCusum(features: TwinFeatures): AlertCandidate[] {
  const z = standardisedRestingHr(features);
  const lastIndex = z.findLastIndex((v) => v !== null);
  if (lastIndex < 0) return [];
  const lastDay = features.days[lastIndex]!;
  if (Date.parse(features.as_of.slice(0, 10)) - Date.parse(lastDay.date) > 86_400_000) return [];
  const firstIndex = z.findIndex((v) => v !== null);
  const { W } = rhrCusumModel.compute({ z_raw: z.slice(firstIndex, lastIndex + 1), r: CUSUM_R }).outputs;
  const w = W[W.length - 1] ?? 0;
  if (w === null || w < CUSUM_H) return [];
  return [
    {
      kind: 'rhr_cusum',
      condition_key: 'rhr_cusum',
      severity: 'medium',
      title: 'Resting heart rate rising above your baseline',
      message:
        'Your resting heart rate has stayed above your usual level for several days. This can come with illness, stress, poor recovery or overtraining.',
      recommended_actions: [
        'Monitor for additional symptoms',
        'Prioritise sleep and recovery',
        'Consider medical consultation if it persists',
      ],
      action_required: false,
      trigger: {
        type: 'resting_heart_rate',
        window: { from: features.days[firstIndex]!.date, to: lastDay.date, days: lastIndex - firstIndex + 1 },
        values: { resting_hr_bpm: lastDay.resting_hr_bpm, z: round2(z[lastIndex]!), cusum: round2(w) },
        thresholds: { cusum_h: CUSUM_H, allowance_r: CUSUM_R, clip: 4, baseline_days: CUSUM_BASELINE_DAYS },
        model: MODEL,
      },
    },
  ];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
