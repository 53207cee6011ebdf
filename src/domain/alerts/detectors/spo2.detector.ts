import type { TwinFeatures } from '../../twin/twin-features.js';
import type { AlertCandidate } from './types.js';

export const SPO2_LOW_PERCENT = 90;
export const SPO2_CRITICAL_PERCENT = 85;
/** days looked at (the last ones of the snapshot) and how many of them must be low */
export const SPO2_WINDOW_DAYS = 3;
export const SPO2_MIN_LOW_DAYS = 2;

/**
 * Sustained low SpO2: at least 2 of the last 3 days' minimum below 90 % (hypoxaemia, WHO Pulse Oximetry Training
 * Manual 2011; BTS guideline, O'Driscoll et al. Thorax 2017) → high; at least 2 below 85 % → critical. One low
 * reading is not enough: wearable minima include motion and fit artefacts.
 */
export function detectLowSpo2(features: TwinFeatures): AlertCandidate[] {
  const window = features.days.slice(-SPO2_WINDOW_DAYS);
  const minima = window.map((d) => d.spo2_min_percent).filter((v): v is number => v !== null);
  const low = minima.filter((v) => v < SPO2_LOW_PERCENT).length;
  if (low < SPO2_MIN_LOW_DAYS) return [];
  const critical = minima.filter((v) => v < SPO2_CRITICAL_PERCENT).length >= SPO2_MIN_LOW_DAYS;
  const lowest = Math.min(...minima);
  return [
    {
      kind: 'low_spo2',
      condition_key: 'low_spo2',
      severity: critical ? 'critical' : 'high',
      title: critical ? 'Very low blood oxygen' : 'Low blood oxygen',
      message: `Your lowest blood oxygen reading was below ${critical ? SPO2_CRITICAL_PERCENT : SPO2_LOW_PERCENT} % on ${low} of the last ${window.length} days (lowest ${lowest} %).`,
      recommended_actions: critical
        ? [
            'Seek medical care promptly, urgently if you are short of breath or confused',
            'Check the reading with the sensor fitted well and at rest',
          ]
        : [
            'Check the reading with the sensor fitted well and at rest',
            'Consider medical consultation, especially with breathlessness or snoring',
          ],
      action_required: critical,
      trigger: {
        type: 'spo2',
        window: { from: window[0]?.date ?? null, to: window[window.length - 1]?.date ?? null, days: window.length },
        values: { days_with_data: minima.length, days_below_90: low, lowest_percent: lowest },
        thresholds: { low_percent: SPO2_LOW_PERCENT, critical_percent: SPO2_CRITICAL_PERCENT, min_low_days: SPO2_MIN_LOW_DAYS },
        model: null,
      },
    },
  ];
}
