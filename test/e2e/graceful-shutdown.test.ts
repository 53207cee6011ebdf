import { connect } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulShutdown, once } from '../../src/main.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves with the socket error code (e.g. ECONNREFUSED), or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A server on a real port with a `/v1/test/slow` route that holds each request until the test releases it. */
async function slowServer() {
  const entered = deferred();
  const release = deferred();
  const events: string[] = [];
  const real = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
  const database: Database = {
    ...real,
    ping: () => real.ping(),
    close: async () => {
      events.push('database closed');
      await real.close();
    },
  };
  const slow: FastifyPluginAsync = async (app) => {
    app.get('/test/slow', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } }, config: { auth: false } }, async () => {
      entered.resolve();
      await release.promise;
      events.push('slow request answered');
      return { ok: true };
    });
  };
  const test: TestApp = await createTestApp({ database, extensions: { twin: slow } });
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const address = test.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { ...test, port: address.port, url: `http://127.0.0.1:${address.port}`, entered, release, events, closeDatabase: once(database.close) };
}

describe('graceful shutdown', () => {
  let server: Awaited<ReturnType<typeof slowServer>> | undefined;
  afterEach(async () => {
    server?.release.resolve();
    await server?.app.close();
    await server?.closeDatabase();
    server = undefined;
  });

  it('stops accepting, lets the in-flight request finish, then closes the database', async () => {
    server = await slowServer();
    const { app, url, port, entered, release, events, database } = server;
    expect(await tryConnect(port)).toBe('connected');

    const inFlight = fetch(`${url}/v1/test/slow`);
    await entered.promise;
    const shutdown = gracefulShutdown(app, server.closeDatabase, 5000);
    await until(() => !app.server.listening);

    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(events).toEqual([]); // the database stays open while a request is running

    const released = performance.now();
    release.resolve();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(await shutdown).toBe('closed');
    // Not held open by the client's now-idle keep-alive connection (keepAliveTimeout is 72 s).
    expect(performance.now() - released).toBeLessThan(2000);
    expect(events).toEqual(['slow request answered', 'database closed']);
    await expect(database.ping()).rejects.toThrow();
  });

  it('cuts requests still running at SHUTDOWN_TIMEOUT_MS and closes the database anyway', async () => {
    server = await slowServer();
    const { app, url, entered, events, database } = server;
    const inFlight = fetch(`${url}/v1/test/slow`).then(
      (response) => response.status,
      (error: Error) => error.name,
    );
    await entered.promise;

    const started = performance.now();
    expect(await gracefulShutdown(app, server.closeDatabase, 300)).toBe('timed-out');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(await inFlight).toBe('TypeError'); // fetch failed: the connection was cut
    expect(events).toEqual(['database closed']);
    await expect(database.ping()).rejects.toThrow();
  });
});
