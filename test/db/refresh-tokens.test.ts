import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RefreshTokens } from '../../src/domain/identity/refresh-tokens.js';
import { UserRepository } from '../../src/domain/identity/index.js';
import { sha256Hex } from '../../src/platform/keys.js';
import type { Database } from '../../src/platform/db/index.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { uniqueEmail } from '../helpers/users.js';

const TTL_SECONDS = 3600;
const T0 = new Date('2024-05-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function newUser(database: Database): Promise<string> {
  const id = randomUUID();
  await new UserRepository(database.db).insert({ id, email: uniqueEmail(), passwordHash: null, role: 'patient', now: T0.toISOString() });
  return id;
}

describe.each(dialects())('RefreshTokens on $label', (dialect) => {
  const database = useDatabase(dialect);
  const tokens = () => new RefreshTokens(database.current.db, TTL_SECONDS);
  const rowOf = (token: string) =>
    database.current.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirstOrThrow();

  it('issues an opaque token stored only as its hash, expiring after the TTL', async () => {
    const userId = await newUser(database.current);
    const token = await tokens().issue(userId, T0);
    expect(token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    const row = await rowOf(token);
    expect(row).toMatchObject({
      user_id: userId,
      created_at: T0.toISOString(),
      expires_at: at(TTL_SECONDS).toISOString(),
      used_at: null,
      revoked_at: null,
    });
    const stored = JSON.stringify(await database.current.db.selectFrom('refresh_tokens').selectAll().execute());
    expect(stored).not.toContain(token);
  });

  it('rotates a token once: the new token is in the same family and works in turn', async () => {
    const userId = await newUser(database.current);
    const first = await tokens().issue(userId, T0);
    const rotated = await tokens().rotate(first, at(60));
    if (rotated.status !== 'rotated') throw new Error(`expected rotated, got ${rotated.status}`);
    expect(rotated.userId).toBe(userId);
    expect(rotated.token).not.toBe(first);
    expect((await rowOf(first)).used_at).toBe(at(60).toISOString());
    expect((await rowOf(rotated.token)).family_id).toBe((await rowOf(first)).family_id);
    expect(await tokens().rotate(rotated.token, at(120))).toMatchObject({ status: 'rotated', familyId: rotated.familyId });
  });

  it('reusing a rotated token revokes the whole family, including the token it was rotated into', async () => {
    const userId = await newUser(database.current);
    const other = await tokens().issue(userId, T0); // another session: a different family
    const first = await tokens().issue(userId, T0);
    const second = await tokens().rotate(first, at(10));
    if (second.status !== 'rotated') throw new Error('rotation failed');
    expect(await tokens().rotate(first, at(20))).toEqual({ status: 'reused', userId, familyId: second.familyId });
    expect((await rowOf(second.token)).revoked_at).toBe(at(20).toISOString());
    expect(await tokens().rotate(second.token, at(30))).toEqual({ status: 'invalid' });
    expect((await tokens().rotate(other, at(30))).status).toBe('rotated');
  });

  it('an expired token is invalid; an unknown one too', async () => {
    const userId = await newUser(database.current);
    const token = await tokens().issue(userId, T0);
    expect(await tokens().rotate(token, at(TTL_SECONDS))).toEqual({ status: 'invalid' });
    expect(await tokens().rotate(token, at(TTL_SECONDS + 1))).toEqual({ status: 'invalid' }); // a retry is not reuse
    expect(await tokens().rotate(`rt_${'A'.repeat(43)}`, T0)).toEqual({ status: 'invalid' });
    expect(await database.current.db.selectFrom('refresh_tokens').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
  });

  it('of two concurrent rotations of the same token exactly one wins; the other counts as reuse', async () => {
    const userId = await newUser(database.current);
    const token = await tokens().issue(userId, T0);
    const second = database.current.connectAgain?.();
    try {
      const outcomes = await Promise.all([
        tokens().rotate(token, at(5)),
        new RefreshTokens((second ?? database.current).db, TTL_SECONDS).rotate(token, at(5)),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['reused', 'rotated']);
      const rows = await database.current.db
        .selectFrom('refresh_tokens')
        .select(['used_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .execute();
      expect(rows).toHaveLength(2); // the original and the one successor: no second successor was issued
      expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
    } finally {
      await second?.close();
    }
  });

  it('revokeFamilyOf only for the owner; revokeAllFor ends every session of the user', async () => {
    const alice = await newUser(database.current);
    const bob = await newUser(database.current);
    const a1 = await tokens().issue(alice, T0);
    const a2 = await tokens().issue(alice, T0);
    const b1 = await tokens().issue(bob, T0);
    expect(await tokens().revokeFamilyOf(a1, bob, at(1))).toBe(false);
    expect((await tokens().rotate(a1, at(2))).status).toBe('rotated');
    expect(await tokens().revokeFamilyOf(a2, alice, at(3))).toBe(true);
    expect(await tokens().rotate(a2, at(4))).toEqual({ status: 'invalid' });
    await tokens().revokeAllFor(alice, at(5));
    const alive = await database.current.db.selectFrom('refresh_tokens').select('user_id').where('revoked_at', 'is', null).execute();
    expect(alive).toEqual([{ user_id: bob }]);
    expect((await tokens().rotate(b1, at(6))).status).toBe('rotated');
  });
});
