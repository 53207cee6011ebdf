/** Twin `/v1/notifications` routes (spec §5.3, docs/notifications.md) on both dialects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const SPEC_DEFAULTS = {
  channels: { push_notifications: true, email: true, sms: false },
  alert_types: {
    critical_health: { enabled: true, channels: ['push', 'email', 'sms'] },
    high_risk: { enabled: true, channels: ['push', 'email'] },
    moderate_risk: { enabled: true, channels: ['push'] },
    daily_summary: { enabled: true, channels: ['email'], time: '08:00' },
    weekly_report: { enabled: true, channels: ['email'], day: 'monday' },
  },
};

/** A browser-shaped subscription: a real P-256 public key and a 16-byte auth secret. */
const subscription = (endpoint: string) => {
  const keys = webpush.generateVAPIDKeys(); // any P-256 key pair will do for the browser side
  return { endpoint, expirationTime: null, keys: { p256dh: keys.publicKey, auth: Buffer.alloc(16, 7).toString('base64url') } };
};

describe.each(dialects())('/v1/notifications on $label', (dialect) => {
  let t: TestApp;
  let ada: TestUser;
  let bob: TestUser;

  const start = async (env: Record<string, string> = {}) => {
    t = await createTestApp({ database: await dialect.open(), env });
    t.clock.set(new Date('2026-03-28T12:00:00Z'));
    ada = await createUser(t.app);
    bob = await createUser(t.app);
  };
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, token: string | null = ada.accessToken) =>
    t.app.inject({
      method,
      url: `/v1/notifications${url}`,
      headers: token ? bearer(token) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
  });
  afterEach(async () => t?.close());

  describe('preferences', () => {
    beforeEach(() => start());

    it('answers the spec’s defaults for someone who never chose, and audits the read', async () => {
      const res = await call('GET', '/preferences');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ user_id: ada.id, ...SPEC_DEFAULTS, timezone: null, phone_number: null });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'subject_user_id'])
        .where('action', 'like', 'notifications.%')
        .execute();
      expect(audit).toEqual([{ action: 'notifications.preferences.read', subject_user_id: ada.id }]);
    });

    it('saves a partial change, keeps the rest, and plans the summaries in the chosen zone (DST-correct)', async () => {
      const res = await call('PUT', '/preferences', {
        channels: { sms: true },
        alert_types: { daily_summary: { time: '07:30' }, weekly_report: { day: 'sunday', channels: ['email', 'push'] } },
        timezone: 'Europe/Berlin',
        phone_number: '+4915112345678',
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.channels).toEqual({ push_notifications: true, email: true, sms: true });
      expect(body.alert_types.daily_summary).toEqual({ enabled: true, channels: ['email'], time: '07:30' });
      expect(body.alert_types.weekly_report).toEqual({ enabled: true, channels: ['email', 'push'], day: 'sunday' });
      expect(body.alert_types.critical_health).toEqual(SPEC_DEFAULTS.alert_types.critical_health);
      expect((await call('GET', '/preferences')).json()).toEqual(body);

      // Saturday 2026-03-28 12:00Z; Berlin switches to CEST on Sunday 29th at 01:00Z.
      const plans = await t.database.db
        .selectFrom('notification_schedules')
        .selectAll()
        .where('person_id', '=', ada.id)
        .orderBy('kind')
        .execute();
      expect(plans.map((p) => [p.kind, p.next_at, p.time_zone])).toEqual([
        ['daily_summary', '2026-03-29T05:30:00.000Z', 'Europe/Berlin'],
        ['weekly_report', '2026-03-29T06:00:00.000Z', 'Europe/Berlin'],
      ]);
      const jobs = await t.database.db
        .selectFrom('jobs')
        .select(['kind', 'run_after'])
        .where('person_id', '=', ada.id)
        .orderBy('run_after')
        .execute();
      expect(jobs).toEqual([
        { kind: 'notifications.summary', run_after: '2026-03-29T05:30:00.000Z' },
        { kind: 'notifications.summary', run_after: '2026-03-29T06:00:00.000Z' },
      ]);
    });

    it('turning a summary off removes its plan', async () => {
      await call('PUT', '/preferences', { timezone: 'UTC' });
      const res = await call('PUT', '/preferences', { alert_types: { weekly_report: { enabled: false } } });
      expect(res.statusCode).toBe(200);
      const kinds = await t.database.db.selectFrom('notification_schedules').select('kind').where('person_id', '=', ada.id).execute();
      expect(kinds).toEqual([{ kind: 'daily_summary' }]);
    });

    it.each([
      ['an unknown field', { channels: { pigeon: true } }, 'channels'],
      ['an unknown top-level field', { quiet_hours: '22:00' }, ''],
      ['an unknown channel name', { alert_types: { high_risk: { channels: ['fax'] } } }, 'alert_types'],
      ['a time that is not HH:MM', { alert_types: { daily_summary: { time: '8:00' } } }, 'time'],
      ['an hour past 23', { alert_types: { daily_summary: { time: '24:00' } } }, 'time'],
      ['a day that is not a weekday name', { alert_types: { weekly_report: { day: 'Monday' } } }, 'day'],
      ['a time zone Intl does not know', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      ['a phone number that is not E.164', { phone_number: '0151 1234567' }, 'phone_number'],
      ['a repeated channel', { alert_types: { moderate_risk: { channels: ['push', 'push'] } } }, 'channels'],
    ])('refuses %s with 422 VALIDATION_ERROR and changes nothing', async (_label, payload, field) => {
      const res = await call('PUT', '/preferences', payload);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(JSON.stringify(res.json().error.details)).toContain(field);
      expect((await call('GET', '/preferences')).json()).toMatchObject(SPEC_DEFAULTS);
    });

    it('refuses a body that is not an object', async () => {
      const res = await call('PUT', '/preferences', [1, 2]);
      expect([400, 422]).toContain(res.statusCode);
      expect(res.json().error.code).toMatch(/VALIDATION_ERROR|BAD_REQUEST/);
    });

    it('requires a valid, unexpired token', async () => {
      expect((await call('GET', '/preferences', undefined, null)).statusCode).toBe(401);
      expect((await call('PUT', '/preferences', { channels: { sms: true } }, null)).statusCode).toBe(401);
      expect((await call('GET', '/preferences', undefined, 'not-a-token')).json().error.code).toBe('UNAUTHORIZED');
      t.clock.advance(2 * 3_600_000);
      expect((await call('GET', '/preferences')).statusCode).toBe(401);
      expect((await call('POST', '/push-subscriptions', subscription('https://push.example/x'))).statusCode).toBe(401);
    });

    it('is always the caller’s own: another person’s change is invisible, even to a clinician', async () => {
      await call('PUT', '/preferences', { channels: { email: false } });
      const clinician = await createUser(t.app, { role: 'clinician' });
      for (const user of [bob, clinician]) {
        const res = await call('GET', '/preferences', undefined, user.accessToken);
        expect(res.json()).toEqual({ user_id: user.id, ...SPEC_DEFAULTS, timezone: null, phone_number: null });
      }
      // A user_id in the query is not a way in either: it is ignored, the answer stays the caller's own.
      const sneaky = await call('GET', `/preferences?user_id=${ada.id}`, undefined, bob.accessToken);
      expect(sneaky.json()).toMatchObject({ user_id: bob.id, channels: SPEC_DEFAULTS.channels });
    });
  });

  describe('push subscriptions', () => {
    it('refuses endpoints the webhook SSRF guard refuses', async () => {
      await start();
      for (const endpoint of [
        'http://127.0.0.1:9/push',
        'https://10.0.0.8/push',
        'https://169.254.169.254/latest',
        'ftp://push.example/x',
      ]) {
        const res = await call('POST', '/push-subscriptions', subscription(endpoint));
        expect(res.statusCode, endpoint).toBe(422);
        expect(res.json().error.code).toBe('VALIDATION_ERROR');
      }
      expect(await t.database.db.selectFrom('push_subscriptions').selectAll().execute()).toEqual([]);
    });

    it('saves, re-saves, lists for delivery, and removes only the caller’s own', async () => {
      await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
      const sub = subscription('http://127.0.0.1:9/push/abc');
      const created = await call('POST', '/push-subscriptions', sub);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ endpoint: sub.endpoint, subscription_id: expect.any(String) });
      const again = await call('POST', '/push-subscriptions', sub);
      expect(again.statusCode).toBe(200);
      expect(again.json().subscription_id).toBe(created.json().subscription_id);

      expect((await call('DELETE', '/push-subscriptions', { endpoint: sub.endpoint }, bob.accessToken)).statusCode).toBe(404);
      expect(await t.app.services.notifications.pushSubscriptions.list(ada.id)).toHaveLength(1);
      expect((await call('DELETE', '/push-subscriptions', { endpoint: sub.endpoint })).statusCode).toBe(204);
      expect((await call('DELETE', '/push-subscriptions', { endpoint: sub.endpoint })).statusCode).toBe(404);
      expect(await t.app.services.notifications.pushSubscriptions.list(ada.id)).toEqual([]);
    });

    it('refuses malformed keys and a missing key object', async () => {
      await start({ WEBHOOK_ALLOW_PRIVATE: 'true' });
      const sub = subscription('http://127.0.0.1:9/push/abc');
      const short = await call('POST', '/push-subscriptions', { ...sub, keys: { ...sub.keys, p256dh: 'AAAA' } });
      expect(short.statusCode).toBe(422);
      const badAuth = await call('POST', '/push-subscriptions', { ...sub, keys: { ...sub.keys, auth: 'AAAA' } });
      expect(badAuth.statusCode).toBe(422);
      const missing = await call('POST', '/push-subscriptions', { endpoint: sub.endpoint });
      expect(missing.statusCode).toBe(422);
    });

    it('gives the VAPID public key only when Web Push is configured', async () => {
      await start();
      const off = await call('GET', '/vapid-public-key');
      expect(off.statusCode).toBe(404);
      expect(off.json().error.code).toBe('NOT_FOUND');
      await t.close();
      const keys = webpush.generateVAPIDKeys();
      await start({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:ops@example.test' });
      const on = await call('GET', '/vapid-public-key');
      expect(on.statusCode).toBe(200);
      expect(on.json()).toEqual({ public_key: keys.publicKey });
    });
  });
});
