import type { RateLimitPolicy } from './policy.js';

/** The counter state a response reports. */
export interface RateLimitState {
  policy: RateLimitPolicy;
  count: number;
  resetAtMs: number;
  nowMs: number;
}

export const secondsUntilReset = (state: RateLimitState): number => Math.max(0, Math.ceil((state.resetAtMs - state.nowMs) / 1000));

/**
 * The headers of a limited response:
 * - `X-RateLimit-Limit/Remaining/Reset` as the Twin spec shows them ("Rate Limiting": `X-RateLimit-Reset: 1701634800`,
 *   a Unix time), on every surface alike (Clarity and MHRAS specify none);
 * - `RateLimit-Policy: "<name>";q=<quota>;w=<window s>` and `RateLimit: "<name>";r=<remaining>;t=<s to reset>`
 *   (draft-ietf-httpapi-ratelimit-headers-10 §3.1, §4.1: Structured Field lists, the policy name a quoted string).
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const { policy } = state;
  const remaining = Math.max(0, policy.limit - state.count);
  const name = JSON.stringify(policy.name);
  return {
    'x-ratelimit-limit': String(policy.limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil(state.resetAtMs / 1000)),
    'ratelimit-policy': `${name};q=${policy.limit};w=${policy.windowSeconds}`,
    ratelimit: `${name};r=${remaining};t=${secondsUntilReset(state)}`,
  };
}

/** Every header a browser client may read: for CORS `exposedHeaders`. */
export const RATE_LIMIT_HEADER_NAMES = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
  'Retry-After',
];
