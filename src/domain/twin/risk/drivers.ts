import type { TwinComponent, TwinScore } from '../twin-score.js';
import { largestRemainder } from './largest-remainder.js';

export type DriverSeverity = 'mild' | 'moderate' | 'severe';

export interface RiskDriver {
  /** the component's label (`Elevated resting heart rate`) */
  readonly factor: string;
  /** the component's id, for tools */
  readonly component: string;
  /** integer percent of the twin's risk this component accounts for; a twin's drivers sum to exactly 100 */
  readonly contribution: number;
  readonly severity: DriverSeverity;
  readonly value: number;
  readonly unit: string;
  readonly sub_score: number;
  readonly model: string | null;
}

/** Severity from the component's own 0-100 sub-score, on the twin status bands: ≥ 70 mild, ≥ 50 moderate, else severe. */
export const severityOf = (subScore: number): DriverSeverity => (subScore >= 70 ? 'mild' : subScore >= 50 ? 'moderate' : 'severe');

/** How much a component pulls the twin's weighted mean below 100. */
export const deficitOf = (c: TwinComponent): number => Math.max(0, c.weight) * Math.max(0, 100 - c.sub_score);

/**
 * The components behind a twin's risk. The twin score is a weighted mean of sub-scores, so its distance from 100 is
 * exactly Σ weight × (100 − sub_score) / Σ weight: each component's share of that sum is its contribution, rounded by
 * largest remainder so the contributions add up to 100. Components at 100 (or rounding to 0 %) are not drivers.
 */
export function driversOf(twin: TwinScore): RiskDriver[] {
  const deficits = twin.components.map(deficitOf);
  const shares = largestRemainder(deficits);
  return twin.components
    .map((c, i) => ({ c, share: shares[i]!, deficit: deficits[i]! }))
    .filter(({ share }) => share > 0)
    .sort((a, b) => b.share - a.share || b.deficit - a.deficit)
    .map(({ c, share }) => ({
      factor: c.label,
      component: c.id,
      contribution: share,
      severity: severityOf(c.sub_score),
      value: c.value,
      unit: c.unit,
      sub_score: c.sub_score,
      model: c.model,
    }));
}
