/**
 * Publish/subscribe between the parts of a deployment: in one process (embedded default) or across API nodes
 * through Redis (`REDIS_URL`). Messages are strings (callers serialise), so both adapters behave the same: a
 * subscriber never shares an object with the publisher. Delivery is at most once: a subscriber that is not
 * listening when a message is published does not get it later.
 */
export type MessageHandler = (message: string) => void;

/** Stops one subscription. Idempotent; never throws (adapter errors are reported through its onError). */
export type Unsubscribe = () => void;

export interface PubSub {
  readonly kind: 'memory' | 'redis';
  /** Resolves once the message was handed to the transport (not once it was delivered). */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Registers `handler` at once (calls made in order take effect in order) and resolves once messages published
   * from then on will reach it: with Redis, when the server has confirmed the subscription.
   */
  subscribe(channel: string, handler: MessageHandler): Promise<Unsubscribe>;
  /** Current local subscriptions, for stats and tests. */
  stats(): PubSubStats;
  close(): Promise<void>;
}

export interface PubSubStats {
  channels: number;
  handlers: number;
}

/** Where an adapter reports what it cannot throw to a caller (a failing handler, a lost connection). */
export type PubSubErrorReporter = (error: unknown, context: { channel?: string; operation: string }) => void;
