import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.js';
import { hmacHex } from '../../platform/keys.js';

export interface ThrottlePolicy {
  threshold: number;
  lockMinutes: number;
}

/**
 * Account lockout keyed by the submitted email (HMAC'd, so the table holds no addresses), not by user:
 * a non-existent account locks exactly like a real one, so lockout reveals nothing about existence.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly key: Buffer,
    private readonly policy: ThrottlePolicy,
  ) {}

  /** Seconds until the lock lifts, or 0 if attempts are allowed. */
  async lockedFor(email: string, now: Date): Promise<number> {
    const row = await this.db.selectFrom('login_throttle').select('locked_until').where('key', '=', this.keyOf(email)).executeTakeFirst();
    if (!row?.locked_until) return 0;
    const remaining = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000);
    return remaining > 0 ? remaining : 0;
  }

  /** Records a failure; returns true if this failure locked the account. */
  async recordFailure(email: string, now: Date): Promise<boolean> {
    const key = this.keyOf(email);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const failures = (row?.failures ?? 0) + 1;
      const locks = failures >= this.policy.threshold;
      const values = {
        failures: locks ? 0 : failures,
        locked_until: locks ? new Date(now.getTime() + this.policy.lockMinutes * 60_000).toISOString() : (row?.locked_until ?? null),
        updated_at: now.toISOString(),
      };
      if (row) await trx.updateTable('login_throttle').set(values).where('key', '=', key).execute();
      else await trx.insertInto('login_throttle').values({ key, ...values }).execute();
      return locks;
    });
  }

  async reset(email: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', this.keyOf(email)).execute();
  }

  private keyOf(email: string): string {
    return hmacHex(this.key, email);
  }
}
