export type { CounterStore, WindowCount } from './counter-store.js';
export { createCounterStore, REDIS_RETRY_AFTER_MS } from './create-counter-store.js';
export { FallbackCounterStore } from './fallback-counter-store.js';
export { fixedWindow } from './fixed-window.js';
export { RATE_LIMIT_HEADER_NAMES, rateLimitHeaders } from './headers.js';
export { installRateLimits, type LimitedCaller, type RateLimitInstallation } from './install-rate-limits.js';
export { MemoryCounterStore } from './memory-counter-store.js';
export { rateLimitPolicies, type RateLimitPolicies, type RateLimitPolicy, type RateLimitSettings } from './policy.js';
export { PROBE_ROUTES, routeLimit, type RouteLimit } from './route-limit.js';
