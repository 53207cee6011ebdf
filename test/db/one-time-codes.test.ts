import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserRepository } from '../../src/domain/identity/index.js';
import { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS, OneTimeCodes } from '../../src/domain/identity/one-time-codes.js';
import { deriveKey } from '../../src/platform/keys.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { uniqueEmail } from '../helpers/users.js';

const T0 = new Date('2024-05-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const wrongFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe.each(dialects())('OneTimeCodes on $label', (dialect) => {
  const database = useDatabase(dialect);
  const codes = () => new OneTimeCodes(database.current.db, deriveKey('test-secret', 'one-time-code'));
  const newUser = async () => {
    const id = randomUUID();
    await new UserRepository(database.current.db).insert({
      id,
      email: uniqueEmail(),
      passwordHash: null,
      role: 'patient',
      now: T0.toISOString(),
    });
    return id;
  };
  const rowsOf = (userId: string) =>
    database.current.db
      .selectFrom('one_time_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  it('issues a six-digit code stored only as an HMAC, expiring after the purpose TTL', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'reset_password', T0);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await rowsOf(userId);
    expect(row).toMatchObject({
      purpose: 'reset_password',
      attempts: 0,
      consumed_at: null,
      expires_at: at(CODE_TTL_MINUTES.reset_password * 60).toISOString(),
    });
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it('a new code voids the older ones of the same purpose only', async () => {
    const userId = await newUser();
    await codes().issue(userId, 'reset_password', T0);
    const confirm = await codes().issue(userId, 'confirm_email', T0);
    const newer = await codes().issue(userId, 'reset_password', at(1));
    const rows = await rowsOf(userId);
    expect(rows.map((r) => [r.created_at, r.purpose, r.consumed_at]).sort()).toEqual([
      [T0.toISOString(), 'confirm_email', null],
      [T0.toISOString(), 'reset_password', at(1).toISOString()],
      [at(1).toISOString(), 'reset_password', null],
    ]);
    expect(await codes().consume(userId, 'reset_password', newer, at(2))).toBe('ok');
    expect(await codes().consume(userId, 'confirm_email', confirm, at(2))).toBe('ok');
  });

  it('counts wrong codes, and burns the code after the fifth', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'confirm_email', T0);
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i += 1) {
      expect(await codes().consume(userId, 'confirm_email', wrongFor(code), at(i))).toBe('invalid');
      expect((await rowsOf(userId))[0]?.attempts).toBe(i);
    }
    expect(await codes().consume(userId, 'confirm_email', wrongFor(code), at(10))).toBe('too_many_attempts');
    expect(await codes().consume(userId, 'confirm_email', code, at(11))).toBe('too_many_attempts');
    expect((await rowsOf(userId))[0]).toMatchObject({ attempts: MAX_CODE_ATTEMPTS, consumed_at: null });
  });

  it('accepts the right code after fewer than five wrong ones, and tolerates surrounding spaces', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'confirm_email', T0);
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i += 1) await codes().consume(userId, 'confirm_email', wrongFor(code), at(i));
    expect(await codes().consume(userId, 'confirm_email', ` ${code} `, at(10))).toBe('ok');
  });

  it('expires: a code is refused at its expiry instant', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'reset_password', T0);
    const ttl = CODE_TTL_MINUTES.reset_password * 60;
    expect(await codes().consume(userId, 'reset_password', code, at(ttl))).toBe('expired');
    const fresh = await codes().issue(userId, 'reset_password', T0);
    expect(await codes().consume(userId, 'reset_password', fresh, at(ttl - 1))).toBe('ok');
  });

  it('is single use, and another user cannot use it', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const code = await codes().issue(alice, 'reset_password', T0);
    await codes().issue(bob, 'reset_password', T0);
    expect(await codes().consume(bob, 'reset_password', code, at(1))).toBe('invalid');
    expect(await codes().consume(alice, 'reset_password', code, at(2))).toBe('ok');
    expect(await codes().consume(alice, 'reset_password', code, at(3))).toBe('invalid');
    expect((await rowsOf(alice))[0]?.consumed_at).toBe(at(2).toISOString());
  });

  it('parallel wrong guesses cannot exceed the attempt limit', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'reset_password', T0);
    const results = await Promise.all(Array.from({ length: 12 }, () => codes().consume(userId, 'reset_password', wrongFor(code), at(1))));
    expect(results.filter((r) => r === 'invalid')).toHaveLength(MAX_CODE_ATTEMPTS - 1);
    expect((await rowsOf(userId))[0]?.attempts).toBe(MAX_CODE_ATTEMPTS);
    expect(await codes().consume(userId, 'reset_password', code, at(2))).toBe('too_many_attempts');
  });

  it('parallel right answers consume the code exactly once', async () => {
    const userId = await newUser();
    const code = await codes().issue(userId, 'confirm_email', T0);
    const results = await Promise.all(Array.from({ length: 4 }, () => codes().consume(userId, 'confirm_email', code, at(1))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'invalid')).toBe(true);
  });
});
