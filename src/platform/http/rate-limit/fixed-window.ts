/**
 * Fixed windows aligned to the epoch: window n covers [n·w, (n+1)·w). Every node computes the same window
 * from its clock alone, so counters shared through Redis need no coordination, and the reset time is exact.
 */
export interface FixedWindow {
  index: number;
  /** When the window ends (epoch ms): the `X-RateLimit-Reset` time. */
  resetAtMs: number;
}

export function fixedWindow(nowMs: number, windowMs: number): FixedWindow {
  const index = Math.floor(nowMs / windowMs);
  return { index, resetAtMs: (index + 1) * windowMs };
}
