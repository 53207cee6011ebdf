import type { TwinComponent } from '../../twin-score.js';

/** A component before the twin's weights are renormalised over the components that are present. */
export interface ComponentDraft {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** 0-100, unrounded; rounded to 0.1 here so the published sub-score is the one summed */
  readonly subScore: number;
  /** the twin's nominal weight, an integer in percent (docs/models.md) */
  readonly weight: number;
  readonly model: string | null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The weighted mean over the components present, with their nominal weights renormalised to sum 1, rounded once to
 * an integer (halves up). Computed on integers (weights in percent, sub-scores in tenths) so a hand calculation and
 * the code agree to the last digit.
 */
export function weightedScore(drafts: readonly ComponentDraft[]): { score: number; components: TwinComponent[] } {
  if (drafts.length === 0) throw new RangeError('weightedScore needs at least one component');
  const totalWeight = drafts.reduce((sum, d) => sum + d.weight, 0);
  if (!(totalWeight > 0)) throw new RangeError('weightedScore: the weights must sum to more than 0');
  let weightedTenths = 0;
  const components = drafts.map((d) => {
    if (!Number.isFinite(d.subScore) || d.subScore < 0 || d.subScore > 100)
      throw new RangeError(`${d.id}: sub-score ${d.subScore} outside 0-100`);
    const subScore = round1(d.subScore);
    weightedTenths += d.weight * Math.round(subScore * 10);
    return {
      id: d.id,
      label: d.label,
      value: round2(d.value),
      unit: d.unit,
      sub_score: subScore,
      weight: d.weight / totalWeight,
      model: d.model,
    };
  });
  return { score: Math.round(weightedTenths / (10 * totalWeight)), components };
}
