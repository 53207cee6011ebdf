import { MemoryPubSub } from './memory-pubsub.js';
import type { PubSub, PubSubErrorReporter } from './pubsub.port.js';
import { RedisPubSub } from './redis-pubsub.js';

export interface PubSubSettings {
  /** Redis pub/sub when set; one process (in memory) otherwise. */
  redisUrl?: string | undefined;
  channelPrefix?: string;
  onError?: PubSubErrorReporter;
}

export function createPubSub(settings: PubSubSettings): PubSub {
  if (settings.redisUrl) {
    return new RedisPubSub({
      url: settings.redisUrl,
      ...(settings.channelPrefix === undefined ? {} : { channelPrefix: settings.channelPrefix }),
      ...(settings.onError ? { onError: settings.onError } : {}),
    });
  }
  return new MemoryPubSub(settings.onError);
}
