import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../app-error.js';
import type { CounterStore } from './counter-store.js';
import { rateLimitHeaders, secondsUntilReset } from './headers.js';
import type { RateLimitPolicies, RateLimitPolicy } from './policy.js';
import { routeLimit } from './route-limit.js';

/** The signed-in caller as the limits see it; null for a request without a token. */
export interface LimitedCaller {
  id: string;
  subscriptionTier: string;
}

export interface RateLimitInstallation {
  policies: RateLimitPolicies;
  store: CounterStore;
  /** False: only the auth endpoints' limit applies (RATE_LIMIT_ENABLED). */
  callerLimitsEnabled: boolean;
  now: () => Date;
  /** Read after authentication ran: the limits live in platform/, the principal in the surfaces. */
  callerOf: (request: FastifyRequest) => LimitedCaller | null;
}

/**
 * Adds a limit check to every route as it is registered (so call it before the surfaces register theirs). The
 * check is the route's last preHandler: it runs after every onRequest, so after authentication wherever that
 * happens, and counts per user id (every token of a person shares one allowance) or per client IP.
 */
export function installRateLimits(app: FastifyInstance, setup: RateLimitInstallation): void {
  const { policies, store, now, callerOf } = setup;

  const enforce = async (reply: FastifyReply, policy: RateLimitPolicy, key: string): Promise<void> => {
    const nowMs = now().getTime();
    const { count, resetAtMs } = await store.hit(key, policy.windowSeconds * 1000, nowMs);
    const state = { policy, count, resetAtMs, nowMs };
    reply.headers(rateLimitHeaders(state));
    if (count <= policy.limit) return;
    const retryAfter = Math.max(1, secondsUntilReset(state));
    throw new AppError('rate_limited', `Rate limit exceeded: ${policy.limit} requests per ${describeWindow(policy.windowSeconds)}`, {
      details: { limit: policy.limit, policy: policy.name, retry_after_seconds: retryAfter },
      headers: { 'retry-after': String(retryAfter) },
    });
  };

  const callerLimit: preHandlerAsyncHookHandler = async (request, reply) => {
    const caller = callerOf(request);
    if (caller) await enforce(reply, policies.tier(caller.subscriptionTier), `user:${caller.id}`);
    else await enforce(reply, policies.anonymous, `ip:${request.ip}`);
  };
  const authLimit: preHandlerAsyncHookHandler = async (request, reply) => {
    await enforce(reply, policies.auth, `auth:${request.method}:${request.routeOptions.url ?? ''}:${request.ip}`);
  };

  app.addHook('onRoute', (route) => {
    const which = routeLimit(route);
    if (which === 'exempt' || (which === 'caller' && !setup.callerLimitsEnabled)) return;
    const check = which === 'auth' ? authLimit : callerLimit;
    const hooks = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    // A HEAD route copied from its GET may arrive with the check already in place.
    if (hooks.includes(check)) return;
    route.preHandler = [...hooks, check];
  });
  app.addHook('onClose', async () => store.close());
}

function describeWindow(seconds: number): string {
  if (seconds === 60) return '1 minute';
  if (seconds === 3600) return '1 hour';
  if (seconds === 86_400) return '1 day';
  return `${seconds} seconds`;
}
