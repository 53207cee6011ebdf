/**
 * One contract for both JobQueue implementations (embedded, BullMQ): what producers and job owners rely on.
 * Each suite passes a factory; every queue it makes shares the test's database, like processes sharing one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dialects, useDatabase, type DialectCase } from '../../../test/helpers/test-database.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/index.js';
import { RetryJobLater, type Job, type JobQueue } from './job-queue.port.js';

export type MakeQueue = (database: Database, clock: ManualClock, onError?: (job: Job, error: unknown) => void) => JobQueue;

const MINUTE = 60_000;

export function jobQueueContract(label: string, make: MakeQueue, dialectList: DialectCase[] = dialects()): void {
  describe.each(dialectList)(`${label} (JobQueue contract) on $label`, (dialect) => {
    const database = useDatabase(dialect);
    const queues: JobQueue[] = [];
    let clock: ManualClock;
    const queue = (onError?: (job: Job, error: unknown) => void, on: Database = database.current) => {
      clock ??= new ManualClock(new Date('2026-03-01T08:00:00Z'));
      const q = make(on, clock, onError);
      queues.push(q);
      return q;
    };
    const closeAfter: Database[] = [];
    afterEach(async () => {
      await Promise.all(queues.splice(0).map((q) => q.stop()));
      await Promise.all(closeAfter.splice(0).map((d) => d.close()));
      clock = undefined as unknown as ManualClock;
    });
    const row = (id: string) => database.current.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('runs a job once with its payload and person, and records it completed', async () => {
      const seen: Job[] = [];
      const q = queue();
      q.register('test.echo', 'default', async (job) => void seen.push(job));
      q.start();
      const id = await q.enqueue('test.echo', { n: 1 }, { personId: 'p1' });
      await q.idle();
      expect(seen).toEqual([{ id, kind: 'test.echo', personId: 'p1', payload: { n: 1 }, attempts: 1 }]);
      expect(await row(id)).toMatchObject({ state: 'completed', attempts: 1 });
    });

    it('enqueues with the caller’s transaction: a rollback leaves no job, a commit runs it', async () => {
      const ran: unknown[] = [];
      const q = queue();
      q.register('test.tx', 'default', async (job) => void ran.push(job.payload));
      q.start();
      await database.current.db
        .transaction()
        .execute(async (trx) => {
          await q.enqueue('test.tx', 'rolled back', { db: trx });
          throw new Error('rollback');
        })
        .catch(() => undefined);
      await database.current.db.transaction().execute(async (trx) => {
        await q.enqueue('test.tx', 'committed', { db: trx });
      });
      await expect.poll(() => ran, { timeout: 10_000 }).toEqual(['committed']);
      await q.idle();
      expect(await database.current.db.selectFrom('jobs').select('state').execute()).toEqual([{ state: 'completed' }]);
    });

    it('records a failing job with its message, and tells onError', async () => {
      const errors: string[] = [];
      const q = queue((job, error) => errors.push(`${job.kind}: ${(error as Error).message}`));
      q.register('test.fail', 'bulk', async () => {
        throw new Error('bad data');
      });
      q.start();
      const id = await q.enqueue('test.fail', {});
      await q.idle();
      expect(await row(id)).toMatchObject({ state: 'failed', last_error: 'bad data' });
      expect(errors).toEqual(['test.fail: bad data']);
    });

    it('runs a job again after RetryJobLater, not before its time', async () => {
      const attempts: number[] = [];
      const q = queue();
      q.register('test.retry', 'webhooks', async (job) => {
        attempts.push(job.attempts);
        if (job.attempts === 1) throw new RetryJobLater(new Date(clock.now().getTime() + 5 * MINUTE), 'receiver down');
      });
      q.start();
      const id = await q.enqueue('test.retry', {});
      await q.idle();
      expect(attempts).toEqual([1]);
      expect(await row(id)).toMatchObject({ state: 'queued', last_error: 'receiver down' });
      clock.set(new Date(clock.now().getTime() + 6 * MINUTE));
      await q.idle();
      expect(attempts).toEqual([1, 2]);
      expect(await row(id)).toMatchObject({ state: 'completed', attempts: 2 });
    });

    it('asks for one job per person while one is waiting (enqueueOnce)', async () => {
      const q = queue();
      q.register('test.once', 'default', async () => undefined);
      const first = await q.enqueueOnce('test.once', 'p1');
      expect(first).toEqual(expect.any(String));
      expect(await q.enqueueOnce('test.once', 'p1')).toBeNull();
      expect(await q.enqueueOnce('test.once', 'p2')).toEqual(expect.any(String));
      expect(await q.counts()).toEqual({ queued: 2, running: 0 });
    });

    it('takes over a job whose worker died (heartbeat stopped for the lease) and runs it once more', async () => {
      const runs: number[] = [];
      const q = queue();
      q.register('test.orphan', 'default', async (job) => void runs.push(job.attempts));
      const id = await q.enqueue('test.orphan', {});
      // What a worker killed mid-job leaves behind: running, attempt 1, last heartbeat long ago.
      const longAgo = new Date(clock.now().getTime() - 10 * MINUTE).toISOString();
      await database.current.db
        .updateTable('jobs')
        .set({ state: 'running', attempts: 1, updated_at: longAgo })
        .where('id', '=', id)
        .execute();
      q.start();
      await q.idle();
      expect(runs).toEqual([2]);
      expect(await row(id)).toMatchObject({ state: 'completed', attempts: 2 });
    });

    it('runs each job exactly once when two queues (two processes) share the database', async () => {
      const runs = new Map<string, number>();
      const handler = async (job: Job) => void runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      // On PostgreSQL the second queue has its own connection pool, as a second process would.
      const second = database.current.connectAgain?.();
      if (second) closeAfter.push(second);
      const [a, b] = [queue(), queue(undefined, second ?? database.current)];
      a.register('test.shared', 'webhooks', handler);
      b.register('test.shared', 'webhooks', handler);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await (i % 2 ? a : b).enqueue('test.shared', { i }));
      a.start();
      b.start();
      await Promise.all([a.idle(), b.idle()]);
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
    });
  });
}
