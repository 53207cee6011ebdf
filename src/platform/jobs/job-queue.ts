/**
 * The embedded job queue (the JobQueue port's default; BullMqJobQueue reuses its rows and runner): jobs are rows (they survive a restart), run in this process by one worker loop per lane.
 * Lanes keep a long import from delaying small uploads ('bulk' vs 'default').
 *
 * Claiming is a guarded UPDATE (state must still be 'queued'), so two processes sharing a PostgreSQL database never
 * both run one job. A running job refreshes its `updated_at` every HEARTBEAT_MS; a job whose heartbeat stopped for
 * LEASE_MS (its process died) is queued again. Handlers must therefore be idempotent, which ingest is by construction
 * (dedup keys). A handler that throws marks the job failed with its message; there is no automatic retry: ingest
 * failures are about the data, and the handler records them where the user can read them. A handler that wants
 * another go later throws `RetryJobLater`: the job is queued again, not to be claimed before the time it names
 * (`run_after`; `enqueue` can set one too). The 'webhooks' lane runs several jobs at once, so one slow receiver does
 * not hold up the rest. A finished job's payload is cleared. An outcome is recorded only by the attempt that still
 * owns the row (state and attempt number), so a run that lost its lease cannot overwrite the newer attempt's.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/index.js';
import { newId } from '../ids.js';
import { LANES, RetryJobLater, type EnqueueOptions, type Job, type JobHandler, type JobQueue, type Lane } from './job-queue.port.js';

export { RetryJobLater, type Job, type JobHandler, type Lane };

export interface JobQueueOptions {
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
  readonly leaseMs?: number;
  readonly onError?: (job: Job, error: unknown) => void;
  /** Jobs run at once per lane (default: one, except 'webhooks': eight, since they mostly wait on the network). */
  readonly workers?: Partial<Record<Lane, number>>;
}

const DEFAULTS = { pollMs: 1000, heartbeatMs: 30_000, leaseMs: 120_000 };
const DEFAULT_WORKERS: Record<Lane, number> = { default: 1, bulk: 1, webhooks: 8 };

/** A claim that found a job but lost it to another worker: try again at once instead of sleeping. */
export const CONTENDED = Symbol('contended');

/** Why a job could not be claimed by id: gone (or not committed yet), finished, or not due before `notBefore`. */
export type ClaimByIdOutcome = Job | typeof CONTENDED | { missing: true } | { finished: true } | { notBefore: Date };

export class EmbeddedJobQueue implements JobQueue {
  protected readonly handlers = new Map<string, { lane: Lane; handler: JobHandler }>();
  private readonly wake = new Map<Lane, Set<() => void>>();
  protected readonly workers: Record<Lane, number>;
  private readonly loops: Promise<void>[] = [];
  private running = false;
  protected active = 0;
  private idleWaiters: (() => void)[] = [];
  protected readonly options: Required<Omit<JobQueueOptions, 'onError' | 'workers'>> & Pick<JobQueueOptions, 'onError'>;

  constructor(
    protected readonly db: Kysely<Tables>,
    protected readonly clock: Clock,
    options: JobQueueOptions = {},
  ) {
    const { workers, ...rest } = options;
    this.options = { ...DEFAULTS, ...rest };
    this.workers = { ...DEFAULT_WORKERS, ...workers };
  }

  register(kind: string, lane: Lane, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.handlers.set(kind, { lane, handler });
  }

  /**
   * Adds a job; pass `db` (a transaction) to enqueue atomically with the caller's own writes, and `runAfter` to hold it
   * back until then.
   */
  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const registered = this.handlers.get(kind);
    if (!registered) throw new Error(`no handler for job kind ${kind}`);
    const id = newId('job');
    const now = this.clock.now().toISOString();
    await (options.db ?? this.db)
      .insertInto('jobs')
      .values({
        id,
        kind,
        lane: registered.lane,
        person_id: options.personId ?? null,
        payload: JSON.stringify(payload),
        state: 'queued',
        created_at: now,
        updated_at: now,
        run_after: options.runAfter ? options.runAfter.toISOString() : null,
      })
      .execute();
    this.wakeLane(registered.lane, 1);
    return id;
  }

  /**
   * Adds a job for the person unless one of that kind is already waiting (a burst of writes asks for one recompute,
   * not one each). A job already running does not count: it may have read the data before the latest write.
   */
  async enqueueOnce(kind: string, personId: string): Promise<string | null> {
    const waiting = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', kind)
      .where('person_id', '=', personId)
      .where('state', '=', 'queued')
      .limit(1)
      .executeTakeFirst();
    if (waiting) return null;
    return this.enqueue(kind, {}, { personId });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const lane of LANES) {
      for (let worker = 0; worker < this.workers[lane]; worker += 1) this.loops.push(this.loop(lane, worker));
    }
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    this.running = false;
    for (const lane of LANES) this.wakeLane(lane);
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** Jobs waiting and running, for health endpoints. */
  async counts(): Promise<{ queued: number; running: number }> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', 'in', ['queued', 'running'])
      .groupBy('state')
      .execute();
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { queued: count('queued'), running: count('running') };
  }

  /**
   * Resolves when no job is due or running (tests, CLI). Jobs held back until later (`run_after` in the future) do not
   * count; the lanes are woken first, so jobs that came due because the clock moved are run.
   */
  async idle(): Promise<void> {
    for (;;) {
      this.nudge();
      const now = this.clock.now().toISOString();
      const pending = await this.db
        .selectFrom('jobs')
        .select('id')
        .where('state', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('state', '=', 'running'), eb('run_after', 'is', null), eb('run_after', '<=', now)]))
        .limit(1)
        .execute();
      if (pending.length === 0 && this.active === 0) return;
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }

  /** Makes the workers look for due jobs now (idle() after the clock moved). */
  protected nudge(): void {
    for (const lane of LANES) this.wakeLane(lane);
  }

  /** Wakes sleeping workers of a lane: one per new job is enough; all of them to stop or to look again. */
  private wakeLane(lane: Lane, count = Infinity): void {
    let woken = 0;
    for (const wake of [...(this.wake.get(lane) ?? [])]) {
      if (woken++ >= count) break;
      wake();
    }
  }

  private async loop(lane: Lane, worker: number): Promise<void> {
    while (this.running) {
      const job = await this.claim(lane, worker).catch(() => null);
      if (job === CONTENDED) continue;
      if (job) {
        await this.run(job);
        continue;
      }
      await new Promise<void>((resolve) => {
        const wakers = this.wake.get(lane) ?? new Set<() => void>();
        this.wake.set(lane, wakers);
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, this.options.pollMs);
        timer.unref();
        wakers.add(wake);
      });
    }
  }

  private async claim(lane: Lane, worker: number): Promise<Job | null | typeof CONTENDED> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - this.options.leaseMs).toISOString();
    const kinds = [...this.handlers].filter(([, h]) => h.lane === lane).map(([kind]) => kind);
    if (kinds.length === 0) return null;
    // Two index range reads (lane, state, created_at) rather than one OR: with many jobs queued, the OR made SQLite sort
    // every queued row on each claim. Jobs whose process died go first; there are never many of them.
    const pick = (state: 'queued' | 'running') =>
      this.db
        .selectFrom('jobs')
        .select(['id', 'state', 'updated_at', 'attempts'])
        .where('lane', '=', lane)
        .where('state', '=', state)
        .where('kind', 'in', kinds)
        .where((eb) =>
          state === 'running'
            ? eb('updated_at', '<', staleBefore)
            : eb.or([eb('run_after', 'is', null), eb('run_after', '<=', now.toISOString())]),
        )
        .orderBy('created_at')
        .limit(this.workers[lane])
        .execute();
    const stale = await pick('running');
    const candidates = stale.length > 0 ? stale : await pick('queued');
    // Workers of one lane start from different candidates, so they rarely race for the same row.
    const candidate = candidates[worker % Math.max(1, candidates.length)];
    if (!candidate) return null;
    return this.take(candidate, now);
  }

  /** The guarded UPDATE: only one of the workers that saw the row in this state wins it. */
  private async take(
    seen: { id: string; state: string; updated_at: string; attempts: number },
    now: Date,
  ): Promise<Job | typeof CONTENDED> {
    const claimed = await this.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', updated_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', seen.id)
      .where('state', '=', seen.state)
      // Compare-and-set on the heartbeat too: without it, every worker that saw one stale job would take it over.
      .where('updated_at', '=', seen.updated_at)
      // And on the attempt count, which every claim raises: a job run and queued again for later (RetryJobLater) in
      // the same millisecond looks unchanged otherwise, and a worker that read it before would run it early.
      .where('attempts', '=', seen.attempts)
      .returning(['id', 'kind', 'person_id', 'payload', 'attempts'])
      .executeTakeFirst();
    if (!claimed) return CONTENDED;
    return {
      id: claimed.id,
      kind: claimed.kind,
      personId: claimed.person_id,
      payload: JSON.parse(claimed.payload),
      attempts: claimed.attempts,
    };
  }

  protected async run(job: Job): Promise<void> {
    this.active += 1;
    const heartbeat = setInterval(() => {
      void this.db
        .updateTable('jobs')
        .set({ updated_at: this.clock.now().toISOString() })
        .where('id', '=', job.id)
        .where('state', '=', 'running')
        .where('attempts', '=', job.attempts)
        .execute()
        .catch(() => undefined);
    }, this.options.heartbeatMs);
    heartbeat.unref();
    try {
      await this.handlers.get(job.kind)!.handler(job);
      await this.finish(job, 'completed', null);
    } catch (error) {
      if (error instanceof RetryJobLater) await this.requeue(job, error);
      else {
        this.options.onError?.(job, error);
        await this.finish(job, 'failed', error instanceof Error ? error.message : String(error));
      }
    } finally {
      clearInterval(heartbeat);
      this.active -= 1;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  protected async requeue(job: Job, retry: RetryJobLater): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state: 'queued', run_after: retry.at.toISOString(), last_error: retry.message, updated_at: this.clock.now().toISOString() })
      .where('id', '=', job.id)
      .where((eb) => this.stillOurs(eb, job))
      .execute();
  }

  protected async finish(job: Job, state: 'completed' | 'failed', error: string | null): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ state, last_error: error, updated_at: this.clock.now().toISOString() })
      .where('id', '=', job.id)
      .where((eb) => this.stillOurs(eb, job))
      .execute();
  }

  /**
   * The row is still this run's: running, with the attempt number our claim gave it. A run so slow that its lease
   * expired and another worker took the job over must not record its outcome over the newer attempt's.
   */
  private stillOurs(eb: ExpressionBuilder<Tables, 'jobs'>, job: Job) {
    return eb.and([eb('state', '=', 'running'), eb('attempts', '=', job.attempts)]);
  }

  /**
   * Claims one given job (BullMQ names the row to run): a queued job that is due, or a running one whose process
   * stopped heart-beating for the lease. The same guarded UPDATE as `claim`, so a job dispatched twice runs once.
   */
  protected async claimById(id: string): Promise<ClaimByIdOutcome> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('jobs')
      .select(['id', 'state', 'updated_at', 'run_after', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return { missing: true };
    if (row.state !== 'queued' && row.state !== 'running') return { finished: true };
    if (row.state === 'queued' && row.run_after && row.run_after > now.toISOString()) return { notBefore: new Date(row.run_after) };
    if (row.state === 'running') {
      const leaseEnds = Date.parse(row.updated_at) + this.options.leaseMs;
      if (leaseEnds > now.getTime()) return { notBefore: new Date(leaseEnds) };
    }
    return this.take(row, now);
  }
}
