import type { MessageHandler, PubSubErrorReporter, PubSubStats } from './pubsub.port.js';

/**
 * The handlers of each channel in this process. Both adapters keep one of these, so a transport subscription
 * (a Redis SUBSCRIBE) exists once per channel however many sockets listen to it: `add` says when a channel gets
 * its first handler and `remove` when it loses its last.
 */
export class ChannelHandlers {
  private readonly byChannel = new Map<string, Set<MessageHandler>>();
  private handlerCount = 0;

  constructor(private readonly onError: PubSubErrorReporter) {}

  /** Returns true when this is the channel's first handler. The same function twice counts once. */
  add(channel: string, handler: MessageHandler): boolean {
    let handlers = this.byChannel.get(channel);
    const first = handlers === undefined;
    if (!handlers) this.byChannel.set(channel, (handlers = new Set()));
    if (!handlers.has(handler)) {
      handlers.add(handler);
      this.handlerCount += 1;
    }
    return first;
  }

  /** Returns true when the channel has no handler left (its transport subscription can go). */
  remove(channel: string, handler: MessageHandler): boolean {
    const handlers = this.byChannel.get(channel);
    if (!handlers?.delete(handler)) return false;
    this.handlerCount -= 1;
    if (handlers.size > 0) return false;
    this.byChannel.delete(channel);
    return true;
  }

  has(channel: string): boolean {
    return this.byChannel.has(channel);
  }

  /** Calls every handler of `channel`; one that throws does not keep the message from the others. */
  deliver(channel: string, message: string): void {
    const handlers = this.byChannel.get(channel);
    if (!handlers) return;
    // A handler may unsubscribe (itself or another) while we iterate: iterate over a copy.
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch (error) {
        this.onError(error, { channel, operation: 'deliver' });
      }
    }
  }

  stats(): PubSubStats {
    return { channels: this.byChannel.size, handlers: this.handlerCount };
  }

  clear(): void {
    this.byChannel.clear();
    this.handlerCount = 0;
  }
}
