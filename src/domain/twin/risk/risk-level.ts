import type { TwinScore } from '../twin-score.js';

export type RiskLevel = 'green' | 'yellow' | 'orange' | 'red' | 'critical';
export type RiskTrend = 'improving' | 'stable' | 'worsening';

/**
 * A twin's risk is the complement of its health score: risk_score = 100 − score (0 = nothing wrong in any component,
 * 100 = every component at its worst). It inherits the score's meaning: how far the twin's components are from healthy,
 * weighted, not a probability.
 */
export const riskScoreOf = (twin: TwinScore): number | null => (twin.score === null ? null : 100 - twin.score);

/**
 * Cut-offs on the 0-100 risk scale, in equal fifths (lower bound inclusive). They are a display convention, not
 * clinical thresholds; the spec's examples fall in them (28, 35, 38 → yellow; 42 → orange).
 */
export const RISK_LEVEL_CUTOFFS: readonly { readonly from: number; readonly level: RiskLevel }[] = [
  { from: 80, level: 'critical' },
  { from: 60, level: 'red' },
  { from: 40, level: 'orange' },
  { from: 20, level: 'yellow' },
  { from: 0, level: 'green' },
];

export const riskLevelOf = (riskScore: number): RiskLevel => RISK_LEVEL_CUTOFFS.find((c) => riskScore >= c.from)?.level ?? 'green';
