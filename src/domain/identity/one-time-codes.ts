import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import { hmacHex } from '../../platform/keys.js';

export type CodePurpose = 'confirm_email' | 'reset_password';

export const CODE_TTL_MINUTES: Record<CodePurpose, number> = { confirm_email: 24 * 60, reset_password: 30 };
export const MAX_CODE_ATTEMPTS = 5;

export type CodeCheck = 'ok' | 'invalid' | 'expired' | 'too_many_attempts';

/**
 * Six-digit codes sent by mail. Stored as an HMAC (a 10^6 space would fall to offline guessing if plainly
 * hashed), valid for a limited time, at most MAX_CODE_ATTEMPTS guesses, single use; a new code voids older ones.
 */
export class OneTimeCodes {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly key: Buffer,
  ) {}

  async issue(userId: string, purpose: CodePurpose, now: Date): Promise<string> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
    const nowIso = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('one_time_codes')
        .set({ consumed_at: nowIso })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('consumed_at', 'is', null)
        .execute();
      await trx
        .insertInto('one_time_codes')
        .values({
          id: newId('otc'),
          user_id: userId,
          purpose,
          code_hash: this.hash(userId, purpose, code),
          attempts: 0,
          expires_at: new Date(now.getTime() + CODE_TTL_MINUTES[purpose] * 60_000).toISOString(),
          consumed_at: null,
          created_at: nowIso,
        })
        .execute();
    });
    return code;
  }

  async consume(userId: string, purpose: CodePurpose, code: string, now: Date): Promise<CodeCheck> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('one_time_codes')
        .selectAll()
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('consumed_at', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (!row) return 'invalid';
      if (row.expires_at <= now.toISOString()) return 'expired';
      if (row.attempts >= MAX_CODE_ATTEMPTS) return 'too_many_attempts';
      const expected = Buffer.from(row.code_hash, 'hex');
      const actual = Buffer.from(this.hash(userId, purpose, code.trim()), 'hex');
      if (!timingSafeEqual(expected, actual)) {
        await trx.updateTable('one_time_codes').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
        return row.attempts + 1 >= MAX_CODE_ATTEMPTS ? 'too_many_attempts' : 'invalid';
      }
      await trx.updateTable('one_time_codes').set({ consumed_at: now.toISOString() }).where('id', '=', row.id).execute();
      return 'ok';
    });
  }

  private hash(userId: string, purpose: CodePurpose, code: string): string {
    return hmacHex(this.key, `${purpose}:${userId}:${code}`);
  }
}
