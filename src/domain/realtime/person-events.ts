import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { PubSub, Unsubscribe } from '../../platform/pubsub/index.js';
import { decodeEnvelope, encodeEnvelope, isValidEventData } from './person-event-codec.js';
import type { PersonEvent, PersonEventEnvelope } from './person-event.schemas.js';

export type PersonEventHandler = (event: PersonEventEnvelope) => void;

/** Reports what `emit` and delivery cannot throw. Context carries ids and event types only, never data. */
export type PersonEventErrorReporter = (error: unknown, context: { operation: string; type?: string }) => void;

/** The pub/sub channel of one person (the Redis channel is `homeostat:` + this). */
export const personChannel = (personId: string): string => `person:${personId}`;

/**
 * The real-time feed of one person: producers (uploads, imports, PAT, twin, alerts) `emit`, WebSocket sessions
 * `subscribe`. Works across API nodes when the PubSub is Redis. Who may subscribe to whom is decided by the caller
 * (the surface checks the access policy before subscribing).
 */
export class PersonEvents {
  /** The last message decoded: all handlers of a channel get the same string in a row, so it is parsed once. */
  private lastMessage: string | undefined;
  private lastDecoded: PersonEventEnvelope | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly clock: Clock,
    private readonly onError: PersonEventErrorReporter = () => undefined,
  ) {}

  /**
   * Publishes an event about `personId`. Never rejects: a notification failing must not fail the work it reports
   * (an upload is stored whether or not a socket heard of it). An event that does not match its schema is a bug in
   * the producer: it is reported and dropped.
   */
  async emit(personId: string, event: PersonEvent): Promise<void> {
    if (!isValidEventData(event.type, event.data)) {
      this.onError(new Error(`person event ${event.type} does not match its schema; dropped`), { operation: 'emit', type: event.type });
      return;
    }
    const envelope = {
      event_id: newId('evt'),
      person_id: personId,
      occurred_at: this.clock.now().toISOString(),
      ...event,
    } as PersonEventEnvelope;
    try {
      await this.pubsub.publish(personChannel(personId), encodeEnvelope(envelope));
    } catch (error) {
      this.onError(error, { operation: 'emit', type: event.type });
    }
  }

  /** Calls `handler` with each event about `personId` from now on; resolves once subscribed. */
  subscribe(personId: string, handler: PersonEventHandler): Promise<Unsubscribe> {
    return this.pubsub.subscribe(personChannel(personId), (message) => {
      const event = this.decode(message);
      if (event?.person_id === personId) handler(event);
    });
  }

  private decode(message: string): PersonEventEnvelope | undefined {
    if (message !== this.lastMessage) {
      this.lastMessage = message;
      this.lastDecoded = decodeEnvelope(message);
      if (!this.lastDecoded) this.onError(new Error('unreadable message on a person channel; ignored'), { operation: 'decode' });
    }
    return this.lastDecoded;
  }
}
