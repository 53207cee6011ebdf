import { describe, expect, it } from 'vitest';
import { MessageRateLimiter } from './ws-rate-limiter.js';

describe('MessageRateLimiter (token bucket)', () => {
  it('allows a burst, then refills at the sustained rate, never above the burst', () => {
    let now = 0;
    const limiter = new MessageRateLimiter(60, 3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.tryTake())).toEqual([true, true, true, false]);
    expect(limiter.retryAfterSeconds()).toBe(1);
    now += 1000;
    expect([limiter.tryTake(), limiter.tryTake()]).toEqual([true, false]);
    now += 3_600_000;
    expect([1, 2, 3, 4].map(() => limiter.tryTake())).toEqual([true, true, true, false]);
  });

  it('does not let a client double its rate across a window edge', () => {
    let now = 0;
    const limiter = new MessageRateLimiter(120, 2, () => now);
    let accepted = 0;
    for (let ms = 0; ms < 60_000; ms += 10) {
      now = ms;
      if (limiter.tryTake()) accepted += 1;
    }
    expect(accepted).toBeLessThanOrEqual(2 + 120);
  });
});
