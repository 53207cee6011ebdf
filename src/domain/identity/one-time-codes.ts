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
      const nowIso = now.toISOString();
      if (row.expires_at <= nowIso) return 'expired';
      // Claim a guess before comparing, atomically in the database: parallel guesses each take one of the
      // MAX_CODE_ATTEMPTS slots, so the limit holds under concurrency (a read-then-write count would not).
      const claimed = await trx
        .updateTable('one_time_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.id)
        .where('consumed_at', 'is', null)
        .where('attempts', '<', MAX_CODE_ATTEMPTS)
        .executeTakeFirst();
      // No slot left: the guesses are used up (or a parallel request consumed the code meanwhile).
      if (Number(claimed.numUpdatedRows) === 0) return (await this.isConsumed(trx, row.id)) ? 'invalid' : 'too_many_attempts';
      const expected = Buffer.from(row.code_hash, 'hex');
      const actual = Buffer.from(this.hash(userId, purpose, code.trim()), 'hex');
      if (!timingSafeEqual(expected, actual)) {
        const after = await trx.selectFrom('one_time_codes').select('attempts').where('id', '=', row.id).executeTakeFirst();
        return (after?.attempts ?? MAX_CODE_ATTEMPTS) >= MAX_CODE_ATTEMPTS ? 'too_many_attempts' : 'invalid';
      }
      // Single use: of two parallel right answers, only one consumes the code.
      const consumed = await trx
        .updateTable('one_time_codes')
        .set({ consumed_at: nowIso })
        .where('id', '=', row.id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return Number(consumed.numUpdatedRows) === 1 ? 'ok' : 'invalid';
    });
  }

  private async isConsumed(db: Kysely<Tables>, id: string): Promise<boolean> {
    const row = await db.selectFrom('one_time_codes').select('consumed_at').where('id', '=', id).executeTakeFirst();
    return !row || row.consumed_at !== null;
  }

  private hash(userId: string, purpose: CodePurpose, code: string): string {
    return hmacHex(this.key, `${purpose}:${userId}:${code}`);
  }
}
