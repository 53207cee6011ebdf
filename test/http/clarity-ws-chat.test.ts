import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';
import { connectWs, wsUrl, type WsClient, type WsMessage } from '../helpers/ws-client.js';

describe('Clarity /api/v1/ws/chat/{room_id}', () => {
  let t: TestApp;
  let base: string;
  let person: TestUser;
  let admin: TestUser;
  const clients: WsClient[] = [];

  const open = async (roomId: string, token?: string): Promise<WsClient> => {
    const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
    const client = await connectWs(wsUrl(base, `/api/v1/ws/chat/${encodeURIComponent(roomId)}${query}`));
    clients.push(client);
    return client;
  };
  const join = async (roomId: string, user: TestUser): Promise<WsClient> => {
    const client = await open(roomId, user.accessToken);
    expect(await client.next()).toMatchObject({ type: 'SYSTEM', room_id: roomId, user_id: 'system' });
    return client;
  };
  const ofType = (type: string) => (message: WsMessage) => message.type === type;

  beforeEach(async () => {
    t = await createTestApp();
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    person = await createUser(t.app);
    admin = await createUser(t.app, { role: 'admin' });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await t.close();
  });

  it('relays a MESSAGE to everyone in the room, sender included, stamped by the server', async () => {
    const room = `user:${person.id}`;
    const own = await join(room, person);
    const care = await join(room, admin);
    expect(await own.next(ofType('SYSTEM'))).toMatchObject({ event: 'user_joined', user_id: admin.id });

    own.send({ type: 'MESSAGE', content: 'Slept badly again', user_id: 'someone-else' });
    for (const client of [own, care]) {
      const message = await client.next(ofType('MESSAGE'));
      expect(message).toEqual({
        type: 'MESSAGE',
        user_id: person.id,
        timestamp: t.clock.now().toISOString(),
        content: 'Slept badly again',
        room_id: room,
      });
    }
  });

  it('sends TYPING to the others only, and announces leaving', async () => {
    const room = `user:${person.id}`;
    const own = await join(room, person);
    const care = await join(room, admin);
    care.send({ type: 'TYPING', is_typing: true });
    expect(await own.next(ofType('TYPING'))).toMatchObject({ user_id: admin.id, is_typing: true });
    care.send({ type: 'MESSAGE', content: 'ok' });
    await care.next(ofType('MESSAGE'));
    expect(care.received.some((m) => m.type === 'TYPING')).toBe(false);
    await care.close();
    expect(await own.next((m) => m.event === 'user_left')).toMatchObject({ type: 'SYSTEM', user_id: admin.id });
  });

  it('lists the users of a room and counts connections (authorised; only visible rooms by id)', async () => {
    const room = `user:${person.id}`;
    await join(room, person);
    await join(room, person);
    await join(room, admin);
    const users = await t.app.inject({ url: `/api/v1/ws/chat/users/${encodeURIComponent(room)}`, headers: bearer(person.accessToken) });
    expect(users.statusCode).toBe(200);
    const body = users.json<{ room_id: string; users: { user_id: string; connection_count: number }[] }>();
    expect(body.room_id).toBe(room);
    expect(body.users.map((u) => [u.user_id, u.connection_count]).sort()).toEqual(
      [
        [admin.id, 1],
        [person.id, 2],
      ].sort(),
    );

    const stranger = await createUser(t.app);
    const refused = await t.app.inject({ url: `/api/v1/ws/chat/users/${encodeURIComponent(room)}`, headers: bearer(stranger.accessToken) });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    const anonymous = await t.app.inject({ url: `/api/v1/ws/chat/users/${encodeURIComponent(room)}` });
    expect(anonymous.statusCode).toBe(401);

    const stats = await t.app.inject({ url: '/api/v1/ws/chat/stats', headers: bearer(stranger.accessToken) });
    expect(stats.json()).toMatchObject({ total_users: 2, total_connections: 3, rooms: {}, scope: 'instance' });
    const own = await t.app.inject({ url: '/api/v1/ws/chat/stats', headers: bearer(person.accessToken) });
    expect(own.json()).toMatchObject({ rooms: { [room]: 2 } });
    expect((await t.app.inject({ url: '/api/v1/ws/chat/stats' })).statusCode).toBe(401);
  });

  it("refuses another person's room, and room ids that are not a person's care room", async () => {
    const stranger = await createUser(t.app);
    const intruder = await open(`user:${person.id}`, stranger.accessToken);
    expect(await intruder.next()).toMatchObject({ type: 'ERROR', error_code: 'FORBIDDEN' });
    expect((await intruder.closed).code).toBe(1008);

    const lobby = await open('general', person.accessToken);
    expect(await lobby.next()).toMatchObject({
      type: 'ERROR',
      error_code: 'UNKNOWN_ROOM',
      content: expect.stringContaining('Unknown room'),
    });
    expect((await lobby.closed).code).toBe(1008);
    const unknown = await t.app.inject({ url: '/api/v1/ws/chat/users/general', headers: bearer(person.accessToken) });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a missing or expired token', async () => {
    const anonymous = await open(`user:${person.id}`);
    expect(await anonymous.next()).toMatchObject({ type: 'ERROR', error_code: 'AUTHENTICATION_FAILED' });
    expect((await anonymous.closed).code).toBe(1008);
    t.clock.advance(2 * 3600 * 1000);
    const expired = await open(`user:${person.id}`, person.accessToken);
    expect(await expired.next()).toMatchObject({ type: 'ERROR', error_code: 'AUTHENTICATION_FAILED' });
  });

  it('answers bad input with an ERROR and keeps the connection', async () => {
    const client = await join(`user:${person.id}`, person);
    client.send('[1,2]');
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'INVALID_MESSAGE' });
    client.send({ type: 'MESSAGE', content: '   ' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'INVALID_MESSAGE' });
    client.send({ type: 'MESSAGE', content: 42 });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'INVALID_MESSAGE' });
    client.send({ type: 'SYSTEM', content: 'I am the server' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'UNSUPPORTED_MESSAGE_TYPE' });
    client.send({ type: 'HEALTH_INSIGHT', content: 'how am I?' });
    expect(await client.next()).toMatchObject({ type: 'ERROR', error_code: 'NOT_AVAILABLE' });
    client.send({ type: 'message', content: 'lower-case types work too' });
    expect(await client.next()).toMatchObject({ type: 'MESSAGE', content: 'lower-case types work too' });
  });

  it('closes with 1009 after an ERROR on a message over 64 KB; the room never sees it', async () => {
    const room = `user:${person.id}`;
    const sender = await join(room, person);
    const other = await join(room, admin);
    sender.send({ type: 'MESSAGE', content: 'x'.repeat(70_000) });
    expect(await sender.next(ofType('ERROR'))).toMatchObject({ error_code: 'MESSAGE_TOO_LARGE' });
    expect((await sender.closed).code).toBe(1009);
    await other.next((m) => m.event === 'user_left');
    expect(other.received.some((m) => m.type === 'MESSAGE')).toBe(false);
  });

  it('accepts a message of exactly 64 KB', async () => {
    const client = await join(`user:${person.id}`, person);
    const envelope = JSON.stringify({ type: 'MESSAGE', content: '' });
    client.send(JSON.stringify({ type: 'MESSAGE', content: 'y'.repeat(64 * 1024 - envelope.length) }));
    expect((await client.next(ofType('MESSAGE'))).content).toHaveLength(64 * 1024 - envelope.length);
  });
});

describe('chat connection limits', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('drops messages over the rate with RATE_LIMITED; the room gets only the allowed ones', async () => {
    t = await createTestApp({ env: { WS_MESSAGE_BURST: '2', WS_MESSAGES_PER_MINUTE: '1' } });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/chat/user:${person.id}?token=${person.accessToken}`));
    await client.next();
    for (let i = 0; i < 4; i++) client.send({ type: 'MESSAGE', content: `m${i}` });
    const errors = [await client.next((m) => m.type === 'ERROR'), await client.next((m) => m.type === 'ERROR')];
    expect(errors.every((m) => m.error_code === 'RATE_LIMITED')).toBe(true);
    const delivered = [await client.next((m) => m.type === 'MESSAGE'), await client.next((m) => m.type === 'MESSAGE')];
    expect(delivered.map((m) => m.content)).toEqual(['m0', 'm1']);
    await client.close();
  });

  it('closes an idle chat connection', async () => {
    t = await createTestApp({ env: { WS_IDLE_TIMEOUT_MS: '250' } });
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/chat/user:${person.id}?token=${person.accessToken}`));
    expect(await client.closed).toMatchObject({ code: 1000, reason: 'idle timeout' });
    expect(client.received.at(-1)).toMatchObject({ type: 'SYSTEM', reason: 'idle_timeout' });
  });

  it('closes open sockets with 1001 when the server shuts down', async () => {
    t = await createTestApp();
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const person = await createUser(t.app);
    const client = await connectWs(wsUrl(base, `/api/v1/ws/chat/user:${person.id}?token=${person.accessToken}`));
    await client.next();
    await t.app.close();
    expect((await client.closed).code).toBe(1001);
  });
});
