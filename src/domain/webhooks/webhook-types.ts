import type { EventType } from './event-catalogue.js';

export type EndpointStatus = 'active' | 'disabled';

export interface WebhookEndpoint {
  readonly id: string;
  readonly personId: string;
  readonly url: string;
  readonly events: EventType[];
  readonly status: EndpointStatus;
  readonly disabledReason: string | null;
  readonly disabledAt: string | null;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: string | null;
  readonly lastFailureAt: string | null;
  /** While set and in the future, deliveries are signed with the previous secret too (rotation grace). */
  readonly previousSecretExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An endpoint as created or rotated: the only time its secret is seen. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly personId: string;
  /** The `webhook-id` header: the same for every attempt and replay of one event to one endpoint. */
  readonly eventId: string;
  readonly eventType: EventType;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly replayOf: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export type AttemptOutcome = 'success' | 'http_error' | 'redirect' | 'timeout' | 'network_error' | 'blocked';

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly outcome: AttemptOutcome;
  readonly error: string | null;
}

/** A keyset page position: newest first by (created_at, id). */
export interface ListPosition {
  readonly createdAt: string;
  readonly id: string;
}

export interface ListPage<T> {
  readonly items: T[];
  readonly next: ListPosition | null;
  readonly total: number;
}
