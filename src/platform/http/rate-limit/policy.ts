/**
 * What a client may spend: `limit` requests per fixed window of `windowSeconds`, named so the IETF
 * `RateLimit-Policy` / `RateLimit` fields can refer to it (draft-ietf-httpapi-ratelimit-headers-10 §3, §4).
 */
export interface RateLimitPolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

/** The settings the limits are built from (RATE_LIMIT_* and AUTH_RATE_LIMIT_PER_MINUTE). */
export interface RateLimitSettings {
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_FREE_PER_WINDOW: number;
  RATE_LIMIT_PREMIUM_PER_WINDOW: number;
  RATE_LIMIT_CORPORATE_PER_WINDOW: number;
  RATE_LIMIT_ANONYMOUS_PER_WINDOW: number;
  AUTH_RATE_LIMIT_PER_MINUTE: number;
}

export interface RateLimitPolicies {
  /** By subscription tier (the Twin spec's "Rate Limiting": free 100/h, premium 1,000/h, corporate 10,000/h). */
  tier(subscriptionTier: string): RateLimitPolicy;
  /** Requests without a token, per client IP. */
  anonymous: RateLimitPolicy;
  /** The unauthenticated auth endpoints, per client IP and endpoint: stricter and per minute (credential stuffing). */
  auth: RateLimitPolicy;
}

export function rateLimitPolicies(settings: RateLimitSettings): RateLimitPolicies {
  const windowSeconds = settings.RATE_LIMIT_WINDOW_SECONDS;
  const tiers: Record<string, RateLimitPolicy> = {
    free: { name: 'free', limit: settings.RATE_LIMIT_FREE_PER_WINDOW, windowSeconds },
    premium: { name: 'premium', limit: settings.RATE_LIMIT_PREMIUM_PER_WINDOW, windowSeconds },
    corporate: { name: 'corporate', limit: settings.RATE_LIMIT_CORPORATE_PER_WINDOW, windowSeconds },
  };
  const free = tiers.free as RateLimitPolicy;
  return {
    // A tier this server does not know (a typo in the database, a tier added later) gets the smallest allowance.
    tier: (subscriptionTier) => (Object.hasOwn(tiers, subscriptionTier) ? (tiers[subscriptionTier] as RateLimitPolicy) : free),
    anonymous: { name: 'anonymous', limit: settings.RATE_LIMIT_ANONYMOUS_PER_WINDOW, windowSeconds },
    auth: { name: 'auth', limit: settings.AUTH_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
  };
}
