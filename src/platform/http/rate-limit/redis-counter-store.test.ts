import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCounterStore } from './redis-counter-store.js';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
const HOUR = 3_600_000;

describe.skipIf(!TEST_REDIS_URL)('RedisCounterStore (TEST_REDIS_URL)', () => {
  // A prefix of its own: parallel runs sharing one Redis never see each other's counters.
  const prefix = `homeostat-test:${randomBytes(6).toString('hex')}:`;
  let store: RedisCounterStore;
  let other: RedisCounterStore;
  let redis: Redis;

  beforeAll(() => {
    store = new RedisCounterStore({ url: TEST_REDIS_URL ?? '', prefix });
    other = new RedisCounterStore({ url: TEST_REDIS_URL ?? '', prefix });
    redis = new Redis(TEST_REDIS_URL ?? '');
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await store.close();
    await other.close();
  });

  it('counts hits of one key from two clients against one counter', async () => {
    const now = Date.now();
    expect((await store.hit('user:a', HOUR, now)).count).toBe(1);
    expect((await other.hit('user:a', HOUR, now)).count).toBe(2);
    expect((await store.hit('user:a', HOUR, now)).count).toBe(3);
    expect((await store.hit('user:b', HOUR, now)).count).toBe(1);
  });

  it('keeps one key per window, expiring a little after the window ends', async () => {
    const now = Date.UTC(2030, 0, 1, 10, 30);
    const counted = await store.hit('ip:203.0.113.7', HOUR, now);
    expect(counted).toEqual({ count: 1, resetAtMs: Date.UTC(2030, 0, 1, 11) });
    const key = `${prefix}ip:203.0.113.7:${Math.floor(now / HOUR)}`;
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(30 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5000);
    expect((await store.hit('ip:203.0.113.7', HOUR, now + HOUR)).count).toBe(1);
  });
});

describe.skipIf(TEST_REDIS_URL)('RedisCounterStore', () => {
  it.skip('needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379): Redis counter tests skipped', () => undefined);
});
