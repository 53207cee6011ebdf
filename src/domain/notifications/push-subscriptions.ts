import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';

/** A browser's PushSubscription (W3C Push API `toJSON()`): where to POST, and the keys to encrypt for (RFC 8291). */
export interface PushSubscriptionInput {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface StoredPushSubscription extends PushSubscriptionInput {
  readonly id: string;
  readonly createdAt: string;
}

/** A person may register several browsers/devices; more than this is refused rather than fanned out to. */
export const MAX_PUSH_SUBSCRIPTIONS = 20;

export class PushSubscriptions {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async list(personId: string): Promise<StoredPushSubscription[]> {
    const rows = await this.db
      .selectFrom('push_subscriptions')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth }, createdAt: r.created_at }));
  }

  /** Saves the subscription; the same endpoint again replaces its keys (a browser re-subscribing). */
  async save(personId: string, input: PushSubscriptionInput): Promise<{ subscription: StoredPushSubscription; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('push_subscriptions')
        .select(['id', 'created_at'])
        .where('person_id', '=', personId)
        .where('endpoint', '=', input.endpoint)
        .executeTakeFirst();
      const keys = { p256dh: input.keys.p256dh, auth: input.keys.auth };
      if (existing) {
        await trx.updateTable('push_subscriptions').set(keys).where('id', '=', existing.id).execute();
        return { subscription: { id: existing.id, endpoint: input.endpoint, keys, createdAt: existing.created_at }, created: false };
      }
      const count = await trx
        .selectFrom('push_subscriptions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_PUSH_SUBSCRIPTIONS) throw new TooManySubscriptions();
      const row = { id: newId('psub'), person_id: personId, endpoint: input.endpoint, ...keys, created_at: this.clock.now().toISOString() };
      await trx.insertInto('push_subscriptions').values(row).execute();
      return { subscription: { id: row.id, endpoint: row.endpoint, keys, createdAt: row.created_at }, created: true };
    });
  }

  /** Removes the person's subscription with this endpoint; false when there was none. */
  async remove(personId: string, endpoint: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('push_subscriptions')
      .where('person_id', '=', personId)
      .where('endpoint', '=', endpoint)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The push service said the subscription is gone (404/410, RFC 8030 §7.3 and push services' docs). */
  async expire(id: string): Promise<void> {
    await this.db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
  }
}

export class TooManySubscriptions extends Error {
  override readonly name = 'TooManySubscriptions';
  constructor() {
    super(`at most ${MAX_PUSH_SUBSCRIPTIONS} push subscriptions per person`);
  }
}
