import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/domain/identity/login-throttle.js';
import { RevocationList } from '../../src/domain/identity/revocation-list.js';
import { deriveKey } from '../../src/platform/keys.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { uniqueEmail } from '../helpers/users.js';

const T0 = new Date('2024-05-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const epoch = (seconds: number) => Math.floor(at(seconds).getTime() / 1000);

describe.each(dialects())('RevocationList on $label', (dialect) => {
  const database = useDatabase(dialect);
  const list = () => new RevocationList(database.current.db);
  const rows = () => database.current.db.selectFrom('revoked_tokens').selectAll().orderBy('jti').execute();

  it('revoking is idempotent: the first revocation is kept', async () => {
    await list().revoke('jti-1', 'usr-1', epoch(3600), T0);
    await list().revoke('jti-1', 'usr-1', epoch(7200), at(60));
    expect(await rows()).toEqual([{ jti: 'jti-1', user_id: 'usr-1', expires_at: epoch(3600), revoked_at: T0.toISOString() }]);
  });

  it('prune drops only entries whose tokens have expired', async () => {
    await list().revoke('old', null, epoch(10), T0);
    await list().revoke('edge', null, epoch(20), T0);
    await list().revoke('live', 'usr-2', epoch(3600), T0);
    expect(await list().prune(epoch(20))).toBe(1);
    expect((await rows()).map((r) => r.jti)).toEqual(['edge', 'live']);
    expect(await list().prune(epoch(7200))).toBe(2);
    expect(await rows()).toEqual([]);
  });
});

describe.each(dialects())('LoginThrottle on $label', (dialect) => {
  const database = useDatabase(dialect);
  const throttle = () =>
    new LoginThrottle(database.current.db, deriveKey('test-secret', 'login-throttle'), { threshold: 3, lockMinutes: 15 });

  it('locks after the threshold of failures, and only then', async () => {
    const email = uniqueEmail();
    expect(await throttle().recordFailure(email, T0)).toBe(false);
    expect(await throttle().recordFailure(email, at(1))).toBe(false);
    expect(await throttle().lockedFor(email, at(2))).toBe(0);
    expect(await throttle().recordFailure(email, at(2))).toBe(true);
    expect(await throttle().lockedFor(email, at(2))).toBe(15 * 60);
    expect(await throttle().lockedFor(uniqueEmail(), at(2))).toBe(0);
  });

  it('counts the lock down and lifts it when the time is up', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i += 1) await throttle().recordFailure(email, T0);
    expect(await throttle().lockedFor(email, at(60))).toBe(14 * 60);
    expect(await throttle().lockedFor(email, at(899.5))).toBe(1);
    expect(await throttle().lockedFor(email, at(900))).toBe(0);
    // After the lock, counting starts again from zero.
    expect(await throttle().recordFailure(email, at(901))).toBe(false);
    expect(await throttle().recordFailure(email, at(902))).toBe(false);
    expect(await throttle().recordFailure(email, at(903))).toBe(true);
  });

  it('reset clears failures and a lock', async () => {
    const email = uniqueEmail();
    await throttle().recordFailure(email, T0);
    await throttle().recordFailure(email, T0);
    await throttle().reset(email);
    expect(await throttle().recordFailure(email, at(1))).toBe(false);
    await throttle().recordFailure(email, at(1));
    expect(await throttle().recordFailure(email, at(1))).toBe(true);
    await throttle().reset(email);
    expect(await throttle().lockedFor(email, at(2))).toBe(0);
  });

  it('counts parallel failures: a burst of guesses still locks the account', async () => {
    const email = uniqueEmail();
    const results = await Promise.all(Array.from({ length: 7 }, () => throttle().recordFailure(email, T0)));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await throttle().lockedFor(email, at(1))).toBe(15 * 60 - 1);
  });

  it('keys the table by an HMAC of the email: no address is stored', async () => {
    const email = uniqueEmail();
    await throttle().recordFailure(email, T0);
    const stored = JSON.stringify(await database.current.db.selectFrom('login_throttle').selectAll().execute());
    expect(stored).not.toContain(email);
    expect(stored).not.toContain(email.split('@')[0]);
  });
});
