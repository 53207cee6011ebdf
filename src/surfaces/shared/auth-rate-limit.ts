/**
 * Route config for the unauthenticated auth endpoints: counted per client IP and endpoint against
 * AUTH_RATE_LIMIT_PER_MINUTE (credential stuffing, mail bombing) instead of the per-user limits.
 */
export const authRateLimit = () => ({ rateLimitPolicy: 'auth' as const });
