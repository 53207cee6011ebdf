import { riskLevelOf, riskScoreOf, type RiskLevel } from '../../twin/risk/risk-level.js';
import type { TwinFeatures } from '../../twin/twin-features.js';
import { TWIN_NAMES, type TwinScores } from '../../twin/twin-score.js';
import type { AlertCandidate, AlertSeverity } from './types.js';

export const POOR_SCORE = 50;
const label = (twin: string) => twin.replace('_', ' ');

/** The alert's severity follows the twin's risk level (docs/risk.md): critical → critical, red → high, else medium. */
const SEVERITY_BY_RISK: Partial<Record<RiskLevel, AlertSeverity>> = { critical: 'critical', red: 'high' };

/** A twin scored `poor` (score < 50, docs/models.md), one condition per twin; severity by its risk level. */
export function detectPoorTwins(features: TwinFeatures, scores: TwinScores): AlertCandidate[] {
  return TWIN_NAMES.flatMap((twin) => {
    const s = scores[twin];
    const riskScore = riskScoreOf(s);
    if (s.score === null || riskScore === null || s.score >= POOR_SCORE) return [];
    const riskLevel = riskLevelOf(riskScore);
    return [
      {
        kind: 'twin_poor',
        condition_key: `twin_poor:${twin}`,
        severity: SEVERITY_BY_RISK[riskLevel] ?? 'medium',
        title: `Poor ${label(twin)} score`,
        message: `Your ${label(twin)} twin scores ${s.score} out of 100, in the poor band (below ${POOR_SCORE}).`,
        recommended_actions: ['Review what drives this score in your twin details', 'Consider discussing it with a clinician'],
        action_required: riskLevel === 'critical',
        trigger: {
          type: 'twin_score',
          window: { from: null, to: features.as_of.slice(0, 10), days: features.window_days },
          values: { twin, score: s.score, status: s.status, risk_score: riskScore, risk_level: riskLevel },
          thresholds: { poor_below: POOR_SCORE },
          model: null,
        },
      },
    ];
  });
}
