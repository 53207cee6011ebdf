import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, type ResolveHost } from '../../src/domain/webhooks/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Mailer, MailMessage } from '../../src/platform/mail/index.js';
import { testConfig } from '../helpers/test-config.js';
import { dialects, skipUnavailable, type DialectCase, type TestDatabase } from '../helpers/test-database.js';
import { bearer, createUser, STRONG_PASSWORD, type TestUser } from '../helpers/users.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 whose answer each test decides. */
class Receiver {
  readonly received: Received[] = [];
  respond: (res: ServerResponse, path: string) => void = (res) => res.writeHead(200).end('ok');
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      this.respond(res, req.url ?? '');
    });
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  url(path = '/hook', host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Harness {
  app: App;
  clock: ManualClock;
  database: TestDatabase;
  mail: MailMessage[];
}

/** The whole app, as createTestApp builds it, plus the webhook seams (DNS resolver, attempt timeout) and a mail sink. */
async function startApp(
  dialect: DialectCase,
  options: { allowPrivate?: boolean; resolveHost?: ResolveHost; timeoutMs?: number } = {},
): Promise<Harness> {
  const database = await dialect.open();
  const clock = new ManualClock(new Date());
  const mail: MailMessage[] = [];
  const mailer: Mailer = { kind: 'outbox', send: async (m) => void mail.push(m), close: async () => undefined };
  const config = testConfig({ WEBHOOK_ALLOW_PRIVATE: String(options.allowPrivate ?? true) });
  const webhooks = { ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}), timeoutMs: options.timeoutMs ?? 2000 };
  const app = await buildApp(config, { database, clock, mailer, logger: pino({ level: 'silent' }), webhooks });
  await app.ready();
  return { app, clock, database, mail };
}

describe.each(dialects())('webhook delivery on $label', (dialect) => {
  let h: Harness;
  let receiver: Receiver;
  let user: TestUser;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    receiver = new Receiver();
    await receiver.start();
  });
  afterEach(async () => {
    await receiver?.stop();
    await h?.app.close();
    await h?.database.close();
  });

  async function setUp(options?: Parameters<typeof startApp>[1]) {
    h = await startApp(dialect, options);
    user = await createUser(h.app);
  }
  /** A fresh token: the clock moves by hours in these tests, past the access token's lifetime. */
  async function token(): Promise<string> {
    const res = await h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: STRONG_PASSWORD } });
    return res.json<{ access_token: string }>().access_token;
  }
  async function register(url: string, events: string[] = ['risk_alert']): Promise<{ webhook_id: string; secret: string }> {
    const res = await h.app.inject({ method: 'POST', url: '/v1/webhooks', headers: bearer(await token()), payload: { url, events } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const riskAlert = { alert_id: 'alert_123', risk_type: 'cardiac', risk_level: 'red' as const, risk_score: 78 };
  const deliveryRow = async (id: string) =>
    h.database.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const attemptRows = async (id: string) =>
    h.database.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', id).orderBy('attempt').execute();

  it('delivers a signed event in the spec’s envelope, only to subscribed endpoints of that person, and logs the attempt', async () => {
    await setUp();
    const hook = await register(receiver.url('/a'), ['risk_alert', 'device_sync']);
    await register(receiver.url('/b'), ['prediction_update']);
    const published = await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert);
    await h.app.services.webhooks.publish((await createUser(h.app)).id, 'risk_alert', riskAlert);
    await h.app.services.jobs.idle();

    expect(receiver.received.map((r) => r.path)).toEqual(['/a']);
    const [got] = receiver.received;
    expect(got!.headers['webhook-id']).toBe(published.eventId);
    expect(got!.headers['content-type']).toBe('application/json');
    const verified = new Webhook(hook.secret).verify(got!.body, got!.headers as Record<string, string>);
    expect(verified).toEqual({ event: 'risk_alert', timestamp: expect.stringMatching(/Z$/), user_id: user.id, data: riskAlert });
    expect(() => new Webhook(hook.secret).verify(got!.body.replace('78', '79'), got!.headers as Record<string, string>)).toThrow();

    const [deliveryId] = published.deliveryIds;
    expect(await deliveryRow(deliveryId!)).toMatchObject({ state: 'delivered', attempts: 1, last_status_code: 200 });
    const [attempt] = await attemptRows(deliveryId!);
    expect(attempt).toMatchObject({ attempt: 1, outcome: 'success', status_code: 200 });
    expect(attempt!.latency_ms).toBeGreaterThanOrEqual(0);
    await expect(h.app.services.webhooks.publish(user.id, 'risk_alert', { ...riskAlert, heart_rate: 180 } as never)).rejects.toThrow(
      /schema/,
    );
  });

  it('retries on the backoff schedule with the same webhook-id, and not before each wait has passed', async () => {
    await setUp();
    await register(receiver.url());
    let failures = 2;
    receiver.respond = (res) => (failures-- > 0 ? res.writeHead(500).end('down') : res.writeHead(204).end());
    const { deliveryIds } = await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert);
    const id = deliveryIds[0]!;
    await h.app.services.jobs.idle();
    expect(receiver.received).toHaveLength(1);
    const afterFirst = await deliveryRow(id);
    expect(afterFirst).toMatchObject({ state: 'pending', attempts: 1, last_status_code: 500, last_error: 'answered 500' });
    expect(Date.parse(afterFirst.next_attempt_at!) - h.clock.now().getTime()).toBe(RETRY_DELAYS_MS[0]);

    h.clock.advance(RETRY_DELAYS_MS[0]! - 1000);
    await h.app.services.jobs.idle();
    expect(receiver.received).toHaveLength(1);
    h.clock.advance(1000);
    await h.app.services.jobs.idle();
    expect(receiver.received).toHaveLength(2);
    h.clock.advance(RETRY_DELAYS_MS[1]!);
    await h.app.services.jobs.idle();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(await deliveryRow(id)).toMatchObject({ state: 'delivered', attempts: 3, last_status_code: 204 });
    expect((await attemptRows(id)).map((a) => a.outcome)).toEqual(['http_error', 'http_error', 'success']);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
  });

  it('disables an endpoint that keeps failing, records it, mails the owner, and can be re-enabled and replayed', async () => {
    await setUp();
    const hook = await register(receiver.url());
    receiver.respond = (res) => res.writeHead(503).end();
    const { deliveryIds } = await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert);
    await h.app.services.jobs.idle();
    for (const wait of RETRY_DELAYS_MS) {
      h.clock.advance(wait);
      await h.app.services.jobs.idle();
    }
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    expect(await deliveryRow(deliveryIds[0]!)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null });
    const view = (await h.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.webhook_id}`, headers: bearer(await token()) })).json();
    expect(view).toMatchObject({ status: 'disabled', consecutive_failures: MAX_ATTEMPTS });
    expect(view.disabled_reason).toMatch(/every attempt failed/);
    const notices = h.mail.filter((m) => /webhook/.test(m.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: user.email, subject: expect.stringMatching(/disabled/) });
    expect(notices[0]!.text).toContain(hook.webhook_id);
    expect(notices[0]!.text).not.toContain('/hook');
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_user_id'])
      .where('action', '=', 'webhook.disabled')
      .execute();
    expect(audit).toEqual([{ action: 'webhook.disabled', subject_user_id: user.id }]);
    expect((await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert)).deliveryIds).toEqual([]);

    receiver.respond = (res) => res.writeHead(200).end();
    const headers = bearer(await token());
    const enabled = await h.app.inject({ method: 'PATCH', url: `/v1/webhooks/${hook.webhook_id}`, headers, payload: { status: 'active' } });
    expect(enabled.json()).toMatchObject({ status: 'active', consecutive_failures: 0 });
    const replay = await h.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook.webhook_id}/deliveries/replay`,
      headers,
      payload: { since: new Date(0).toISOString(), only_failed: true },
    });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json()).toMatchObject({ count: 1, truncated: false });
    await h.app.services.jobs.idle();
    expect(receiver.received.at(-1)!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    expect(await deliveryRow(replay.json().delivery_ids[0])).toMatchObject({ state: 'delivered', replay_of: deliveryIds[0] });
  });

  it('does not follow redirects, and gives up on a receiver that does not answer in time', async () => {
    await setUp({ timeoutMs: 300 });
    await register(receiver.url('/moved'));
    receiver.respond = (res, path) =>
      path === '/moved' ? res.writeHead(302, { location: receiver.url('/elsewhere') }).end() : res.writeHead(200).end();
    const moved = (await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert)).deliveryIds[0]!;
    await h.app.services.jobs.idle();
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
    expect(await attemptRows(moved)).toMatchObject([{ outcome: 'redirect', status_code: 302 }]);

    receiver.respond = () => undefined;
    h.clock.advance(RETRY_DELAYS_MS[0]!);
    const started = Date.now();
    await h.app.services.jobs.idle();
    expect(Date.now() - started).toBeLessThan(5000);
    const attempts = await attemptRows(moved);
    expect(attempts[1]).toMatchObject({ outcome: 'timeout', status_code: null, error: 'no answer within 300 ms' });
    expect(attempts[1]!.latency_ms).toBeGreaterThanOrEqual(290);
  });

  it('connects to the address it checked, and refuses at delivery a host that now resolves to a private address', async () => {
    // Registration sees a public address; by delivery time the name points at loopback (DNS rebinding).
    let lookups = 0;
    const rebinding: ResolveHost = async () => [{ address: lookups++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    await setUp({ allowPrivate: false, resolveHost: rebinding });
    await register(receiver.url('/hook', 'rebind.invalid'));
    const id = (await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert)).deliveryIds[0]!;
    await h.app.services.jobs.idle();
    expect(receiver.received).toHaveLength(0);
    expect(await attemptRows(id)).toMatchObject([{ outcome: 'blocked', status_code: null }]);
    expect((await attemptRows(id))[0]!.error).toMatch(/loopback/);
  });

  it('sends to the pinned address (no second DNS lookup): a name only our resolver knows still arrives', async () => {
    await setUp({ resolveHost: async () => [{ address: '127.0.0.1', family: 4 }] });
    const hook = await register(receiver.url('/pinned', 'receiver.invalid'));
    await h.app.services.webhooks.publish(user.id, 'risk_alert', riskAlert);
    await h.app.services.jobs.idle();
    expect(receiver.received.map((r) => [r.path, r.headers.host])).toEqual([['/pinned', `receiver.invalid:${receiver.port}`]]);
    expect(() =>
      new Webhook(hook.secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>),
    ).not.toThrow();
  });

  it('sends a test event, lists deliveries with attempts, replays by id, and signs with both secrets while rotating', async () => {
    await setUp();
    const hook = await register(receiver.url(), ['twin.updated']);
    const headers = bearer(await token());
    const sent = await h.app.inject({ method: 'POST', url: `/v1/webhooks/${hook.webhook_id}/test`, headers });
    expect(sent.statusCode, sent.body).toBe(202);
    await h.app.services.jobs.idle();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      event: 'webhook.test',
      user_id: user.id,
      data: { webhook_id: hook.webhook_id },
    });

    const list = await h.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.webhook_id}/deliveries?state=delivered`, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      data: [{ event: 'webhook.test', state: 'delivered', attempts: 1 }],
      pagination: { total_count: 1, has_more: false },
    });
    const deliveryId = list.json().data[0].delivery_id;
    const detail = await h.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.webhook_id}/deliveries/${deliveryId}`, headers });
    expect(detail.json()).toMatchObject({
      attempt_log: [{ attempt: 1, outcome: 'success', status_code: 200 }],
      payload: { event: 'webhook.test' },
    });
    expect((await h.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.webhook_id}/deliveries/dlv_nope`, headers })).statusCode).toBe(
      404,
    );

    const badReplay = await h.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook.webhook_id}/deliveries/replay`,
      headers,
      payload: { only_failed: true },
    });
    expect(badReplay.statusCode).toBe(422);
    const unknown = await h.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook.webhook_id}/deliveries/replay`,
      headers,
      payload: { delivery_ids: ['dlv_nope'] },
    });
    expect(unknown.statusCode).toBe(404);

    const rotated = (
      await h.app.inject({ method: 'POST', url: `/v1/webhooks/${hook.webhook_id}/rotate-secret`, headers, payload: {} })
    ).json();
    const replay = await h.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook.webhook_id}/deliveries/replay`,
      headers,
      payload: { delivery_ids: [deliveryId] },
    });
    expect(replay.statusCode, replay.body).toBe(202);
    await h.app.services.jobs.idle();
    const again = receiver.received[1]!;
    expect(again.body).toBe(receiver.received[0]!.body);
    expect(again.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    expect(String(again.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [hook.secret, rotated.secret])
      expect(() => new Webhook(secret).verify(again.body, again.headers as Record<string, string>)).not.toThrow();
  });
});
