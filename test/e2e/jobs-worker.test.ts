import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';
import { createJobQueue, type JobQueue } from '../../src/platform/jobs/index.js';
import { TEST_SECRET } from '../helpers/test-config.js';
import { recentWeeks, storeFor } from '../helpers/twin-person.js';
import { createUser } from '../helpers/users.js';
import { FAST_JOB_TIMINGS } from './support/job-timings.js';
import { tempDir } from './support/server-process.js';
import { startWorker, type WorkerProcess } from './support/worker-process.js';

const TEST_REDIS_URL = process.env.TEST_REDIS_URL;
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const FIXTURE = 'test/e2e/support/job-worker.fixture.ts';

/**
 * Jobs run by `homeostat worker` processes while the API only enqueues (JOBS_RUN_IN_API=false): the embedded queue
 * over one SQLite file in WAL mode (several processes on one host) always; over PostgreSQL with TEST_DATABASE_URL
 * (a schema per test); BullMQ over PostgreSQL with TEST_REDIS_URL too.
 */
const modes: { name: string; skip: string | undefined; postgres: boolean; env: Record<string, string> }[] = [
  { name: 'embedded, sqlite', skip: undefined, postgres: false, env: { JOB_QUEUE: 'embedded' } },
  {
    name: 'embedded, postgres',
    skip: TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL not set: the PostgreSQL variant is skipped',
    postgres: true,
    env: { JOB_QUEUE: 'embedded' },
  },
  {
    name: 'bullmq, postgres',
    skip: TEST_REDIS_URL && TEST_DATABASE_URL ? undefined : 'TEST_REDIS_URL and TEST_DATABASE_URL needed: the BullMQ variant is skipped',
    postgres: true,
    env: { JOB_QUEUE: 'bullmq', REDIS_URL: TEST_REDIS_URL ?? '' },
  },
];

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.each(modes)('jobs in worker processes ($name)', (mode) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  }, 30_000);

  /** The environment API and workers share: one data directory, one database (SQLite file or schema), one BullMQ prefix. */
  const sharedEnv = async (): Promise<Record<string, string>> => {
    const dir = tempDir('jobs');
    cleanups.push(() => dir.remove());
    let database: Record<string, string> = {};
    if (mode.postgres) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await adminQuery(`create schema ${schema}`);
      cleanups.push(() => adminQuery(`drop schema ${schema} cascade`));
      database = { DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    }
    return {
      ...database,
      ...mode.env,
      DATA_DIR: dir.path,
      ENVIRONMENT: 'testing',
      SECRET_KEY: TEST_SECRET,
      JOBS_RUN_IN_API: 'false',
      JOB_QUEUE_PREFIX: `homeostat-test-${randomBytes(6).toString('hex')}`,
    };
  };
  const openShared = async (env: Record<string, string>): Promise<Database> => {
    const database = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR! });
    await migrateToLatest(database);
    cleanups.push(() => database.close());
    return database;
  };
  const worker = async (env: Record<string, string>, script?: string): Promise<WorkerProcess> => {
    const started = await startWorker(env, script);
    cleanups.push(async () => void (await started.stop('SIGKILL')));
    return started;
  };
  const jobRow = (database: Database, id: string) =>
    database.db.selectFrom('jobs').select(['state', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();

  it.skipIf(mode.skip)(
    'the API enqueues a twin recompute, a `homeostat worker` process computes it',
    async () => {
      const env = await sharedEnv();
      const database = await openShared(env);
      const app: App = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { database });
      cleanups.push(() => app.close());
      await app.ready(); // JOBS_RUN_IN_API=false: this process only enqueues
      const runner = await worker(env);

      const person = await createUser(app);
      await storeFor(app, person.id, recentWeeks({ now: new Date(), days: 21, asleepHours: 7.5, restingHr: () => 58, steps: 9000 }));
      const job = await database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', 'twin.recompute')
        .where('person_id', '=', person.id)
        .executeTakeFirstOrThrow();

      await expect.poll(async () => (await jobRow(database, job.id)).state, { timeout: 20_000, interval: 200 }).toBe('completed');
      const snapshots = await database.db.selectFrom('twin_snapshots').select('person_id').where('person_id', '=', person.id).execute();
      expect(snapshots.length).toBeGreaterThan(0);
      // A graceful stop: SIGTERM, nothing running, exit 0.
      expect(await runner.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    },
    90_000,
  );

  it.skipIf(mode.skip)(
    'a worker killed mid-job: another worker retries it and its effect happens exactly once',
    async () => {
      const env = await sharedEnv();
      const database = await openShared(env);
      const effects = join(env.DATA_DIR!, 'effects.log');
      const workerEnv = { ...env, EFFECTS_FILE: effects };
      // Two workers; whichever takes the job first hangs in it and is killed.
      const workers = await Promise.all([worker(workerEnv, FIXTURE), worker(workerEnv, FIXTURE)]);

      // The producer side, as the API holds it (the kind registered, never run here).
      const jobs: JobQueue = await createJobQueue(loadConfig(env), database.db, systemClock, FAST_JOB_TIMINGS);
      cleanups.push(() => jobs.stop());
      jobs.register('test.effect', 'default', () => Promise.reject(new Error('never run in the API')));
      const id = await jobs.enqueue('test.effect', {});

      const lines = () => (existsSync(effects) ? readFileSync(effects, 'utf8').trim().split('\n') : []);
      await expect.poll(lines, { timeout: 20_000, interval: 100 }).toHaveLength(1);
      const [, , firstPid] = lines()[0]!.split(' ');
      const first = workers.find((w) => String(w.child.pid) === firstPid)!;
      const second = workers.find((w) => w !== first)!;
      expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

      await expect.poll(async () => (await jobRow(database, id)).state, { timeout: 30_000, interval: 200 }).toBe('completed');
      expect(lines()).toEqual([`start 1 ${firstPid}`, `start 2 ${second.child.pid}`, `effect ${id}`]);
      expect(await jobRow(database, id)).toEqual({ state: 'completed', attempts: 2, last_error: null });
      // Nothing runs it a third time.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(lines().filter((line) => line.startsWith('effect'))).toHaveLength(1);
    },
    120_000,
  );

  it.skipIf(mode.skip)(
    'SIGTERM lets the running job finish before the worker exits',
    async () => {
      const env = await sharedEnv();
      const database = await openShared(env);
      const effects = join(env.DATA_DIR!, 'effects.log');
      const runner = await worker({ ...env, EFFECTS_FILE: effects, SHUTDOWN_TIMEOUT_MS: '10000' }, FIXTURE);
      const jobs: JobQueue = await createJobQueue(loadConfig(env), database.db, systemClock, FAST_JOB_TIMINGS);
      cleanups.push(() => jobs.stop());
      jobs.register('test.effect', 'default', () => Promise.reject(new Error('never run in the API')));
      const id = await jobs.enqueue('test.effect', { holdMs: 1500 });

      const lines = () => (existsSync(effects) ? readFileSync(effects, 'utf8').trim().split('\n') : []);
      await expect.poll(lines, { timeout: 20_000, interval: 50 }).toHaveLength(1);
      expect(await runner.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(lines()).toEqual([`start 1 ${runner.child.pid}`, `effect ${id}`]);
      expect(await jobRow(database, id)).toEqual({ state: 'completed', attempts: 1, last_error: null });
    },
    90_000,
  );
});
