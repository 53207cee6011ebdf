import type { App } from './app.js';
import { buildApp } from './app.js';
import { loadConfig } from './config/index.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';

/** Starts the server: config → database → migrations → app → listen, with graceful shutdown on SIGTERM/SIGINT. */
export async function serve(env: Record<string, string | undefined> = process.env): Promise<App> {
  const config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const closeDatabase = once(() => database.close());
  let app: App | undefined;
  try {
    await migrateToLatest(database);
    // buildApp closes the database after its other onClose hooks (they run last-registered first).
    app = await buildApp(config, { database, closeDatabase });
    // Fastify logs "Server listening at http://HOST:PORT" (info): with PORT=0 that line tells the real port.
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await closeDatabase().catch(() => undefined);
    throw error;
  }
  app.log.info(
    { address: app.server.address(), database: database.description, environment: config.ENVIRONMENT, mailer: app.services.mailer.kind },
    'homeostat started',
  );
  installShutdown(app, closeDatabase, config.SHUTDOWN_TIMEOUT_MS);
  return app;
}

export type ShutdownResult = 'closed' | 'timed-out' | 'failed';

/** After a forced close, the database still gets this long to close even if the deadline has passed. */
const DATABASE_CLOSE_GRACE_MS = 1000;
const IDLE_REAP_INTERVAL_MS = 50;

/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish, then close the database.
 * If the requests are not done within `timeoutMs`, their connections are cut and the database is closed anyway
 * ('timed-out'). Never throws; the result says how it went.
 */
export async function gracefulShutdown(app: App, closeDatabase: () => Promise<void>, timeoutMs: number): Promise<ShutdownResult> {
  const deadline = performance.now() + timeoutMs;
  // server.close() drops only the keep-alive connections idle at that moment; one whose request finishes later
  // would stay open until keepAliveTimeout (72 s) and hold the shutdown. Keep dropping them as they go idle.
  const reaper = setInterval(() => app.server.closeIdleConnections(), IDLE_REAP_INTERVAL_MS);
  let result: ShutdownResult = await withDeadline(app.close(), timeoutMs).then(
    (finished) => (finished ? 'closed' : 'timed-out'),
    (error: unknown) => {
      app.log.error({ err: error }, 'error while closing the server');
      return 'failed' as const;
    },
  );
  clearInterval(reaper);
  if (result !== 'closed') app.server.closeAllConnections();
  const remaining = Math.max(deadline - performance.now(), DATABASE_CLOSE_GRACE_MS);
  const closed = await withDeadline(closeDatabase(), remaining).catch((error: unknown) => {
    app.log.error({ err: error }, 'error while closing the database');
    return false;
  });
  if (!closed && result === 'closed') result = 'failed';
  return result;
}

/**
 * SIGTERM/SIGINT → gracefulShutdown; exit code 0 when everything closed in time, 1 otherwise.
 * A second signal while shutting down exits at once.
 */
export function installShutdown(app: App, closeDatabase: () => Promise<void>, timeoutMs: number): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal during shutdown; exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal, timeoutMs }, 'shutting down');
    void gracefulShutdown(app, closeDatabase, timeoutMs).then((result) => {
      if (result === 'closed') {
        app.log.info('shutdown complete');
        process.exitCode = 0;
        // Everything we own is closed; if some stray handle still holds the event loop, do not hang a deploy.
        setTimeout(() => process.exit(0), DATABASE_CLOSE_GRACE_MS).unref();
      } else {
        app.log.error({ result, timeoutMs }, 'shutdown did not complete cleanly; exiting');
        process.exit(1);
      }
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Resolves true when `work` settles in time, false after `ms`; rejects if `work` rejects in time. */
async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first call runs `fn`; later calls return the same promise (a database must be closed exactly once). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

