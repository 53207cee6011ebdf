/**
 * Splits `total` (an integer) in proportion to non-negative `weights` into integers that add up to exactly `total`
 * (Hamilton's largest-remainder method): each share is its quota rounded down, and the units left over go to the
 * largest fractional parts (ties: the larger weight, then the earlier index). All-zero weights give all zeros.
 */
export function largestRemainder(weights: readonly number[], total = 100): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return weights.map(() => 0);
  const quotas = weights.map((w) => (w * total) / sum);
  const shares = quotas.map(Math.floor);
  const left = total - shares.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, fraction: q - Math.floor(q), weight: weights[i]! }))
    .sort((a, b) => b.fraction - a.fraction || b.weight - a.weight || a.i - b.i);
  for (let k = 0; k < left; k++) shares[order[k % order.length]!.i]! += 1;
  return shares;
}
