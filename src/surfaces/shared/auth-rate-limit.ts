import type { FastifyInstance } from 'fastify';

/** Per-IP limit for the unauthenticated auth endpoints (credential stuffing, mail bombing). */
export const authRateLimit = (app: FastifyInstance) => ({
  rateLimit: { max: app.services.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
});
