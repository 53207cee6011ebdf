/**
 * Delivery of notifications (docs/notifications.md) against local fakes: a Web Push service and an SMS provider on
 * 127.0.0.1 (reachable because WEBHOOK_ALLOW_PRIVATE=true), and the outbox when a channel is not configured.
 */
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { importJWK, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { ALERT_JOB, RETRY_DELAY_MS, SUMMARY_JOB } from '../../src/domain/notifications/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dialects, skipUnavailable } from '../helpers/test-database.js';
import { recentWeeks, storeFor } from '../helpers/twin-person.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(body: Buffer, params: { version: string; privateKey: ECDH; authSecret: string }): Buffer;
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A local HTTP service that records what it gets and answers with `status`. */
class Fake {
  readonly received: Received[] = [];
  status = 201;
  port = 0;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(this.status).end();
    });
  });
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The browser side of a subscription: its own P-256 key pair and auth secret, to decrypt what arrives. */
function browser(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  return { ecdh, auth, json: { endpoint, keys: { p256dh: ecdh.getPublicKey('base64url'), auth } } };
}

const VAPID = webpush.generateVAPIDKeys();
const PHONE = '+4915112345678';

describe.each(dialects())('notification delivery on $label', (dialect) => {
  let t: TestApp;
  let ada: TestUser;
  let push: Fake;
  let sms: Fake;

  const start = async (configured: boolean, now = '2026-03-20T07:00:00Z') => {
    const env: Record<string, string> = { WEBHOOK_ALLOW_PRIVATE: 'true' };
    if (configured) {
      Object.assign(env, {
        VAPID_PUBLIC_KEY: VAPID.publicKey,
        VAPID_PRIVATE_KEY: VAPID.privateKey,
        VAPID_SUBJECT: 'mailto:ops@example.test',
        SMS_PROVIDER_URL: sms.url('/sms'),
        SMS_PROVIDER_TOKEN: 'sms-token-123',
      });
    }
    t = await createTestApp({ database: await dialect.open(), env });
    t.clock.set(new Date(now));
    ada = await createUser(t.app);
  };
  const call = (method: 'PUT' | 'POST', url: string, payload: object, token = ada.accessToken) =>
    t.app.inject({ method, url, headers: bearer(token), payload });
  const settled = async () => {
    await t.app.services.jobs.idle();
    await t.app.services.alerts.idle();
    await t.app.services.jobs.idle();
  };
  const crisis = async () => {
    const res = await call('POST', '/v1/health/manual', {
      metric_type: 'blood_pressure',
      timestamp: '2026-03-20T06:30:00Z',
      values: { systolic: 185, diastolic: 125 },
    });
    expect(res.statusCode, res.body).toBe(201);
    await settled();
  };
  /** What notifications put in the outbox (account mail such as the address confirmation is left out). */
  const outbox = (channel: string) =>
    t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('channel', '=', channel)
      .where((eb) => eb.or([eb('channel', '!=', 'email'), eb('subject', 'like', 'Homeostat:%')]))
      .orderBy('created_at')
      .execute();

  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    push = await new Fake().start();
    sms = await new Fake().start();
  });
  afterEach(async () => {
    await t?.close();
    await push?.stop();
    await sms?.stop();
  });

  describe('on a new alert', () => {
    it('sends a critical alert by push (VAPID-signed, encrypted), SMS and email, once each', async () => {
      await start(true);
      const device = browser(push.url('/push/ada-phone'));
      expect((await call('POST', '/v1/notifications/push-subscriptions', device.json)).statusCode).toBe(201);
      expect((await call('PUT', '/v1/notifications/preferences', { channels: { sms: true }, phone_number: PHONE })).statusCode).toBe(200);
      await crisis();

      expect(push.received).toHaveLength(1);
      const [message] = push.received;
      expect(message!.path).toBe('/push/ada-phone');
      expect(message!.headers['content-encoding']).toBe('aes128gcm');
      expect(message!.headers['ttl']).toBe('86400');
      expect(message!.headers['urgency']).toBe('high');
      const vapid = /^vapid t=([^,]+), k=(.+)$/.exec(String(message!.headers.authorization));
      expect(vapid?.[2]).toBe(VAPID.publicKey);
      const raw = Buffer.from(VAPID.publicKey, 'base64url');
      const key = await importJWK(
        { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
        'ES256',
      );
      const { payload } = await jwtVerify(vapid![1]!, key, { audience: `http://127.0.0.1:${push.port}` });
      expect(payload.sub).toBe('mailto:ops@example.test');
      const plain = JSON.parse(
        ece.decrypt(message!.body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth }).toString(),
      );
      expect(plain).toEqual({ title: 'Critical alert', body: 'Blood pressure in the crisis range', tag: 'hypertensive_crisis' });

      expect(sms.received).toHaveLength(1);
      expect(sms.received[0]!.headers.authorization).toBe('Bearer sms-token-123');
      const text = JSON.parse(sms.received[0]!.body.toString()) as { to: string; body: string };
      expect(text.to).toBe(PHONE);
      expect(text.body).toContain('critical alert: Blood pressure in the crisis range');
      expect(text.body).not.toMatch(/\d/); // no measured values in an SMS

      const mail = await outbox('email');
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ recipient: ada.email, subject: 'Homeostat: critical alert' });
      expect(mail[0]!.body).toContain('Critical alert: Blood pressure in the crisis range');
      expect(mail[0]!.body).not.toMatch(/185|125/);

      // The same job again (a lease expired, a retry): nothing is sent twice.
      const alertId = (await t.app.services.alerts.list(ada.id, 'active', 10)).items[0]!.id;
      await t.app.services.jobs.enqueue(ALERT_JOB, { alert_id: alertId }, { personId: ada.id });
      await settled();
      expect(push.received).toHaveLength(1);
      expect(sms.received).toHaveLength(1);
      expect(await outbox('email')).toHaveLength(1);
    });

    it('uses only the channels the preferences name for that alert type', async () => {
      await start(true);
      await call('POST', '/v1/notifications/push-subscriptions', browser(push.url('/push/a')).json);
      await call('PUT', '/v1/notifications/preferences', {
        channels: { sms: true },
        phone_number: PHONE,
        alert_types: { critical_health: { channels: ['email'] } },
      });
      await crisis();
      expect(push.received).toEqual([]);
      expect(sms.received).toEqual([]);
      expect(await outbox('email')).toHaveLength(1);
    });

    it('sends nothing when the alert type is turned off', async () => {
      await start(true);
      await call('PUT', '/v1/notifications/preferences', { alert_types: { critical_health: { enabled: false } } });
      await crisis();
      expect(await outbox('email')).toEqual([]);
    });

    it('removes a subscription the push service says is gone (410)', async () => {
      await start(true);
      push.status = 410;
      await call('POST', '/v1/notifications/push-subscriptions', browser(push.url('/push/old')).json);
      await crisis();
      expect(push.received).toHaveLength(1);
      expect(await t.app.services.notifications.pushSubscriptions.list(ada.id)).toEqual([]);
    });

    it('retries a channel that failed for now, without repeating the channels that worked', async () => {
      await start(true);
      push.status = 503;
      await call('POST', '/v1/notifications/push-subscriptions', browser(push.url('/push/busy')).json);
      await crisis();
      expect(push.received).toHaveLength(1);
      expect(await outbox('email')).toHaveLength(1);
      push.status = 201;
      t.clock.advance(RETRY_DELAY_MS + 1000);
      await settled();
      expect(push.received).toHaveLength(2);
      expect(await outbox('email')).toHaveLength(1);
      const job = await t.database.db.selectFrom('jobs').select(['state']).where('kind', '=', ALERT_JOB).executeTakeFirstOrThrow();
      expect(job.state).toBe('completed');
    });

    it('holds push and SMS in the outbox when those channels are not configured', async () => {
      await start(false);
      await call('POST', '/v1/notifications/push-subscriptions', browser(push.url('/push/a')).json);
      await call('PUT', '/v1/notifications/preferences', { channels: { sms: true }, phone_number: PHONE });
      await crisis();
      expect(push.received).toEqual([]);
      expect(sms.received).toEqual([]);
      const [held] = await outbox('push');
      expect(held).toMatchObject({ person_id: ada.id, subject: 'Critical alert', body: 'Blood pressure in the crisis range' });
      const [text] = await outbox('sms');
      expect(text).toMatchObject({ person_id: ada.id, recipient: PHONE });
      expect(text!.body).not.toMatch(/\d/);
      expect(await outbox('email')).toHaveLength(1); // the Mailer's own outbox
    });
  });

  describe('daily summaries and weekly reports', () => {
    it('sends both at 08:00 local with the person’s real numbers, once, and plans the next', async () => {
      await start(false);
      // Friday 2026-03-20, 07:00 UTC: two weeks of 8,000 steps, 7 h asleep and a resting HR of 58.
      await storeFor(t.app, ada.id, recentWeeks({ now: t.clock.now(), days: 14, asleepHours: 7, restingHr: () => 58, steps: 8000 }));
      await settled();
      await call('PUT', '/v1/notifications/preferences', { timezone: 'UTC', alert_types: { weekly_report: { day: 'friday' } } });
      const plans = await t.database.db
        .selectFrom('notification_schedules')
        .selectAll()
        .where('person_id', '=', ada.id)
        .orderBy('kind')
        .execute();
      expect(plans.map((p) => [p.kind, p.next_at])).toEqual([
        ['daily_summary', '2026-03-20T08:00:00.000Z'],
        ['weekly_report', '2026-03-20T08:00:00.000Z'],
      ]);
      // A second copy of the daily job (as a lease expiry or a broker retry would make): still one email.
      await t.app.services.jobs.enqueue(SUMMARY_JOB, { kind: 'daily_summary', token: plans[0]!.token }, { personId: ada.id });

      t.clock.set(new Date('2026-03-20T08:00:30Z'));
      await settled();
      const mail = await outbox('email');
      const daily = mail.filter((m) => m.subject === 'Homeostat: daily summary 2026-03-19');
      expect(daily).toHaveLength(1);
      expect(daily[0]!.body).toContain('Steps: 8,000');
      expect(daily[0]!.body).toContain('Sleep last night: 7 h 0 min');
      expect(daily[0]!.body).toContain('Resting heart rate: 58 bpm');
      expect(daily[0]!.body).toMatch(/Overall twin score: (\d+ \/ 100|no data)/);
      expect(daily[0]!.body).toContain('Active alerts: 0');
      const weekly = mail.filter((m) => m.subject === 'Homeostat: weekly report 2026-03-13 to 2026-03-19');
      expect(weekly).toHaveLength(1);
      expect(weekly[0]!.body).toContain('Steps per day: 8,000 (mean of 7 of 7 days)');
      expect(weekly[0]!.body).toContain('Sleep per night: 7 h 0 min (mean of 7 of 7 nights)');
      expect(weekly[0]!.body).toContain('Resting heart rate: 58 bpm (mean of 7 of 7 days)');

      const next = await t.database.db
        .selectFrom('notification_schedules')
        .selectAll()
        .where('person_id', '=', ada.id)
        .orderBy('kind')
        .execute();
      expect(next.map((p) => [p.kind, p.next_at])).toEqual([
        ['daily_summary', '2026-03-21T08:00:00.000Z'],
        ['weekly_report', '2026-03-27T08:00:00.000Z'],
      ]);
      const waiting = await t.database.db
        .selectFrom('jobs')
        .select(['run_after', 'payload'])
        .where('kind', '=', SUMMARY_JOB)
        .where('state', '=', 'queued')
        .orderBy('run_after')
        .execute();
      // Jobs of plans replaced since (the Monday report planned when the data came) stay queued as no-ops.
      const current = new Set(next.map((p) => p.token));
      const live = waiting.filter((j) => current.has((JSON.parse(j.payload) as { token: string }).token));
      expect(live.map((j) => j.run_after)).toEqual(['2026-03-21T08:00:00.000Z', '2026-03-27T08:00:00.000Z']);
    });

    it('says "no data" for a person without data, and follows 08:00 Berlin across the DST change', async () => {
      await start(false, '2026-03-28T12:00:00Z');
      await call('PUT', '/v1/notifications/preferences', { timezone: 'Europe/Berlin', alert_types: { weekly_report: { enabled: false } } });
      t.clock.set(new Date('2026-03-29T06:00:10Z')); // 08:00:10 CEST, the first day of summer time
      await settled();
      const [mail] = await outbox('email');
      expect(mail!.subject).toBe('Homeostat: daily summary 2026-03-28');
      expect(mail!.body).toContain('Steps: no data');
      expect(mail!.body).toContain('Sleep last night: no data');
      expect(mail!.body).toContain('Resting heart rate: no data');
      const [plan] = await t.database.db.selectFrom('notification_schedules').selectAll().where('person_id', '=', ada.id).execute();
      expect(plan!.next_at).toBe('2026-03-30T06:00:00.000Z');
    });
  });
});
