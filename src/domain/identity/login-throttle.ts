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

  /**
   * Records a failure; returns true if this failure locked the account. The count is one atomic upsert,
   * which also holds the row until the transaction ends, so parallel failures are all counted, in turn,
   * on PostgreSQL too (a read-then-write count would lose some and let a burst of guesses past the limit).
   */
  async recordFailure(email: string, now: Date): Promise<boolean> {
    const key = this.keyOf(email);
    const nowIso = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const { failures } = await trx
        .insertInto('login_throttle')
        .values({ key, failures: 1, locked_until: null, updated_at: nowIso })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: nowIso })))
        .returning('failures')
        .executeTakeFirstOrThrow();
      if (Number(failures) < this.policy.threshold) return false;
      // Lock, and count afresh for when the lock lifts.
      const lockedUntil = new Date(now.getTime() + this.policy.lockMinutes * 60_000).toISOString();
      await trx.updateTable('login_throttle').set({ failures: 0, locked_until: lockedUntil, updated_at: nowIso }).where('key', '=', key).execute();
      return true;
    });
  }

  async reset(email: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', this.keyOf(email)).execute();
  }

  private keyOf(email: string): string {
    return hmacHex(this.key, email);
  }
}
