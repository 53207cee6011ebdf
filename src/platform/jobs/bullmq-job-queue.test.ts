import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase, migrateToLatest } from '../db/index.js';
import { BullMqJobQueue, queueName } from './bullmq-job-queue.js';
import { createJobQueue } from './create-job-queue.js';
import { jobQueueContract } from './job-queue-contract.test-helpers.js';
import { EmbeddedJobQueue } from './job-queue.js';
import type { Job } from './job-queue.port.js';

const REDIS_URL = process.env.TEST_REDIS_URL;
/** One BullMQ key prefix per test run and queue family, so runs sharing a Redis never see each other's entries. */
const prefix = () => `homeostat-test-${randomBytes(6).toString('hex')}`;

describe('createJobQueue', () => {
  const db = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' }).db;
  const clock = new ManualClock(new Date());

  it('is embedded by default', async () => {
    expect(await createJobQueue({ JOB_QUEUE: 'embedded', JOB_QUEUE_PREFIX: 'homeostat', REDIS_URL: undefined }, db, clock)).toBeInstanceOf(
      EmbeddedJobQueue,
    );
  });

  it('refuses bullmq without REDIS_URL, naming the variables', async () => {
    await expect(createJobQueue({ JOB_QUEUE: 'bullmq', JOB_QUEUE_PREFIX: 'homeostat', REDIS_URL: undefined }, db, clock)).rejects.toThrow(
      /JOB_QUEUE: bullmq needs REDIS_URL/,
    );
  });
});

if (!REDIS_URL) {
  describe('BullMqJobQueue', () => {
    it.skip('TEST_REDIS_URL not set: BullMQ suites skipped (redis://127.0.0.1:6379 to run them)', () => undefined);
  });
}

describe.skipIf(!REDIS_URL)('BullMqJobQueue (TEST_REDIS_URL)', () => {
  const redisUrl = REDIS_URL ?? '';

  jobQueueContract(
    'BullMqJobQueue',
    (() => {
      // The queues of one test share a prefix (they are processes of one deployment); each test gets its own.
      let current: { clock: ManualClock; prefix: string } | undefined;
      return (database, clock, onError) => {
        if (current?.clock !== clock) current = { clock, prefix: prefix() };
        return new BullMqJobQueue(
          database.db,
          clock,
          { redisUrl, prefix: current.prefix, relayMs: 100 },
          { pollMs: 10, ...(onError ? { onError } : {}) },
        );
      };
    })(),
  );

  it('runs a row announced twice (two entries, two workers) once, and ignores an entry for a finished row', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    const clock = new ManualClock(new Date());
    const settings = { redisUrl, prefix: prefix(), relayMs: 60_000 };
    const runs: Job[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const make = () => {
      const q = new BullMqJobQueue(database.db, clock, settings);
      q.register('test.dup', 'default', async (job) => {
        runs.push(job);
        await gate; // hold the first run so the second entry arrives while it is running
      });
      return q;
    };
    const [a, b] = [make(), make()];
    const raw = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(queueName('default'), { connection: raw, prefix: settings.prefix });
    try {
      const id = await a.enqueue('test.dup', {});
      // Same id again (BullMQ keeps one entry per id) and under a second id naming the same row (a stray duplicate).
      await queue.add('default', {}, { jobId: id, removeOnComplete: true });
      a.start();
      b.start();
      await expect.poll(() => runs.length, { timeout: 10_000 }).toBe(1);
      const stray = await queue.add('default', {}, { jobId: id });
      expect(stray.id).toBe(id);
      release();
      await Promise.all([a.idle(), b.idle()]);
      await queue.add('default', {}, { jobId: id, removeOnComplete: true }); // announced after it finished
      await new Promise((resolve) => setTimeout(resolve, 300));
      await Promise.all([a.idle(), b.idle()]);
      expect(runs.map((job) => job.id)).toEqual([id]);
      const row = await database.db.selectFrom('jobs').select(['state', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'completed', attempts: 1 });
    } finally {
      await queue.close();
      raw.disconnect();
      await Promise.all([a.stop(), b.stop()]);
      await database.close();
    }
  });

  it('announces a row BullMQ never heard of (a crash between commit and add) from the relay', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    const clock = new ManualClock(new Date());
    const q = new BullMqJobQueue(database.db, clock, { redisUrl, prefix: prefix(), relayMs: 100 });
    const ran: string[] = [];
    q.register('test.lost', 'bulk', async (job) => void ran.push(job.id));
    try {
      // The row as a producer that died before reaching Redis left it.
      const now = clock.now().toISOString();
      await database.db
        .insertInto('jobs')
        .values({
          id: 'job_lost',
          kind: 'test.lost',
          lane: 'bulk',
          person_id: null,
          payload: '{}',
          state: 'queued',
          created_at: now,
          updated_at: now,
          run_after: null,
        })
        .execute();
      q.start();
      await expect.poll(() => ran, { timeout: 10_000 }).toEqual(['job_lost']);
    } finally {
      await q.stop();
      await database.close();
    }
  });
});
