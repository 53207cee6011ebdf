import { applyChanges, type Scorer, type SimulationChange } from '../simulation/index.js';
import type { TwinFeatures } from '../twin-features.js';
import type { TwinName, TwinScore, TwinScores } from '../twin-score.js';
import { deficitOf } from './drivers.js';
import { recommendationCandidates, type RecommendationCategory } from './recommendation-candidates.js';
import { riskLevelOf, riskScoreOf } from './risk-level.js';

export type RecommendationPriority = 'high' | 'medium' | 'low';

export interface Recommendation {
  readonly priority: RecommendationPriority;
  readonly category: RecommendationCategory;
  readonly action: string;
  /** e.g. "Reduce fatigue risk by 23%": the scorer's own answer for the changed snapshot */
  readonly expected_impact: string;
  /** (risk_after − risk_before) / risk_before × 100, one decimal; negative = lower risk */
  readonly expected_risk_change_percent: number;
  /** the twin whose risk falls most (relative) */
  readonly twin: TwinName;
  readonly risk_before: number;
  readonly risk_after: number;
  /** the drivers (component ids) of that twin the change improves */
  readonly addresses: readonly string[];
  /** the simulation change, so a client can run it through /v1/twin/simulate */
  readonly change: SimulationChange;
  readonly modelled_as: string;
  readonly source: string;
}

const twinLabel = (twin: TwinName) => twin.replace('_', ' ');
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Driver components of `before` whose sub-score is higher in `after`. */
function improvedDrivers(before: TwinScore, after: TwinScore): string[] {
  const afterById = new Map(after.components.map((c) => [c.id, c.sub_score]));
  return before.components.filter((c) => deficitOf(c) > 0 && (afterById.get(c.id) ?? -Infinity) > c.sub_score).map((c) => c.id);
}

/**
 * Priority from the modelled effect and where the twin stands: high when the risk falls by ≥ 10 points or the twin is
 * red/critical; medium for ≥ 3 points or ≥ 10 % of the risk; low otherwise.
 */
function priorityOf(before: number, after: number): RecommendationPriority {
  const drop = before - after;
  const level = riskLevelOf(before);
  if (drop >= 10 || level === 'red' || level === 'critical') return 'high';
  if (drop >= 3 || drop / before >= 0.1) return 'medium';
  return 'low';
}

const PRIORITY_ORDER: readonly RecommendationPriority[] = ['high', 'medium', 'low'];

/**
 * Guideline actions the person's data calls for, each kept only when re-scoring the snapshot with its change lowers
 * some twin's risk by improving one of that twin's drivers. The impact reported is that re-scoring's real change.
 */
export function recommend(features: TwinFeatures, twins: TwinScores, score: Scorer): Recommendation[] {
  const out: Recommendation[] = [];
  for (const candidate of recommendationCandidates(features)) {
    const simulated = score(applyChanges(features, [candidate.change]));
    let best: { twin: TwinName; before: number; after: number; addresses: string[] } | null = null;
    for (const [twin, baseline] of Object.entries(twins) as [TwinName, TwinScore][]) {
      const before = riskScoreOf(baseline);
      const after = riskScoreOf(simulated[twin]);
      if (before === null || after === null || before <= 0 || after >= before) continue;
      const addresses = improvedDrivers(baseline, simulated[twin]);
      if (addresses.length === 0) continue;
      const relative = (before - after) / before;
      if (best === null || relative > (best.before - best.after) / best.before) best = { twin, before, after, addresses };
    }
    if (best === null) continue;
    const percent = ((best.after - best.before) / best.before) * 100;
    out.push({
      priority: priorityOf(best.before, best.after),
      category: candidate.category,
      action: candidate.action,
      expected_impact: `Reduce ${twinLabel(best.twin)} risk by ${Math.round(-percent)}%`,
      expected_risk_change_percent: round1(percent),
      twin: best.twin,
      risk_before: best.before,
      risk_after: best.after,
      addresses: best.addresses,
      change: candidate.change,
      modelled_as: candidate.modelled_as,
      source: candidate.source,
    });
  }
  return out.sort(
    (a, b) =>
      PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority) ||
      b.risk_before - b.risk_after - (a.risk_before - a.risk_after),
  );
}
