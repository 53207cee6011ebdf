import type { TwinFeatures } from '../../twin/twin-features.js';
import { TWIN_NAMES, type TwinScores } from '../../twin/twin-score.js';
import type { AlertCandidate } from './types.js';

export const POOR_SCORE = 50;
const label = (twin: string) => twin.replace('_', ' ');

/** A twin scored `poor` (score < 50, docs/models.md) → high, one condition per twin. */
export function detectPoorTwins(features: TwinFeatures, scores: TwinScores): AlertCandidate[] {
  return TWIN_NAMES.flatMap((twin) => {
    const s = scores[twin];
    if (s.score === null || s.score >= POOR_SCORE) return [];
    return [
      {
        kind: 'twin_poor',
        condition_key: `twin_poor:${twin}`,
        severity: 'high' as const,
        title: `Poor ${label(twin)} score`,
        message: `Your ${label(twin)} twin scores ${s.score} out of 100, in the poor band (below ${POOR_SCORE}).`,
        recommended_actions: ['Review what drives this score in your twin details', 'Consider discussing it with a clinician'],
        action_required: false,
        trigger: {
          type: 'twin_score',
          window: { from: null, to: features.as_of.slice(0, 10), days: features.window_days },
          values: { twin, score: s.score, status: s.status },
          thresholds: { poor_below: POOR_SCORE },
          model: null,
        },
      },
    ];
  });
}
