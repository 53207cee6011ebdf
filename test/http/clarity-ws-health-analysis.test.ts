import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonEvent } from '../../src/domain/realtime/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { connectWs, wsUrl, type WsClient } from '../helpers/ws-client.js';

const uploadCompleted: PersonEvent = {
  type: 'upload.completed',
  data: { upload_id: 'upl_1', kind: 'healthkit_upload', status: 'completed', stored: 40, duplicates: 2, failed_items: 0 },
};

describe('Clarity /api/v1/ws/health-analysis/{user_id}', () => {
  let t: TestApp;
  let base: string;
  let person: TestUser;
  const clients: WsClient[] = [];

  async function start(env: Record<string, string> = {}): Promise<void> {
    t = await createTestApp({ env });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    person = await createUser(t.app);
  }
  const open = async (path: string, token?: string): Promise<WsClient> => {
    const client = await connectWs(
      wsUrl(base, `/api/v1/ws/health-analysis/${path}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`),
    );
    clients.push(client);
    return client;
  };
  /** Connected and subscribed: the SYSTEM greeting is sent once the subscription is live. */
  const subscribed = async (personId: string, token: string): Promise<WsClient> => {
    const client = await open(personId, token);
    const hello = await client.next();
    expect(hello).toMatchObject({ type: 'SYSTEM', subscribed_user_id: personId });
    return client;
  };

  beforeEach(() => start());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await t.close();
  });

  it('delivers an emitted event to the person, in the spec message format, with the event and its data', async () => {
    const client = await subscribed(person.id, person.accessToken);
    await t.app.services.personEvents.emit(person.id, uploadCompleted);
    const message = await client.next();
    expect(message).toMatchObject({
      type: 'HEALTH_INSIGHT',
      user_id: person.id,
      event: 'upload.completed',
      data: uploadCompleted.data,
      content: 'Upload upl_1 completed: 40 stored, 2 duplicates, 0 refused',
    });
    expect(message.timestamp).toBe(t.clock.now().toISOString());
    expect(String(message.event_id)).toMatch(/^evt_/);
  });

  it('delivers every event type, and nothing about another person', async () => {
    const other = await createUser(t.app);
    const client = await subscribed(person.id, person.accessToken);
    await t.app.services.personEvents.emit(other.id, uploadCompleted);
    const events: PersonEvent[] = [
      { type: 'upload.progress', data: { upload_id: 'u', kind: 'clarity_upload', processed_items: 5, total_items: 10 } },
      { type: 'import.progress', data: { import_id: 'i', bytes_done: 10, bytes_total: null, samples_done: 3 } },
      { type: 'import.completed', data: { import_id: 'i', status: 'failed', stored: 0, duplicates: 0, error_code: 'not_an_export' } },
      { type: 'pat.progress', data: { analysis_id: 'p', stage: 'inference', progress: 0.5 } },
      { type: 'pat.completed', data: { analysis_id: 'p', status: 'completed' } },
      { type: 'twin.updated', data: { day: '2025-06-17', as_of: '2025-06-17T10:00:00.000Z', engine_version: '1.0.0' } },
      { type: 'alert.created', data: { alert_id: 'a', kind: 'resting_hr_rise', severity: 'medium' } },
    ];
    for (const event of events) await t.app.services.personEvents.emit(person.id, event);
    const got = [];
    for (let i = 0; i < events.length; i++) got.push(await client.next());
    expect(got.map((m) => m.event)).toEqual(events.map((e) => e.type));
    expect(got.every((m) => m.user_id === person.id)).toBe(true);
    expect(got.map((m) => m.content)).toContain('Import i failed (not_an_export)');
  });

  it('lets an admin follow a person, and audits it', async () => {
    const admin = await createUser(t.app, { role: 'admin' });
    const client = await subscribed(person.id, admin.accessToken);
    await t.app.services.personEvents.emit(person.id, uploadCompleted);
    expect(await client.next()).toMatchObject({ event: 'upload.completed' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'realtime.health_analysis.subscribe')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.id, subject_user_id: person.id });
  });

  it("refuses another person's channel with an ERROR and close 1008", async () => {
    const stranger = await createUser(t.app);
    const client = await open(person.id, stranger.accessToken);
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'FORBIDDEN' });
    expect(await client.closed).toMatchObject({ code: 1008 });
  });

  it('refuses a clinician without access (no care relationship yet)', async () => {
    const clinician = await createUser(t.app, { role: 'clinician' });
    const client = await open(person.id, clinician.accessToken);
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'FORBIDDEN' });
    expect((await client.closed).code).toBe(1008);
  });

  it('refuses a missing, malformed, expired or revoked token', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const client = await open(person.id, token);
      expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'AUTHENTICATION_FAILED' });
      expect((await client.closed).code).toBe(1008);
    }
    const revoked = await createUser(t.app);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(revoked.accessToken), payload: {} });
    expect(logout.statusCode).toBeLessThan(300);
    const afterLogout = await open(revoked.id, revoked.accessToken);
    expect(await afterLogout.next()).toMatchObject({
      type: 'ERROR',
      error_code: 'AUTHENTICATION_FAILED',
      details: { reason: 'Token has been revoked' },
    });

    t.clock.advance(2 * 3600 * 1000);
    const expired = await open(person.id, person.accessToken);
    expect(await expired.next()).toMatchObject({ type: 'ERROR', error_code: 'AUTHENTICATION_FAILED' });
    expect((await expired.closed).code).toBe(1008);
  });

  it('accepts the token in an Authorization header too', async () => {
    const client = await connectWs(wsUrl(base, `/api/v1/ws/health-analysis/${person.id}`), { headers: bearer(person.accessToken) });
    clients.push(client);
    expect(await client.next()).toMatchObject({ type: 'SYSTEM' });
  });

  it('answers HEARTBEAT, and an ERROR (connection kept) for bad JSON, unknown or unsupported types', async () => {
    const client = await subscribed(person.id, person.accessToken);
    client.send({ type: 'HEARTBEAT' });
    expect(await client.next()).toMatchObject({ type: 'HEARTBEAT', user_id: 'system' });
    client.send('{not json');
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'INVALID_JSON' });
    client.send({ type: 'SHOUT' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'INVALID_MESSAGE' });
    client.send({ type: 'MESSAGE', content: 'hello' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'UNSUPPORTED_MESSAGE_TYPE' });
    client.send({ type: 'heartbeat' });
    expect(await client.next()).toMatchObject({ type: 'HEARTBEAT' });
  });

  it('closes with 1009 after an ERROR when a message is over 64 KB', async () => {
    const client = await subscribed(person.id, person.accessToken);
    client.send({ type: 'HEARTBEAT', content: 'x'.repeat(64 * 1024) });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'MESSAGE_TOO_LARGE', details: { limit_bytes: 65536 } });
    expect((await client.closed).code).toBe(1009);
  });

  it('answers a plain GET (no upgrade) with a Clarity problem', async () => {
    const response = await t.app.inject({ url: `/api/v1/ws/health-analysis/${person.id}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('never writes the token or event data to the logs', async () => {
    await t.close();
    t = await createTestApp({ logLevel: 'trace' });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    person = await createUser(t.app);
    const client = await subscribed(person.id, person.accessToken);
    await t.app.services.personEvents.emit(person.id, uploadCompleted);
    await client.next();
    await client.close();
    const logs = t.logs.join('');
    expect(logs).toContain('websocket closed');
    expect(logs).not.toContain(person.accessToken);
    expect(logs).not.toContain('upl_1');
  });
});

describe('health-analysis connection limits', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('closes an idle connection after WS_IDLE_TIMEOUT_MS, saying why', async () => {
    t = await createTestApp({ env: { WS_IDLE_TIMEOUT_MS: '300' } });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/health-analysis/${person.id}?token=${person.accessToken}`));
    const started = performance.now();
    expect(await client.next()).toMatchObject({ type: 'SYSTEM' });
    expect(await client.next((m) => m.type === 'SYSTEM')).toMatchObject({ reason: 'idle_timeout' });
    expect(await client.closed).toMatchObject({ code: 1000, reason: 'idle timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('keeps a connection that sends heartbeats', async () => {
    t = await createTestApp({ env: { WS_IDLE_TIMEOUT_MS: '300' } });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/health-analysis/${person.id}?token=${person.accessToken}`));
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      client.send({ type: 'HEARTBEAT' });
    }
    await client.next((m) => m.type === 'HEARTBEAT');
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await client.close();
  });

  it('refuses messages over the per-connection rate with an ERROR, and keeps the connection', async () => {
    t = await createTestApp({ env: { WS_MESSAGE_BURST: '3', WS_MESSAGES_PER_MINUTE: '1' } });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/health-analysis/${person.id}?token=${person.accessToken}`));
    await client.next();
    for (let i = 0; i < 5; i++) client.send({ type: 'HEARTBEAT' });
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await client.next());
    expect(replies.map((m) => m.type)).toEqual(['HEARTBEAT', 'HEARTBEAT', 'HEARTBEAT', 'ERROR', 'ERROR']);
    expect(replies[3]).toMatchObject({ error_code: 'RATE_LIMITED', details: { retry_after_seconds: 60 } });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await client.close();
  });
});
