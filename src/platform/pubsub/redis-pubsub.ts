import { Redis } from 'ioredis';
import { ChannelHandlers } from './channel-handlers.js';
import type { MessageHandler, PubSub, PubSubErrorReporter, PubSubStats, Unsubscribe } from './pubsub.port.js';

export interface RedisPubSubOptions {
  url: string;
  /** Prepended to every channel name on the wire, so deployments can share one Redis. */
  channelPrefix?: string;
  onError?: PubSubErrorReporter;
}

export const DEFAULT_CHANNEL_PREFIX = 'homeostat:';

/**
 * Redis pub/sub for several API nodes: one connection publishes, one (in subscriber mode, as Redis requires) listens.
 * Each channel is SUBSCRIBEd once per process whatever the number of local handlers; the commands go out in call
 * order on one connection, so an unsubscribe followed by a new subscribe to the same channel cannot be reordered.
 * ioredis reconnects and re-subscribes by itself; messages published while a node is disconnected are lost to it
 * (pub/sub is at most once).
 */
export class RedisPubSub implements PubSub {
  readonly kind = 'redis';
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers: ChannelHandlers;
  /** The transport subscription of each channel that has local handlers, settled once Redis confirmed it. */
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly prefix: string;
  private readonly report: PubSubErrorReporter;
  private closed = false;

  constructor(options: RedisPubSubOptions) {
    this.prefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
    this.report = options.onError ?? (() => undefined);
    this.handlers = new ChannelHandlers(this.report);
    // A few retries, not ioredis' 20: an event publisher must not stall for minutes while Redis is away.
    const connection = { maxRetriesPerRequest: 3, connectTimeout: 5000 };
    this.publisher = new Redis(options.url, connection);
    this.subscriber = new Redis(options.url, connection);
    this.reportConnectionErrors(this.publisher, 'publisher');
    this.reportConnectionErrors(this.subscriber, 'subscriber');
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel.startsWith(this.prefix)) this.handlers.deliver(channel.slice(this.prefix.length), message);
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('pub/sub is closed');
    await this.publisher.publish(this.prefix + channel, message);
  }

  async subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe> {
    if (this.closed) throw new Error('pub/sub is closed');
    const own: MessageHandler = (message) => handler(message);
    if (this.handlers.add(channel, own)) this.subscribed.set(channel, this.subscriber.subscribe(this.prefix + channel));
    let active = true;
    const unsubscribe: Unsubscribe = () => {
      if (!active) return;
      active = false;
      if (!this.handlers.remove(channel, own)) return;
      this.subscribed.delete(channel);
      if (!this.closed)
        this.subscriber
          .unsubscribe(this.prefix + channel)
          .catch((error: unknown) => this.report(error, { channel, operation: 'unsubscribe' }));
    };
    try {
      await this.subscribed.get(channel);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  stats(): PubSubStats {
    return this.handlers.stats();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.subscribed.clear();
    await Promise.all([quit(this.subscriber), quit(this.publisher)]);
  }

  /** Reports a lost connection once, not on every reconnection attempt, and again only after it recovered. */
  private reportConnectionErrors(connection: Redis, role: string): void {
    let reported = false;
    connection.on('ready', () => (reported = false));
    connection.on('error', (error: unknown) => {
      if (reported) return;
      reported = true;
      this.report(error, { operation: `redis ${role} connection` });
    });
  }
}

/** QUIT when connected (pending replies arrive first), otherwise just drop the connection and its retries. */
async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
  } else {
    connection.disconnect();
  }
}
