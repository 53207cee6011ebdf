import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config/index.js';
import { installShutdown, once } from '../main.js';
import { migrateToLatest, openDatabase } from '../platform/db/index.js';
import type { JobQueueTuning } from '../platform/jobs/index.js';
import { EXIT, type CliIo, type Env } from './context.js';

/** Test seams: register extra (test-only) job kinds before the queue starts, and shorten its timings. */
export interface WorkerSeams {
  prepare?: (app: App) => void;
  jobs?: JobQueueTuning;
}

/**
 * `homeostat worker`: builds the same app as `serve` (so every job kind the surfaces and domains register is here)
 * but never listens; it only runs jobs. SIGTERM lets running jobs finish within SHUTDOWN_TIMEOUT_MS.
 * Works with either queue: BullMQ (JOB_QUEUE=bullmq), or the embedded one on a database shared with the API.
 */
export async function workerCommand(env: Env, io: CliIo, seams: WorkerSeams = {}): Promise<number> {
  const config = { ...loadConfig(env), JOBS_RUN_IN_API: true };
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const closeDatabase = once(() => database.close());
  let app: App | undefined;
  // The queue's own timers do not hold the process open (a server's socket does that for `serve`); this does.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await migrateToLatest(database);
    app = await buildApp(config, { database, closeDatabase, ...(seams.jobs ? { jobs: seams.jobs } : {}) });
    seams.prepare?.(app);
    // Registered last, so it runs first on close: from then on only the work still under way keeps the process.
    app.addHook('onClose', async () => void keepAlive.unref());
    await app.ready(); // onReady starts the queue
  } catch (error) {
    clearInterval(keepAlive);
    await app?.close().catch(() => undefined);
    await closeDatabase().catch(() => undefined);
    throw error;
  }
  app.log.info(
    { database: database.description, job_queue: config.JOB_QUEUE, environment: config.ENVIRONMENT },
    'homeostat worker started',
  );
  io.err(`homeostat worker running jobs (${config.JOB_QUEUE})`);
  installShutdown(app, closeDatabase, config.SHUTDOWN_TIMEOUT_MS);
  return EXIT.ok;
}
