import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { newId } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { DELIVER_JOB, type DeliverJobPayload } from './delivery-worker.js';
import type { DeliveryFilter, DeliveryStore, NewDelivery } from './delivery-store.js';
import type { EndpointManagement } from './endpoint-management.js';
import type { EndpointStore } from './endpoint-store.js';
import { assertPayload, envelope, type EventPayload, type EventType } from './event-catalogue.js';
import type { DeliveryAttempt, ListPage, ListPosition, WebhookDelivery, WebhookEndpoint } from './webhook-types.js';

/** The most deliveries one replay request re-sends (a time range beyond it is answered `truncated`). */
export const MAX_REPLAY = 1000;

export interface PublishResult {
  /** The `webhook-id` every endpoint receives for this event. */
  readonly eventId: string;
  readonly deliveryIds: string[];
}

export interface ReplaySelection {
  readonly deliveryIds?: readonly string[] | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly onlyFailed?: boolean | undefined;
}

/** Turning events into deliveries (one per subscribed endpoint, each its own job), and reading and replaying them. */
export class EventDispatch {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly endpoints: EndpointStore,
    private readonly management: EndpointManagement,
    private readonly deliveries: DeliveryStore,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues `event` for every active endpoint of the person subscribed to it. Pass `db` (a transaction) to make the
   * deliveries part of the caller's own write: they then exist exactly when the thing they announce does.
   */
  async publish<E extends EventType>(
    personId: string,
    event: E,
    data: EventPayload<E>,
    options: { db?: Kysely<Tables> } = {},
  ): Promise<PublishResult> {
    assertPayload(event, data);
    const db = options.db ?? this.db;
    const targets = await this.endpoints.subscribed(personId, event, db);
    return this.enqueue(personId, event, data, targets, db);
  }

  /** A `webhook.test` event to one endpoint, whatever it subscribes to. */
  async sendTest(personId: string, endpointId: string): Promise<PublishResult> {
    const endpoint = await this.activeEndpoint(personId, endpointId);
    const data = { webhook_id: endpoint.id, message: 'This is a test event from Homeostat.' };
    return this.enqueue(personId, 'webhook.test', data, [endpoint], this.db);
  }

  async list(
    personId: string,
    endpointId: string,
    filter: DeliveryFilter,
    limit: number,
    after: ListPosition | null,
  ): Promise<ListPage<WebhookDelivery>> {
    await this.management.get(personId, endpointId);
    return this.deliveries.list(endpointId, filter, limit, after);
  }

  /** One delivery with its attempts and the body it sends. */
  async get(
    personId: string,
    endpointId: string,
    deliveryId: string,
  ): Promise<{ delivery: WebhookDelivery; attempts: DeliveryAttempt[]; payload: string }> {
    await this.management.get(personId, endpointId);
    const found = await this.deliveries.getWithPayload(deliveryId);
    if (!found || found.delivery.endpointId !== endpointId) throw new AppError('not_found', 'No such delivery');
    return { ...found, attempts: await this.deliveries.attempts(deliveryId) };
  }

  /**
   * Sends chosen deliveries again, as new deliveries with the same `webhook-id` and body (receivers that de-duplicate
   * by id see a repeat; the original's history stays as it was).
   */
  async replay(personId: string, endpointId: string, selection: ReplaySelection): Promise<{ deliveryIds: string[]; truncated: boolean }> {
    const endpoint = await this.activeEndpoint(personId, endpointId);
    const picked = await this.deliveries.pick(
      endpoint.id,
      { ids: selection.deliveryIds, since: selection.since, until: selection.until, onlyFailed: selection.onlyFailed },
      MAX_REPLAY,
    );
    if (selection.deliveryIds) {
      const found = new Set(picked.deliveries.map((d) => d.id));
      const missing = selection.deliveryIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new AppError('not_found', 'No such delivery', { details: { delivery_ids: missing } });
    }
    const copies: NewDelivery[] = picked.deliveries.map((d) => ({
      id: newId('dlv'),
      endpointId: endpoint.id,
      personId,
      eventId: d.eventId,
      eventType: d.eventType,
      payload: picked.payloads.get(d.id)!,
      replayOf: d.id,
    }));
    await this.insertAndQueue(copies, this.db);
    return { deliveryIds: copies.map((c) => c.id), truncated: picked.truncated };
  }

  private async activeEndpoint(personId: string, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.management.get(personId, endpointId);
    if (endpoint.status !== 'active') {
      throw new AppError('conflict', 'The webhook is disabled; enable it first (PATCH with status "active")', {
        details: { status: endpoint.status },
      });
    }
    return endpoint;
  }

  private async enqueue(
    personId: string,
    event: EventType,
    data: unknown,
    targets: WebhookEndpoint[],
    db: Kysely<Tables>,
  ): Promise<PublishResult> {
    const eventId = newId('msg');
    if (targets.length === 0) return { eventId, deliveryIds: [] };
    const payload = envelope(event, this.clock.now(), personId, data);
    const deliveries = targets.map((endpoint) => ({
      id: newId('dlv'),
      endpointId: endpoint.id,
      personId,
      eventId,
      eventType: event,
      payload,
    }));
    await this.insertAndQueue(deliveries, db);
    return { eventId, deliveryIds: deliveries.map((d) => d.id) };
  }

  private async insertAndQueue(deliveries: readonly NewDelivery[], db: Kysely<Tables>): Promise<void> {
    if (deliveries.length === 0) return;
    const write = async (trx: Kysely<Tables>) => {
      await this.deliveries.insert(deliveries, this.clock.now().toISOString(), trx);
      for (const d of deliveries) {
        await this.jobs.enqueue(DELIVER_JOB, { deliveryId: d.id } satisfies DeliverJobPayload, { personId: d.personId, db: trx });
      }
    };
    // Inside the caller's transaction when given one; otherwise rows and jobs are written together in our own.
    if (db !== this.db) await write(db);
    else await this.db.transaction().execute(write);
  }
}
