/**
 * What every summary returns when it cannot answer: `value: null`, a stable machine-readable `reason` and a sentence
 * saying what is missing. Summaries never guess (docs/health-data.md).
 */
export interface Insufficient<Reason extends string> {
  readonly value: null;
  readonly reason: Reason;
  readonly message: string;
}

export function insufficient<Reason extends string>(reason: Reason, message: string): Insufficient<Reason> {
  return { value: null, reason, message };
}

/** Throws a RangeError unless `value` is a finite number ≥ 0: impossible inputs are a caller's bug, not missing data. */
export function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(value)}`);
}
