import { Redis } from 'ioredis';
import type { CounterStore, WindowCount } from './counter-store.js';
import { fixedWindow } from './fixed-window.js';

/** One round trip, atomic: count the hit and, on the window's first hit, let the key expire after the window. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** Keys outlive their window by this much, so a node whose clock lags a little still finds the count. */
const EXPIRY_SLACK_MS = 5000;

export interface RedisCounterStoreOptions {
  url: string;
  /** Prepended to every key, so deployments (and test runs) can share one Redis. */
  prefix: string;
  /** Longest wait for Redis before the hit fails (and the caller falls back): a limit check must stay cheap. */
  commandTimeoutMs?: number;
}

type WithHit = Redis & { rateLimitHit(key: string, ttlMs: number): Promise<number> };

/** Counters in Redis, one key per client and window (`<prefix><key>:<window index>`): all nodes count against one limit. */
export class RedisCounterStore implements CounterStore {
  readonly kind = 'redis';
  private readonly redis: WithHit;
  private readonly prefix: string;

  constructor(options: RedisCounterStoreOptions) {
    this.prefix = options.prefix;
    // One retry and a short command timeout: while Redis is away a request waits at most that long, then falls back.
    const redis = new Redis(options.url, {
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2000,
    });
    // Connection errors surface as failed hits (reported by the caller); without a listener ioredis prints them itself.
    redis.on('error', () => undefined);
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as WithHit;
  }

  async hit(key: string, windowMs: number, nowMs: number): Promise<WindowCount> {
    const window = fixedWindow(nowMs, windowMs);
    const ttlMs = window.resetAtMs - nowMs + EXPIRY_SLACK_MS;
    const count = await this.redis.rateLimitHit(`${this.prefix}${key}:${window.index}`, ttlMs);
    return { count: Number(count), resetAtMs: window.resetAtMs };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
