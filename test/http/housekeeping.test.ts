import { afterEach, describe, expect, it, vi } from 'vitest';
import { REVOCATION_PRUNE_INTERVAL_MS } from '../../src/app.js';
import { epochSeconds } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('housekeeping', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await t?.close();
  });

  it('drops revoked token ids once their tokens have expired, hourly, and keeps the live ones', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    t = await createTestApp();
    const now = epochSeconds(t.clock.now());
    await t.database.db
      .insertInto('revoked_tokens')
      .values([
        { jti: 'expired', user_id: null, expires_at: now - 1, revoked_at: 'x' },
        { jti: 'live', user_id: null, expires_at: now + 600, revoked_at: 'x' },
      ])
      .execute();
    const jtis = async () => (await t!.database.db.selectFrom('revoked_tokens').select('jti').orderBy('jti').execute()).map((r) => r.jti);

    vi.advanceTimersByTime(REVOCATION_PRUNE_INTERVAL_MS - 1);
    expect(await jtis()).toEqual(['expired', 'live']);
    vi.advanceTimersByTime(1);
    for (let i = 0; i < 20 && (await jtis()).length > 1; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await jtis()).toEqual(['live']);
  });
});
