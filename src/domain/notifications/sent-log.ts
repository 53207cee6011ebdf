import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';

/**
 * One row per delivered occasion: `claim` inserts them and answers with the ones that were not there yet, so a job that
 * runs twice (a lease expired, a BullMQ retry) sends once. A send that fails `release`s its claims so a retry can try
 * again. One statement for any number of occasions (a batch of alerts told in one message).
 */
export class SentLog {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  /** The occasions claimed now (not claimed before), in the order given. */
  async claim(personId: string, kind: string, occasions: readonly string[]): Promise<string[]> {
    if (occasions.length === 0) return [];
    const sentAt = this.clock.now().toISOString();
    const inserted = await this.db
      .insertInto('notification_sent')
      .values(occasions.map((occasion) => ({ person_id: personId, kind, occasion, sent_at: sentAt })))
      .onConflict((oc) => oc.doNothing())
      .returning('occasion')
      .execute();
    const claimed = new Set(inserted.map((row) => row.occasion));
    return occasions.filter((occasion) => claimed.has(occasion));
  }

  async release(personId: string, kind: string, occasions: readonly string[]): Promise<void> {
    if (occasions.length === 0) return;
    await this.db
      .deleteFrom('notification_sent')
      .where('person_id', '=', personId)
      .where('kind', '=', kind)
      .where('occasion', 'in', occasions)
      .execute();
  }
}
