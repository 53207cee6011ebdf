import type { FastifyInstance } from 'fastify';

/**
 * The Twin spec shows `X-RateLimit-Reset` as a Unix time (`1701634800`); @fastify/rate-limit sends the
 * seconds left in the window. Installed in a surface that wants the spec's form, it rewrites the header.
 */
export function rateLimitResetAsUnixTime(app: FastifyInstance, now: () => Date): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const secondsLeft = Number(reply.getHeader('x-ratelimit-reset'));
    if (reply.hasHeader('x-ratelimit-reset') && Number.isFinite(secondsLeft)) {
      reply.header('x-ratelimit-reset', String(Math.ceil(now().getTime() / 1000) + secondsLeft));
    }
    return payload;
  });
}
