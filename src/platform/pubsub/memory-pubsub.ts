import { ChannelHandlers } from './channel-handlers.js';
import type { MessageHandler, PubSub, PubSubErrorReporter, PubSubStats, Unsubscribe } from './pubsub.port.js';

/**
 * The embedded adapter: one process, no network. Delivery is on a later microtask, as it would be over a network,
 * so a handler that publishes does not re-enter the publisher.
 */
export class MemoryPubSub implements PubSub {
  readonly kind = 'memory';
  private readonly handlers: ChannelHandlers;
  private closed = false;

  constructor(onError: PubSubErrorReporter = () => undefined) {
    this.handlers = new ChannelHandlers(onError);
  }

  publish(channel: string, message: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('pub/sub is closed'));
    queueMicrotask(() => this.handlers.deliver(channel, message));
    return Promise.resolve();
  }

  subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe> {
    if (this.closed) return Promise.reject(new Error('pub/sub is closed'));
    // Wrapped so that the same function subscribed twice gets two independent subscriptions.
    const own: MessageHandler = (message) => handler(message);
    this.handlers.add(channel, own);
    return Promise.resolve(() => void this.handlers.remove(channel, own));
  }

  stats(): PubSubStats {
    return this.handlers.stats();
  }

  close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    return Promise.resolve();
  }
}
