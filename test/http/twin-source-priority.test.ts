import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { PHONE, sample, WATCH } from '../helpers/samples.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

describe('Twin /v1/users/me/source-priority', () => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async () => {
    t = await createTestApp();
    user = await createUser(t.app);
    const walk = { type: 'steps' as const, start: '2024-05-01T09:10:00Z', end: '2024-05-01T09:40:00Z' };
    await t.app.services.observations.writer.write({
      personId: user.id,
      batchId: 'b1',
      samples: [sample({ ...walk, value: 3000, source: PHONE }), sample({ ...walk, value: 3200, source: WATCH })],
    });
  });
  afterEach(async () => t.close());

  const put = (priority: unknown, token = user.accessToken) =>
    t.app.inject({ method: 'PUT', url: '/v1/users/me/source-priority', headers: bearer(token), payload: { priority } });
  const dayTotal = async (personId = user.id) =>
    (await t.app.services.observations.reader.rollups(personId, 'steps', 'day', 0, Number.MAX_SAFE_INTEGER))[0]?.sum;

  it('reads the default, then recomputes the stored totals under a new priority, and back', async () => {
    const initial = await t.app.inject({ method: 'GET', url: '/v1/users/me/source-priority', headers: bearer(user.accessToken) });
    expect(initial.json()).toEqual({ priority: ['watch', 'ring', 'phone', 'app', 'manual'], is_default: true });
    expect(await dayTotal()).toBe(3200);
    const res = await put(['phone', { source: "Ada's Apple Watch" }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ is_default: false });
    expect(await dayTotal()).toBe(3000);
    expect((await t.app.services.observations.reader.rollups(user.id, 'steps', 'hour', 0, Number.MAX_SAFE_INTEGER))[0]!.sum).toBe(3000);
    await put(null);
    expect(await dayTotal()).toBe(3200);
  });

  it('refuses unknown classes and repeated entries, naming the field', async () => {
    const res = await put(['watch', 'watch']);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'priority' });
    expect((await put(['toaster'])).statusCode).toBe(422);
    expect(await dayTotal()).toBe(3200);
  });

  it('needs a valid token and only ever changes the caller’s own data', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/v1/users/me/source-priority', payload: { priority: ['phone'] } })).statusCode).toBe(
      401,
    );
    const other = await createUser(t.app);
    await put(['phone'], other.accessToken);
    expect(await dayTotal()).toBe(3200);
    t.clock.advance(2 * 3_600_000);
    expect((await put(['phone'])).statusCode).toBe(401);
  });
});
