import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/tables.js';
import { newId } from '../../platform/ids.js';
import { sha256Hex } from '../../platform/keys.js';

export type RotationOutcome =
  | { status: 'rotated'; userId: string; familyId: string; token: string }
  | { status: 'reused'; userId: string; familyId: string }
  | { status: 'invalid' };

/**
 * Opaque refresh tokens, stored as SHA-256 (they are 256-bit random, so a fast hash is enough).
 * Every use rotates the token; presenting an already-rotated token revokes the whole family,
 * because it means two parties hold the same token (RFC 6819 §5.2.2.3, OAuth 2.0 Security BCP §4.14).
 */
export class RefreshTokens {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly ttlSeconds: number,
  ) {}

  async issue(userId: string, now: Date, familyId = newId('rtf'), db: Kysely<Tables> = this.db): Promise<string> {
    const token = `rt_${randomBytes(32).toString('base64url')}`;
    await db
      .insertInto('refresh_tokens')
      .values({
        id: newId('rt'),
        token_hash: sha256Hex(token),
        user_id: userId,
        family_id: familyId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.ttlSeconds * 1000).toISOString(),
        used_at: null,
        revoked_at: null,
      })
      .execute();
    return token;
  }

  async rotate(token: string, now: Date): Promise<RotationOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
      if (!row || row.revoked_at) return { status: 'invalid' } as const;
      const nowIso = now.toISOString();
      // Presenting a token that was already exchanged is reuse, expired or not: someone else holds it.
      if (row.used_at) {
        await this.revokeFamilyWith(trx, row.family_id, nowIso);
        return { status: 'reused', userId: row.user_id, familyId: row.family_id } as const;
      }
      // Expired before use: refused, and left unused, so retrying it is not mistaken for reuse.
      if (row.expires_at <= nowIso) return { status: 'invalid' } as const;
      // Conditional update: of two concurrent uses, exactly one wins; the other is a reuse.
      const claimed = await trx
        .updateTable('refresh_tokens')
        .set({ used_at: nowIso })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) {
        await this.revokeFamilyWith(trx, row.family_id, nowIso);
        return { status: 'reused', userId: row.user_id, familyId: row.family_id } as const;
      }
      const next = await this.issue(row.user_id, now, row.family_id, trx);
      return { status: 'rotated', userId: row.user_id, familyId: row.family_id, token: next } as const;
    });
  }

  /** Revokes the family of `token` if it belongs to `userId`; returns whether anything was revoked. */
  async revokeFamilyOf(token: string, userId: string, now: Date): Promise<boolean> {
    const row = await this.db.selectFrom('refresh_tokens').select(['family_id', 'user_id']).where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
    if (!row || row.user_id !== userId) return false;
    await this.revokeFamilyWith(this.db, row.family_id, now.toISOString());
    return true;
  }

  async revokeAllFor(userId: string, now: Date): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  private async revokeFamilyWith(db: Kysely<Tables>, familyId: string, nowIso: string): Promise<void> {
    await db.updateTable('refresh_tokens').set({ revoked_at: nowIso }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }
}
