import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { deriveKey } from '../../platform/keys.js';
import type { Mailer } from '../../platform/mail/index.js';
import { DeliveryStore } from './delivery-store.js';
import { DELIVER_JOB, DeliveryWorker } from './delivery-worker.js';
import { DestinationGuard, systemResolver, type ResolveHost } from './destination-guard.js';
import { EndpointManagement } from './endpoint-management.js';
import { EndpointStore } from './endpoint-store.js';
import { EventDispatch, type PublishResult } from './event-dispatch.js';
import type { EventPayload, EventType } from './event-catalogue.js';
import { disabledNotice } from './disabled-notice.js';
import { SigningKeys } from './signing-keys.js';

/** How long one attempt may take, connecting to the end of the response. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhooksDeps {
  readonly db: Kysely<Tables>;
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly mailer: Mailer;
  readonly secretKey: string;
  /** WEBHOOK_ALLOW_PRIVATE: let URLs reach loopback/private/link-local/metadata addresses (tests, closed networks). */
  readonly allowPrivate: boolean;
  /** The owner's e-mail address for notices (null: no mail, the notice is still recorded). */
  readonly ownerEmail: (personId: string) => Promise<string | null>;
  readonly resolveHost?: ResolveHost;
  readonly timeoutMs?: number;
  readonly log?: { warn(details: object, message: string): void };
}

/**
 * Webhooks: endpoints a person registers, events other modules publish to them, and their signed, retried delivery
 * through the job queue ('webhooks' lane). What other modules call is `publish`.
 */
export class Webhooks {
  readonly endpoints: EndpointManagement;
  readonly deliveries: EventDispatch;

  constructor(deps: WebhooksDeps) {
    const endpointStore = new EndpointStore(deps.db);
    const deliveryStore = new DeliveryStore(deps.db);
    const keys = new SigningKeys(deriveKey(deps.secretKey, 'webhook-secrets'));
    const guard = new DestinationGuard(deps.resolveHost ?? systemResolver, deps.allowPrivate);
    this.endpoints = new EndpointManagement(endpointStore, keys, guard, deps.clock);
    this.deliveries = new EventDispatch(deps.db, endpointStore, this.endpoints, deliveryStore, deps.jobs, deps.clock);
    const worker = new DeliveryWorker({
      endpoints: endpointStore,
      deliveries: deliveryStore,
      keys,
      guard,
      clock: deps.clock,
      timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      onDisabled: (endpoint, reason) => disabledNotice(deps, endpoint, reason),
    });
    deps.jobs.register(DELIVER_JOB, 'webhooks', worker.handle);
  }

  /**
   * Announces an event about a person to their subscribed endpoints: validates `data` against the event's schema
   * (ids and levels only; see docs/webhooks.md), stores one delivery per endpoint and queues it. Pass `db` to do so
   * inside the caller's transaction.
   */
  publish<E extends EventType>(
    personId: string,
    event: E,
    data: EventPayload<E>,
    options: { db?: Kysely<Tables> } = {},
  ): Promise<PublishResult> {
    return this.deliveries.publish(personId, event, data, options);
  }
}
