import type { FastifyBaseLogger } from 'fastify';
import type { CounterStore } from './counter-store.js';
import { FallbackCounterStore } from './fallback-counter-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';

/** While Redis fails, it is retried after this long (meanwhile requests are counted per process). */
export const REDIS_RETRY_AFTER_MS = 5000;

export interface CounterStoreOptions {
  redisUrl?: string | undefined;
  prefix: string;
  log: FastifyBaseLogger;
}

/** In process by default; with REDIS_URL, in Redis (shared by every node), falling back to in-process counting while it is down. */
/** The Redis store (and ioredis, ~20 MB of RSS) is loaded only when REDIS_URL is set. */
export async function createCounterStore(options: CounterStoreOptions): Promise<CounterStore> {
  if (!options.redisUrl) return new MemoryCounterStore();
  const { RedisCounterStore } = await import('./redis-counter-store.js');
  return new FallbackCounterStore(new RedisCounterStore({ url: options.redisUrl, prefix: options.prefix }), new MemoryCounterStore(), {
    retryAfterMs: REDIS_RETRY_AFTER_MS,
    onFailure: (error) => options.log.warn({ err: error }, 'rate-limit counters: Redis unreachable, counting per process until it answers'),
    onRecovered: () => options.log.info('rate-limit counters: Redis answers again, counting across nodes'),
  });
}
