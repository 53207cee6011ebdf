import { nightsignalModel } from '../../models/physiology/nightsignal.model.js';
import type { TwinFeatures } from '../../twin/twin-features.js';
import type { AlertCandidate } from './types.js';

/** Nights of overnight HR needed before the personal median baseline is trusted (docs/alerts.md). */
export const NIGHTSIGNAL_MIN_NIGHTS = 7;
const MODEL = `${nightsignalModel.id}@${nightsignalModel.version}`;

/**
 * NightSignal (Alavi et al. 2022, Nat Med) on the nightly mean heart rate while asleep: the model's alert on the most
 * recent night — yellow (1) → medium, red (2) → high. Needs NIGHTSIGNAL_MIN_NIGHTS nights; the last night must
 * be the snapshot's day or the day before (an old night does not raise an alert today).
 */
export function detectNightSignal(features: TwinFeatures): AlertCandidate[] {
  const nights = features.nights.filter(
    (n): n is typeof n & { overnight_hr_bpm: number } => n.overnight_hr_bpm !== null && n.overnight_hr_bpm > 0,
  );
  if (nights.length < NIGHTSIGNAL_MIN_NIGHTS) return [];
  const series = Object.fromEntries(nights.map((n) => [n.date, Math.min(n.overnight_hr_bpm, 300)]));
  const { alert, baseline_median } = nightsignalModel.compute({ nightly_avg_rhr_bpm: series }).outputs;
  const last = nights[nights.length - 1]!;
  const asOfDay = features.as_of.slice(0, 10);
  if (Date.parse(asOfDay) - Date.parse(last.date) > 86_400_000) return [];
  const level = alert[last.date] ?? 0;
  if (level === 0) return [];
  const red = level === 2;
  return [
    {
      kind: 'nightsignal',
      condition_key: 'nightsignal',
      severity: red ? 'high' : 'medium',
      title: red ? 'Overnight heart rate well above your baseline' : 'Overnight heart rate above your baseline',
      message: `Your heart rate while asleep has been at least ${red ? 4 : 3} bpm above your personal baseline for two nights in a row. This can come before an infection or other stress becomes noticeable.`,
      recommended_actions: red
        ? [
            'Watch for symptoms such as fever, cough or fatigue',
            'Rest and avoid strenuous exercise today',
            'Consider contacting a clinician if you feel unwell',
          ]
        : ['Watch for symptoms such as fever, cough or fatigue', 'Prioritise sleep and recovery'],
      action_required: red,
      trigger: {
        type: 'overnight_heart_rate',
        window: { from: nights[0]!.date, to: last.date, days: nights.length },
        values: {
          night: last.date,
          overnight_hr_bpm: last.overnight_hr_bpm,
          baseline_median_bpm: baseline_median[last.date] ?? null,
          alert_level: level,
        },
        thresholds: { yellow_bpm_above_baseline: 3, red_bpm_above_baseline: 4, consecutive_nights: 2 },
        model: MODEL,
      },
    },
  ];
}
