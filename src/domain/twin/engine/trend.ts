/**
 * A twin's trend from its stored daily history (docs/models.md, "Trend"): today's score against the score stored for
 * the latest day at least TREND_LOOKBACK_DAYS earlier. A change of TREND_MIN_POINTS or more is a trend; less is
 * stable. Without both scores there is nothing to compare, and the answer is null rather than a guessed "stable".
 */
export const TREND_LOOKBACK_DAYS = 7;
/** Five points: the width of the smallest status band step we consider meaningful (bands are 15-20 points wide). */
export const TREND_MIN_POINTS = 5;

export type Trend = 'improving' | 'stable' | 'declining';

export function trendOf(current: number | null, earlier: number | null | undefined): Trend | null {
  if (current === null || earlier === null || earlier === undefined) return null;
  const change = current - earlier;
  if (change >= TREND_MIN_POINTS) return 'improving';
  if (change <= -TREND_MIN_POINTS) return 'declining';
  return 'stable';
}
