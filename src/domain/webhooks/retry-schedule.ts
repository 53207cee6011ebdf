/**
 * When a failed delivery is tried again: exponential backoff, 20 s × 4ⁿ, over 8 attempts in all. The waits are 20 s,
 * 80 s, ~5 min, ~21 min, ~85 min, ~5.7 h and ~22.8 h, about 30 h from first attempt to last, so a receiver that is down
 * for a day still gets every event. Deterministic (no jitter) so owners and tests can predict it.
 */
export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 20_000;
const FACTOR = 4;

/** Delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed; null when none is left. */
export function retryDelayMs(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return FIRST_DELAY_MS * FACTOR ** (attempt - 1);
}

/** Every wait of the schedule, for documentation and tests. */
export const RETRY_DELAYS_MS: readonly number[] = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)!);
