import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp, type App, type AppDependencies, type SurfaceExtensions } from '../../src/app.js';
import type { ResolvedConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';
import { loggerOptions } from '../../src/platform/logger.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  app: App;
  database: Database;
  clock: ManualClock;
  config: ResolvedConfig;
  /** Every log line written so far (JSON text), for redaction tests. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extensions?: SurfaceExtensions;
  database?: Database;
  mailer?: AppDependencies['mailer'];
  /** Capture logs at this level (default: silent). */
  logLevel?: string;
}

/** A fully wired app on a fresh in-memory database with a controllable clock; use `app.inject`. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = options.database ?? openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
  await migrateToLatest(database);
  const clock = new ManualClock(new Date());
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino(loggerOptions(options.logLevel ?? 'silent'), sink);
  let app: App;
  try {
    app = await buildApp(config, {
      database,
      clock,
      logger,
      ...(options.extensions ? { extensions: options.extensions } : {}),
      ...(options.mailer ? { mailer: options.mailer } : {}),
    });
    await app.ready();
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    app,
    database,
    clock,
    config,
    logs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
