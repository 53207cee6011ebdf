/**
 * How a measured or modelled value becomes a 0-100 sub-score (docs/models.md § "From a value to a sub-score").
 * Three shapes, each with its source:
 *
 * - `DoseResponse`: anchor points (value → sub-score) at published thresholds, straight lines between them, the end
 *   values held outside (no extrapolation beyond a published point);
 * - `RelativeRiskCurve`: anchor points (value → relative risk) from a published dose-response, turned into a sub-score
 *   by one rule for every curve (`relativeRiskScore`);
 * - `ladderScore`: an ordered classification (a guideline's categories) spread evenly from 100 (best) to 0 (worst).
 */

export type Anchor = readonly [x: number, y: number];

export interface DoseResponse {
  /** (value, sub-score) pairs, sorted by value */
  readonly anchors: readonly Anchor[];
  /** why these anchors: authors, year, journal */
  readonly source: string;
}

export interface RelativeRiskCurve {
  /** (value, relative risk against the best-off reference) pairs, sorted by value */
  readonly anchors: readonly Anchor[];
  readonly source: string;
}

const clampScore = (score: number): number => Math.min(100, Math.max(0, score));

/** Straight lines between anchors, end values held outside them. */
export function interpolate(x: number, anchors: readonly Anchor[]): number {
  if (!Number.isFinite(x)) throw new RangeError(`interpolate: not a finite number: ${String(x)}`);
  const first = anchors[0];
  const last = anchors[anchors.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('interpolate needs at least one anchor');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    const [x0, y0] = anchors[i - 1]!;
    if (x1 < x0) throw new RangeError('interpolate: anchors must be sorted by x');
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

export const scoreOn = (curve: DoseResponse, x: number): number => clampScore(interpolate(x, curve.anchors));

/**
 * Excess relative risk → sub-score, the one rule for every relative-risk curve: RR 1 (the best-off reference) → 100,
 * each 0.1 of excess risk costs 10 points, so RR 1.5 sits on the fair/poor border (50) and RR ≥ 2 gives 0.
 */
export const relativeRiskScore = (rr: number): number => clampScore(100 - 100 * (rr - 1));

export const scoreOnRisk = (curve: RelativeRiskCurve, x: number): number => relativeRiskScore(interpolate(x, curve.anchors));

/** An ordered classification, best first: category k of n scores 100·(n − 1 − k)/(n − 1). */
export function ladderScore<T extends string>(ladder: readonly T[], category: T): number {
  const rank = ladder.indexOf(category);
  if (rank < 0) throw new RangeError(`ladderScore: ${category} is not one of ${ladder.join(', ')}`);
  return ladder.length === 1 ? 100 : (100 * (ladder.length - 1 - rank)) / (ladder.length - 1);
}
