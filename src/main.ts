import type { App } from './app.js';
import { buildApp } from './app.js';
import { loadConfig } from './config/index.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';

/** Starts the server: config → database → migrations → app → listen, with graceful shutdown on SIGTERM/SIGINT. */
export async function serve(env: Record<string, string | undefined> = process.env): Promise<App> {
  const config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp(config, { database });
  app.addHook('onClose', async () => {
    await database.close();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ database: database.description, environment: config.ENVIRONMENT, mailer: app.services.mailer.kind }, 'homeostat started');
  installShutdown(app, config.SHUTDOWN_TIMEOUT_MS);
  return app;
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, close the database, exit 0.
 * If that takes longer than SHUTDOWN_TIMEOUT_MS, exit 1 rather than hang a deploy.
 */
export function installShutdown(app: App, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    app.close().then(
      () => {
        clearTimeout(force);
        process.exitCode = 0;
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
