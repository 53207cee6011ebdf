import { MemoryPubSub } from './memory-pubsub.js';
import type { PubSub, PubSubErrorReporter } from './pubsub.port.js';

export interface PubSubSettings {
  /** Redis pub/sub when set; one process (in memory) otherwise. */
  redisUrl?: string | undefined;
  channelPrefix?: string;
  onError?: PubSubErrorReporter;
}

/** ioredis adds ~20 MB of RSS once loaded: a single-process deployment never loads it. */
export async function createPubSub(settings: PubSubSettings): Promise<PubSub> {
  if (settings.redisUrl) {
    const { RedisPubSub } = await import('./redis-pubsub.js');
    return new RedisPubSub({
      url: settings.redisUrl,
      ...(settings.channelPrefix === undefined ? {} : { channelPrefix: settings.channelPrefix }),
      ...(settings.onError ? { onError: settings.onError } : {}),
    });
  }
  return new MemoryPubSub(settings.onError);
}
