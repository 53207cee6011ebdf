import type { Kysely, Selectable } from 'kysely';
import type { Tables, WebhookDeliveriesTable } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import type { EventType } from './event-catalogue.js';
import type { AttemptOutcome, DeliveryAttempt, DeliveryState, ListPage, ListPosition, WebhookDelivery } from './webhook-types.js';

type Row = Selectable<WebhookDeliveriesTable>;

const toDelivery = (row: Row): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  personId: row.person_id,
  eventId: row.event_id,
  eventType: row.event_type as EventType,
  state: row.state as DeliveryState,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  replayOf: row.replay_of,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

export interface NewDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly personId: string;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly payload: string;
  readonly replayOf?: string;
}

export interface DeliveryFilter {
  readonly state?: DeliveryState | undefined;
  readonly eventType?: string | undefined;
}

/** Rows of `webhook_deliveries` and their `webhook_attempts`. */
export class DeliveryStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(deliveries: readonly NewDelivery[], now: string, db: Kysely<Tables> = this.db): Promise<void> {
    if (deliveries.length === 0) return;
    await db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.map((d) => ({
          id: d.id,
          endpoint_id: d.endpointId,
          person_id: d.personId,
          event_id: d.eventId,
          event_type: d.eventType,
          payload: d.payload,
          state: 'pending',
          next_attempt_at: now,
          last_status_code: null,
          last_error: null,
          replay_of: d.replayOf ?? null,
          created_at: now,
          updated_at: now,
          delivered_at: null,
        })),
      )
      .execute();
  }

  /** A delivery with the exact body it sends (the same bytes on every attempt and replay): the worker's one read. */
  async getWithPayload(id: string): Promise<{ delivery: WebhookDelivery; payload: string } | null> {
    const row = await this.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { delivery: toDelivery(row), payload: row.payload } : null;
  }

  /** Newest first. */
  async list(endpointId: string, filter: DeliveryFilter, limit: number, after: ListPosition | null): Promise<ListPage<WebhookDelivery>> {
    let base = this.db.selectFrom('webhook_deliveries').where('endpoint_id', '=', endpointId);
    if (filter.state) base = base.where('state', '=', filter.state);
    if (filter.eventType) base = base.where('event_type', '=', filter.eventType);
    let query = base.selectAll();
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = rows.slice(0, limit).map(toDelivery);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null, total: Number(total.n) };
  }

  /** Deliveries to replay: by id (only this endpoint's), or created in [since, until), oldest first, at most `cap`. */
  async pick(
    endpointId: string,
    selection: { ids?: readonly string[]; since?: string; until?: string; onlyFailed?: boolean },
    cap: number,
  ) {
    let query = this.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId);
    if (selection.ids) query = query.where('id', 'in', selection.ids.length > 0 ? [...selection.ids] : ['']);
    if (selection.since) query = query.where('created_at', '>=', selection.since);
    if (selection.until) query = query.where('created_at', '<', selection.until);
    if (selection.onlyFailed) query = query.where('state', '=', 'failed');
    const rows = await query
      .orderBy('created_at')
      .orderBy('id')
      .limit(cap + 1)
      .execute();
    return {
      deliveries: rows.slice(0, cap).map(toDelivery),
      truncated: rows.length > cap,
      payloads: new Map(rows.map((r) => [r.id, r.payload])),
    };
  }

  async attempts(deliveryId: string): Promise<DeliveryAttempt[]> {
    const rows = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempt')
      .execute();
    return rows.map((r) => ({
      attempt: r.attempt,
      startedAt: r.started_at,
      statusCode: r.status_code,
      latencyMs: r.latency_ms,
      outcome: r.outcome as AttemptOutcome,
      error: r.error,
    }));
  }

  /**
   * Logs one attempt and moves the delivery on (delivered, waiting for `nextAttemptAt`, or failed for good), and the
   * endpoint's success/failure record with it, in one transaction.
   */
  async recordAttempt(
    delivery: WebhookDelivery,
    attempt: DeliveryAttempt,
    next: { state: DeliveryState; nextAttemptAt: string | null },
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (attempt.outcome === 'success') {
        await trx
          .updateTable('webhook_endpoints')
          .set({ consecutive_failures: 0, last_success_at: now })
          .where('id', '=', delivery.endpointId)
          .execute();
      } else {
        await trx
          .updateTable('webhook_endpoints')
          .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), last_failure_at: now }))
          .where('id', '=', delivery.endpointId)
          .execute();
      }
      await trx
        .insertInto('webhook_attempts')
        .values({
          id: newId('att'),
          delivery_id: delivery.id,
          endpoint_id: delivery.endpointId,
          attempt: attempt.attempt,
          started_at: attempt.startedAt,
          status_code: attempt.statusCode,
          latency_ms: attempt.latencyMs,
          outcome: attempt.outcome,
          error: attempt.error,
        })
        .execute();
      await trx
        .updateTable('webhook_deliveries')
        .set({
          state: next.state,
          attempts: attempt.attempt,
          next_attempt_at: next.nextAttemptAt,
          last_status_code: attempt.statusCode,
          last_error: attempt.error,
          updated_at: now,
          ...(next.state === 'delivered' ? { delivered_at: now } : {}),
        })
        .where('id', '=', delivery.id)
        .execute();
    });
  }

  /** Ends a delivery without an attempt (its endpoint was disabled or deleted meanwhile). */
  async abandon(id: string, reason: string, now: string): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', next_attempt_at: null, last_error: reason, updated_at: now })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
  }
}
