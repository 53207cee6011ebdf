import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ENDPOINTS_PER_PERSON } from '../../src/domain/webhooks/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

// Public addresses as IP literals: registration checks them without DNS, and these tests never publish, so nothing is
// ever sent to them (delivery is test/http/webhook-delivery.test.ts, against a local receiver).
const URL_A = 'https://93.184.216.34/hooks/a';
const URL_B = 'https://93.184.216.34/hooks/b';

describe.each(dialects())('Twin /v1/webhooks on $label', (dialect) => {
  let t: TestApp;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    t = await createTestApp({ database: await dialect.open() });
    user = await createUser(t.app);
  });
  afterEach(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, token: string | null = user.accessToken) =>
    t.app.inject({
      method,
      url: `/v1/webhooks${url}`,
      headers: token ? bearer(token) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const create = async (body: Record<string, unknown> = { url: URL_A, events: ['risk_alert'] }, token?: string) => {
    const res = await call('POST', '', body, token);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('registers a webhook as in the spec, shows its secret once, and lists, reads, changes and deletes it', async () => {
    const created = await create({ url: URL_A, events: ['risk_alert', 'device_sync', 'prediction_update'] });
    expect(created).toMatchObject({
      url: URL_A,
      events: ['risk_alert', 'device_sync', 'prediction_update'],
      status: 'active',
      consecutive_failures: 0,
      disabled_reason: null,
      previous_secret_expires_at: null,
    });
    expect(created.webhook_id).toMatch(/^wh_/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const read = await call('GET', `/${created.webhook_id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('secret');
    expect(read.json()).toMatchObject({ webhook_id: created.webhook_id, url: URL_A });
    const stored = await t.database.db.selectFrom('webhook_endpoints').select('secret').executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(created.secret.slice('whsec_'.length, 20));

    const patched = await call('PATCH', `/${created.webhook_id}`, { events: ['alert.created'], url: URL_B });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ events: ['alert.created'], url: URL_B });
    const disabled = await call('PATCH', `/${created.webhook_id}`, { status: 'disabled' });
    expect(disabled.json()).toMatchObject({ status: 'disabled', disabled_reason: 'disabled by its owner' });
    expect((await call('POST', `/${created.webhook_id}/test`)).statusCode).toBe(409);
    expect((await call('PATCH', `/${created.webhook_id}`, { status: 'active' })).json()).toMatchObject({
      status: 'active',
      disabled_at: null,
    });

    expect((await call('DELETE', `/${created.webhook_id}`)).statusCode).toBe(204);
    expect((await call('GET', `/${created.webhook_id}`)).statusCode).toBe(404);
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('resource_type', '=', 'webhook').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['webhook.create', 'webhook.update', 'webhook.update', 'webhook.update', 'webhook.delete']);
  });

  it('takes the spec’s own secret and answers it in whsec_ form (the same key bytes)', async () => {
    const created = await create({ url: URL_A, events: ['risk_alert'], secret: 'your_webhook_secret' });
    expect(created.secret).toBe(`whsec_${Buffer.from('your_webhook_secret').toString('base64')}`);
    const own = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect((await create({ url: URL_B, events: ['risk_alert'], secret: own })).secret).toBe(own);
  });

  it('pages the list newest first with a signed cursor and a stable total', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) {
      ids.push((await create({ url: `${URL_A}/${n}`, events: ['twin.updated'] })).webhook_id);
      t.clock.advance(1000);
    }
    const first = await call('GET', '?limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((w: { webhook_id: string }) => w.webhook_id)).toEqual([ids[2], ids[1]]);
    expect(first.json().pagination).toMatchObject({ has_more: true, total_count: 3 });
    const second = await call('GET', `?limit=2&cursor=${encodeURIComponent(first.json().pagination.next_cursor)}`);
    expect(second.json().data.map((w: { webhook_id: string }) => w.webhook_id)).toEqual([ids[0]]);
    expect(second.json().pagination).toEqual({ next_cursor: null, has_more: false, total_count: 3 });
  });

  it('rotates the secret, keeping the old one for a grace period unless told not to', async () => {
    const created = await create();
    const rotated = await call('POST', `/${created.webhook_id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(created.secret);
    expect(Date.parse(rotated.json().previous_secret_expires_at) - t.clock.now().getTime()).toBe(86_400_000);
    const now = await call('POST', `/${created.webhook_id}/rotate-secret`, { grace_period_seconds: 0, secret: 'another-secret-of-mine' });
    expect(now.json()).toMatchObject({
      previous_secret_expires_at: null,
      secret: `whsec_${Buffer.from('another-secret-of-mine').toString('base64')}`,
    });
  });

  it('refuses bad input in the Twin error format', async () => {
    const invalid = async (body: unknown, field: string) => {
      const res = await call('POST', '', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', request_id: expect.any(String) });
      expect(res.json().error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      return res.json().error;
    };
    await invalid({ events: ['risk_alert'] }, 'url');
    await invalid({ url: URL_A, events: [] }, 'events');
    await invalid({ url: URL_A, events: ['risk_alert', 'made_up'] }, 'events.1');
    await invalid({ url: URL_A, events: ['webhook.test'] }, 'events.0');
    await invalid({ url: URL_A, events: ['risk_alert'], secret: 'short' }, 'secret');
    await invalid({ url: URL_A, events: ['risk_alert'], secret: 'whsec_c2hvcnQgc2hvcnQgc2hvcnQ=' }, 'secret');
    await invalid({ url: 'ftp://93.184.216.34/x', events: ['risk_alert'] }, 'url');
    await invalid({ url: 'not a url', events: ['risk_alert'] }, 'url');
    await invalid({ url: 'https://user:pw@93.184.216.34/x', events: ['risk_alert'] }, 'url');
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://169.254.169.254/latest',
      'http://10.1.2.3/',
      'http://0.0.0.0/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
    ]) {
      const error = await invalid({ url, events: ['risk_alert'] }, 'url');
      expect(error.details.fields[0].code).toBe('private_address');
    }
    expect((await call('PATCH', `/${(await create()).webhook_id}`, {})).statusCode).toBe(422);
    const badQuery = await call('GET', '?limit=0');
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error).toMatchObject({ code: 'INVALID_REQUEST', details: { parameter: 'limit' } });
    expect((await call('GET', '?cursor=forged.cursor')).json().error.code).toBe('INVALID_REQUEST');
    // Fields the spec does not define are dropped, as everywhere on this surface, never stored.
    expect(await create({ url: URL_B, events: ['risk_alert'], colour: 'red' })).not.toHaveProperty('colour');
  });

  it('refuses a second webhook to the same URL and more than the per-account limit', async () => {
    await create();
    const again = await call('POST', '', { url: URL_A, events: ['device_sync'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    for (let n = 1; n < MAX_ENDPOINTS_PER_PERSON; n += 1) await create({ url: `${URL_B}/${n}`, events: ['device_sync'] });
    expect((await call('POST', '', { url: `${URL_B}/last`, events: ['device_sync'] })).statusCode).toBe(409);
  });

  it('requires a valid, unexpired token', async () => {
    const none = await call('GET', '', undefined, null);
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHORIZED');
    expect((await call('POST', '', { url: URL_A, events: ['risk_alert'] }, null)).statusCode).toBe(401);
    expect((await call('GET', '', undefined, 'not-a-token')).statusCode).toBe(401);
    t.clock.advance(2 * 3_600_000);
    expect((await call('GET', '')).statusCode).toBe(401);
  });

  it('answers another person’s webhook as not found, everywhere', async () => {
    const mine = await create();
    const other = await createUser(t.app);
    const id = mine.webhook_id;
    const attempts = [
      call('GET', `/${id}`, undefined, other.accessToken),
      call('PATCH', `/${id}`, { status: 'disabled' }, other.accessToken),
      call('POST', `/${id}/rotate-secret`, {}, other.accessToken),
      call('POST', `/${id}/test`, undefined, other.accessToken),
      call('GET', `/${id}/deliveries`, undefined, other.accessToken),
      call('GET', `/${id}/deliveries/dlv_x`, undefined, other.accessToken),
      call('POST', `/${id}/deliveries/replay`, { since: new Date(0).toISOString() }, other.accessToken),
      call('DELETE', `/${id}`, undefined, other.accessToken),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await call('GET', '', undefined, other.accessToken)).json().pagination.total_count).toBe(0);
    expect((await call('GET', `/${id}`)).json().status).toBe('active');
  });
});
