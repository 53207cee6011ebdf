import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './headers.js';
import { rateLimitPolicies } from './policy.js';

const settings = {
  RATE_LIMIT_WINDOW_SECONDS: 3600,
  RATE_LIMIT_FREE_PER_WINDOW: 100,
  RATE_LIMIT_PREMIUM_PER_WINDOW: 1000,
  RATE_LIMIT_CORPORATE_PER_WINDOW: 10_000,
  RATE_LIMIT_ANONYMOUS_PER_WINDOW: 50,
  AUTH_RATE_LIMIT_PER_MINUTE: 30,
};

describe('rateLimitPolicies', () => {
  const policies = rateLimitPolicies(settings);
  it('maps each subscription tier to its allowance', () => {
    expect(policies.tier('free')).toEqual({ name: 'free', limit: 100, windowSeconds: 3600 });
    expect(policies.tier('premium')).toEqual({ name: 'premium', limit: 1000, windowSeconds: 3600 });
    expect(policies.tier('corporate')).toEqual({ name: 'corporate', limit: 10_000, windowSeconds: 3600 });
  });
  it('gives an unknown tier (or an inherited property name) the free allowance', () => {
    expect(policies.tier('platinum').name).toBe('free');
    expect(policies.tier('constructor').name).toBe('free');
  });
  it('limits the auth endpoints per minute', () => {
    expect(policies.auth).toEqual({ name: 'auth', limit: 30, windowSeconds: 60 });
    expect(policies.anonymous).toEqual({ name: 'anonymous', limit: 50, windowSeconds: 3600 });
  });
});

describe('rateLimitHeaders', () => {
  const policy = { name: 'premium', limit: 1000, windowSeconds: 3600 };
  const resetAtMs = 1_701_634_800_000; // the Twin spec's example reset time

  it('writes the Twin spec headers (reset as Unix time) and the IETF draft fields', () => {
    expect(rateLimitHeaders({ policy, count: 153, resetAtMs, nowMs: resetAtMs - 1_234_500 })).toEqual({
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '847',
      'x-ratelimit-reset': '1701634800',
      'ratelimit-policy': '"premium";q=1000;w=3600',
      ratelimit: '"premium";r=847;t=1235',
    });
  });

  it('never reports a negative remainder', () => {
    const headers = rateLimitHeaders({ policy, count: 1005, resetAtMs, nowMs: resetAtMs - 10_000 });
    expect(headers['x-ratelimit-remaining']).toBe('0');
    expect(headers.ratelimit).toBe('"premium";r=0;t=10');
  });
});
