import type { TwinFeatures } from '../../twin/twin-features.js';
import type { AlertCandidate } from './types.js';

export const CRISIS_SBP_MMHG = 180;
export const CRISIS_DBP_MMHG = 120;

/** Hypertensive crisis (ACC/AHA 2017, Whelton et al. Hypertension 2018;71:e13): mean SBP ≥ 180 and/or DBP ≥ 120 → critical. */
export function detectHypertensiveCrisis(features: TwinFeatures): AlertCandidate[] {
  const bp = features.blood_pressure;
  if (!bp || (bp.sbp_mmhg < CRISIS_SBP_MMHG && bp.dbp_mmhg < CRISIS_DBP_MMHG)) return [];
  const sbp = Math.round(bp.sbp_mmhg);
  const dbp = Math.round(bp.dbp_mmhg);
  return [
    {
      kind: 'hypertensive_crisis',
      condition_key: 'hypertensive_crisis',
      severity: 'critical',
      title: 'Blood pressure in the crisis range',
      message: `Your blood pressure averages ${sbp}/${dbp} mmHg over ${bp.readings} reading${bp.readings === 1 ? '' : 's'} in the last 30 days, at or above ${CRISIS_SBP_MMHG}/${CRISIS_DBP_MMHG} mmHg.`,
      recommended_actions: [
        'Re-measure after 5 minutes of seated rest',
        'If it stays this high, contact a clinician today',
        'Call emergency services with chest pain, shortness of breath, weakness, vision or speech changes',
      ],
      action_required: true,
      trigger: {
        type: 'blood_pressure',
        window: { from: null, to: bp.latest_at.slice(0, 10), days: 30 },
        values: { sbp_mmhg: sbp, dbp_mmhg: dbp, readings: bp.readings },
        thresholds: { sbp_mmhg: CRISIS_SBP_MMHG, dbp_mmhg: CRISIS_DBP_MMHG },
        model: null,
      },
    },
  ];
}
