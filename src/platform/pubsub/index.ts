export { ChannelHandlers } from './channel-handlers.js';
export { createPubSub, type PubSubSettings } from './create-pubsub.js';
export { MemoryPubSub } from './memory-pubsub.js';
export type { MessageHandler, PubSub, PubSubErrorReporter, PubSubStats, Unsubscribe } from './pubsub.port.js';
export { DEFAULT_CHANNEL_PREFIX, RedisPubSub, type RedisPubSubOptions } from './redis-pubsub.js';
