import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';

/**
 * One row per delivered occasion: `claim` inserts it and answers false when it was there already, so a job that runs
 * twice (a lease expired, a BullMQ retry) sends once. A send that fails `release`s its claim so a retry can try again.
 */
export class SentLog {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async claim(personId: string, kind: string, occasion: string): Promise<boolean> {
    try {
      await this.db
        .insertInto('notification_sent')
        .values({ person_id: personId, kind, occasion, sent_at: this.clock.now().toISOString() })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async release(personId: string, kind: string, occasion: string): Promise<void> {
    await this.db
      .deleteFrom('notification_sent')
      .where('person_id', '=', personId)
      .where('kind', '=', kind)
      .where('occasion', '=', occasion)
      .execute();
  }
}
