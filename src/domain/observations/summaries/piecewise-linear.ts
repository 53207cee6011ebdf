/**
 * Piecewise-linear interpolation through anchor points: how every published threshold becomes a score here. Below the
 * first anchor the first y holds, above the last anchor the last y holds (no extrapolation beyond published points).
 */
export type Anchor = readonly [x: number, y: number];

export function piecewiseLinear(x: number, anchors: readonly Anchor[]): number {
  if (anchors.length === 0) throw new RangeError('piecewiseLinear needs at least one anchor');
  for (let i = 1; i < anchors.length; i++) {
    if (anchors[i]![0] < anchors[i - 1]![0]) throw new RangeError('piecewiseLinear anchors must be sorted by x');
  }
  const first = anchors[0]!;
  const last = anchors[anchors.length - 1]!;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    if (x <= x1) {
      const [x0, y0] = anchors[i - 1]!;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return last[1];
}
