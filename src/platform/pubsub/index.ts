export { ChannelHandlers } from './channel-handlers.js';
export { createPubSub, type PubSubSettings } from './create-pubsub.js';
export { MemoryPubSub } from './memory-pubsub.js';
export type { MessageHandler, PubSub, PubSubErrorReporter, PubSubStats, Unsubscribe } from './pubsub.port.js';
// The Redis adapter is imported by createPubSub only when asked for (ioredis is ~20 MB of RSS).
export type { RedisPubSubOptions } from './redis-pubsub.js';
