import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.js';

/** Revoked access-token ids, kept until the token would have expired anyway. */
export class RevocationList {
  constructor(private readonly db: Kysely<Tables>) {}

  async revoke(jti: string, userId: string | null, expiresAt: number, now: Date): Promise<void> {
    await this.db
      .insertInto('revoked_tokens')
      .values({ jti, user_id: userId, expires_at: expiresAt, revoked_at: now.toISOString() })
      .onConflict((oc) => oc.column('jti').doNothing())
      .execute();
  }

  /** Drops entries whose tokens have expired; they can no longer be presented. */
  async prune(nowEpochSeconds: number): Promise<number> {
    const result = await this.db.deleteFrom('revoked_tokens').where('expires_at', '<', nowEpochSeconds).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
