/**
 * The JobQueue port on BullMQ (JOB_QUEUE=bullmq, REDIS_URL). The `jobs` table stays the source of truth — enqueue is
 * still one INSERT, inside the caller's transaction when it passes one, and the guarded claim still decides who runs a
 * job — while BullMQ replaces the polling: each row is announced on a BullMQ queue per lane (jobId = the row id, so
 * BullMQ keeps one entry per row however often it is announced), and a BullMQ Worker claims that row and runs it.
 * Redis holds only row ids, never a payload (payloads can hold health data).
 *
 * What can go wrong, and what covers it:
 * - the caller's transaction has not committed yet: the announcement waits until this process can see the row (it
 *   gives up after a while: the transaction rolled back, or the relay will see it);
 * - the process died between commit and announcement, or Redis lost the entry: the relay (every `relayMs`, in every
 *   process that runs jobs) announces rows still queued, and rows whose heartbeat stopped, that BullMQ does not hold;
 * - a worker died mid-job: BullMQ notices the stalled entry and hands it to another worker, which waits for the
 *   row's lease to run out (the heartbeat, not BullMQ's lock, says the first run is really gone) and takes it over;
 * - one row announced twice, or an entry for a row already done: the claim finds it taken or finished, and the
 *   entry completes without running anything.
 * Jobs held back (`runAfter`, RetryJobLater) become BullMQ delayed entries.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/index.js';
import { CONTENDED, EmbeddedJobQueue, type JobQueueOptions } from './job-queue.js';
import { LANES, type EnqueueOptions, type Lane } from './job-queue.port.js';

export interface BullMqSettings {
  redisUrl: string;
  /** Redis key prefix (JOB_QUEUE_PREFIX): deployments, or tests, sharing one Redis keep apart. */
  prefix: string;
  /** How often the relay looks for rows BullMQ does not hold (default 5 s). */
  relayMs?: number;
  /** BullMQ's lock and stall check (defaults 30 s each); tests shorten them to see a crash recovered quickly. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Redis and dispatch errors (the jobs stay in the table; the relay tries again). */
  onDispatchError?: (error: unknown, operation: string) => void;
}

const DEFAULT_RELAY_MS = 5000;
/** Rows the relay looks at per lane and pass: enough to keep up, few enough to keep a pass short. */
const RELAY_BATCH = 200;
/** Waits before looking again for a row enqueued inside a transaction (about 15 s in all). */
const COMMIT_WAITS_MS = [0, 10, 25, 50, 100, 250, 500, 1000, 2000, 4000, 8000];

export const queueName = (lane: Lane): string => `jobs-${lane}`;

export class BullMqJobQueue extends EmbeddedJobQueue {
  private readonly producer: Redis;
  private readonly queues: Record<Lane, Queue>;
  private readonly workerConnections: Redis[] = [];
  private bullWorkers: Worker[] = [];
  private readonly dispatches = new Set<Promise<void>>();
  private relayTimer: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  private started = false;
  /** Ends the waits for uncommitted rows on stop (the relay of whichever process runs jobs covers those rows). */
  private readonly stopping = new AbortController();

  constructor(
    db: Kysely<Tables>,
    clock: Clock,
    private readonly settings: BullMqSettings,
    options: JobQueueOptions = {},
  ) {
    super(db, clock, options);
    this.producer = this.connect('producer', 20);
    const queue = (lane: Lane) => {
      const q = new Queue(queueName(lane), { connection: this.producer, prefix: settings.prefix });
      q.on('error', (error) => this.report(error, 'queue'));
      return q;
    };
    this.queues = { default: queue('default'), bulk: queue('bulk'), webhooks: queue('webhooks') };
  }

  override async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const id = await super.enqueue(kind, payload, options);
    const lane = this.handlers.get(kind)!.lane;
    // Inside a transaction the row is not there for anyone else yet: announce it once it is (not before the caller
    // commits, never if it rolls back). Either way the caller does not wait for Redis.
    this.track(options.db ? this.dispatchWhenCommitted(id, lane) : this.dispatch(id, lane, options.runAfter?.toISOString() ?? null));
    return id;
  }

  override start(): void {
    if (this.started) return;
    this.started = true;
    for (const lane of LANES) {
      const connection = this.connect(`worker ${lane}`, null);
      this.workerConnections.push(connection);
      const worker = new Worker(queueName(lane), (job, token) => this.process(job, token), {
        connection,
        prefix: this.settings.prefix,
        concurrency: this.workers[lane],
        ...(this.settings.lockDurationMs ? { lockDuration: this.settings.lockDurationMs } : {}),
        ...(this.settings.stalledIntervalMs ? { stalledInterval: this.settings.stalledIntervalMs } : {}),
      });
      worker.on('error', (error) => this.report(error, 'worker'));
      this.bullWorkers.push(worker);
    }
    this.relayTimer = setInterval(() => this.nudge(), this.settings.relayMs ?? DEFAULT_RELAY_MS);
    this.relayTimer.unref();
    this.nudge();
  }

  /** Lets running jobs finish (BullMQ's close waits for them), then closes the queues and connections. */
  override async stop(): Promise<void> {
    clearInterval(this.relayTimer);
    this.stopping.abort();
    this.started = false;
    await Promise.all(this.bullWorkers.map((worker) => worker.close()));
    this.bullWorkers = [];
    await this.relaying;
    await Promise.all(this.dispatches);
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
    for (const connection of [this.producer, ...this.workerConnections]) connection.disconnect();
    this.workerConnections.length = 0;
  }

  /** One relay pass at a time; idle() asks for one too, so jobs that came due on a test clock are promoted. */
  protected override nudge(): void {
    if (!this.started || this.relaying) return;
    this.relaying = this.relay()
      .catch((error: unknown) => this.report(error, 'relay'))
      .finally(() => (this.relaying = undefined));
  }

  /** A BullMQ entry names a row: claim it (the guard), then run it like the embedded queue does. */
  private async process(entry: BullJob, token: string | undefined): Promise<void> {
    const outcome = await this.claimById(entry.id!);
    if (outcome === CONTENDED || 'missing' in outcome || 'finished' in outcome) return; // someone else has it, or it is done
    if ('notBefore' in outcome) {
      // Not due yet, or its first run may still be alive: come back when its run_after or lease says.
      const wait = Math.max(0, outcome.notBefore.getTime() - this.clock.now().getTime());
      await entry.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    await this.run(outcome);
    // RetryJobLater queued the row again: this entry becomes the delayed one (a new add would meet this active id).
    const row = await this.db.selectFrom('jobs').select(['state', 'run_after']).where('id', '=', outcome.id).executeTakeFirst();
    if (row?.state === 'queued') {
      const wait = row.run_after ? Math.max(0, Date.parse(row.run_after) - this.clock.now().getTime()) : 0;
      await entry.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
  }

  private async dispatch(id: string, lane: Lane, runAfter: string | null): Promise<void> {
    const delay = runAfter ? Math.max(0, Date.parse(runAfter) - this.clock.now().getTime()) : 0;
    // Finished entries are removed: the row keeps the outcome, and the relay may announce the id again if needed.
    await this.queues[lane].add(lane, {}, { jobId: id, delay, removeOnComplete: true, removeOnFail: true });
  }

  private async dispatchWhenCommitted(id: string, lane: Lane): Promise<void> {
    for (const wait of COMMIT_WAITS_MS) {
      if (wait > 0) await sleep(wait, undefined, { signal: this.stopping.signal, ref: false }).catch(() => undefined);
      if (this.stopping.signal.aborted) return;
      const row = await this.db.selectFrom('jobs').select(['state', 'run_after']).where('id', '=', id).executeTakeFirst();
      if (row) {
        if (row.state === 'queued') await this.dispatch(id, lane, row.run_after);
        return;
      }
    }
  }

  /** Announces rows BullMQ does not hold: queued ones (due or not), and running ones whose heartbeat stopped. */
  private async relay(): Promise<void> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.options.leaseMs).toISOString();
    for (const lane of LANES) {
      const kinds = [...this.handlers].filter(([, h]) => h.lane === lane).map(([kind]) => kind);
      if (kinds.length === 0) continue;
      const rows = (state: 'queued' | 'running') =>
        this.db
          .selectFrom('jobs')
          .select(['id', 'run_after'])
          .where('lane', '=', lane)
          .where('state', '=', state)
          .where('kind', 'in', kinds)
          .$if(state === 'running', (q) => q.where('updated_at', '<', staleBefore))
          .orderBy('created_at')
          .limit(RELAY_BATCH)
          .execute();
      for (const row of [...(await rows('running')), ...(await rows('queued'))]) {
        const due = !row.run_after || row.run_after <= now.toISOString();
        const held = await this.queues[lane].getJob(row.id);
        if (!held) await this.dispatch(row.id, lane, row.run_after);
        else if (due && (await held.isDelayed())) await held.promote().catch(() => undefined);
      }
    }
  }

  private track(dispatch: Promise<void>): void {
    const tracked = dispatch.catch((error: unknown) => this.report(error, 'dispatch')).finally(() => this.dispatches.delete(tracked));
    this.dispatches.add(tracked);
  }

  /** `maxRetriesPerRequest: null` for workers, as BullMQ requires: a blocking read must wait out a Redis restart. */
  private connect(role: string, maxRetriesPerRequest: number | null): Redis {
    const connection = new Redis(this.settings.redisUrl, { maxRetriesPerRequest });
    connection.on('error', (error) => this.report(error, `redis ${role}`));
    return connection;
  }

  private report(error: unknown, operation: string): void {
    this.settings.onDispatchError?.(error, operation);
  }
}
